"""HTML forms of the profile pages: they parse input; the services decide."""

from django import forms
from django.conf import settings

from parley.accounts import services

COMMENT_CHOICES = [
    ("keep", "Keep them, shown as written by “deleted user”"),
    ("remove", "Remove them (where others replied, a “This comment was deleted” note stays)"),
]


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label="Display name",
        required=False,
        # The service counts characters after cleaning; this only stops absurd input early.
        max_length=200,
        help_text="Shown beside your comments instead of your username. "
        f"At most {services.DISPLAY_NAME_MAX_LENGTH} characters; leave empty to use your username.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    bio = forms.CharField(
        label="About you",
        required=False,
        max_length=2000,
        help_text="A few words for your public profile, "
        f"at most {services.BIO_MAX_LENGTH} characters.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label="New picture",
        help_text="A JPEG, PNG, WebP or GIF image of at most 5 MB; we crop it to a square.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )


class DeleteAccountForm(forms.Form):
    comments = forms.ChoiceField(
        label="Your comments",
        choices=COMMENT_CHOICES,
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    username = forms.CharField(label="Your username", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["comments"].initial = settings.PARLEY_ACCOUNT_DELETE_COMMENTS
        if user.has_usable_password():
            del self.fields["username"]
        else:
            # Accounts that only sign in through a provider confirm with their username.
            del self.fields["password"]
            self.fields["username"].required = True
            self.fields["username"].help_text = "Type your username to confirm."

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password

    def clean_username(self):
        username = self.cleaned_data["username"]
        if username != self.user.get_username():
            raise forms.ValidationError("That is not your username.", code="wrong_username")
        return username
