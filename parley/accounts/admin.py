"""Wagtail's user admin with Parley's profile fields and the commenting state staff must see.

Registered through parley.accounts.apps.UsersAdminConfig (Wagtail's documented way to swap
the user viewset). The display name and bio go through the accounts services, so the admin
applies the same name rules as the reader's own settings page.
"""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from parley.accounts import services
from parley.accounts.errors import AccountError

COMMENTING_FIELDS = ["banned", "suspended_until", "always_premoderate", "shadow_banned"]


class ProfileFieldsMixin(forms.Form):
    """Display name and bio checked by the accounts services, plus the commenting state."""

    display_name = forms.CharField(
        label="Display name",
        required=False,
        max_length=200,
        help_text="Shown beside comments instead of the username; empty shows the username.",
    )
    bio = forms.CharField(label="Bio", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    remove_avatar = forms.BooleanField(
        label="Remove the uploaded picture",
        required=False,
        help_text="The person's generated pattern is shown instead.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Readers sign up with a username and an email address only.
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False
        if self.instance.pk:
            self.fields["display_name"].initial = self.instance.display_name
            self.fields["bio"].initial = self.instance.bio
        if not self.instance.avatar:
            del self.fields["remove_avatar"]

    def clean_username(self):
        """One namespace with display names, look-alikes included, as at sign-up."""
        username = self.cleaned_data["username"]
        try:
            services.name_check(username, user_id=self.instance.pk, field="username")
        except AccountError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        return username

    def clean_display_name(self):
        try:
            return services.display_name_validate(
                user=self.instance, display_name=self.cleaned_data["display_name"]
            )
        except AccountError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None

    def clean_bio(self):
        try:
            return services.bio_validate(self.cleaned_data["bio"])
        except AccountError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            self.save_profile(user)
        return user

    def save_profile(self, user) -> None:
        try:
            services.profile_update(
                user=user,
                display_name=self.cleaned_data["display_name"],
                bio=self.cleaned_data["bio"],
            )
        except AccountError as exc:
            # Only a race with another look-alike name gets here; the edit view's
            # transaction rolls back the rest of the change.
            raise forms.ValidationError(exc.message) from None
        if self.cleaned_data.get("remove_avatar"):
            services.avatar_clear(user=user)


class ParleyUserCreationForm(ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(COMMENTING_FIELDS)


class ParleyUserEditForm(ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(COMMENTING_FIELDS)


class UserViewSet(WagtailUserViewSet):
    create_template_name = "accounts/admin/user_create.html"
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return ParleyUserEditForm if for_update else ParleyUserCreationForm
