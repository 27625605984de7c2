"""Profile pages: each view parses, authorises, calls one service or selector, shows the result."""

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parley.accounts import avatars, forms, selectors, services
from parley.accounts.errors import AccountError
from parley.discussion import selectors as discussion

PROFILE_COMMENTS = 20
YEAR = 365 * 24 * 3600


def public_user(username: str):
    user = selectors.user_by_username(username)
    if user is None:
        raise Http404("No such person.")
    return user


@require_GET
def profile(request, username):
    """A person's public profile: name, picture, bio and their latest visible comments."""
    user = public_user(username)
    viewer = discussion.Viewer.of(request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "person": selectors.profile(user),
            "comments": discussion.comments_by_author(
                author_id=user.pk, viewer=viewer, limit=PROFILE_COMMENTS
            ),
            "own": request.user.is_authenticated and request.user.pk == user.pk,
        },
    )


@require_GET
def avatar(request, username):
    """The person's picture: a redirect to their upload, or their identicon (cached for long)."""
    user = public_user(username)
    if user.avatar:
        return HttpResponseRedirect(user.avatar.url)
    version = avatars.identicon_version(user.pk)
    etag = f'"{version}"'
    # A URL with the right version never changes; without it, browsers check back daily.
    max_age = YEAR if request.GET.get("v") == version else 24 * 3600
    cache_control = f"public, max-age={max_age}" + (", immutable" if max_age == YEAR else "")
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        png = avatars.identicon_png(user.pk, selectors.avatar_hue(user.pk))
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


@require_http_methods(["GET", "POST"])
@login_required
def settings_page(request):
    """Display name and bio (POST), and the page with every profile setting (GET)."""
    user = request.user
    profile_form = forms.ProfileForm(initial={"display_name": user.display_name, "bio": user.bio})
    if request.method == "POST":
        profile_form = forms.ProfileForm(request.POST)
        if profile_form.is_valid():
            try:
                services.profile_update(
                    user=user,
                    display_name=profile_form.cleaned_data["display_name"],
                    bio=profile_form.cleaned_data["bio"],
                )
            except AccountError as exc:
                profile_form.add_error(exc.field, exc.message)
            else:
                messages.success(request, "Your profile was saved.")
                return HttpResponseRedirect(reverse("accounts:settings"))
    return settings_response(request, profile_form=profile_form)


def settings_response(request, *, profile_form=None, avatar_form=None, status=None):
    user = request.user
    return render(
        request,
        "accounts/settings.html",
        {
            "profile_form": profile_form
            or forms.ProfileForm(initial={"display_name": user.display_name, "bio": user.bio}),
            "avatar_form": avatar_form or forms.AvatarForm(),
            "person": selectors.profile(user),
            "has_upload": bool(user.avatar),
        },
        status=status if status else (400 if request.method == "POST" else 200),
    )


@require_POST
@login_required
def avatar_upload(request):
    """Replace the signed-in person's picture with an uploaded one."""
    form = forms.AvatarForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.avatar_set(user=request.user, upload=form.cleaned_data["avatar"])
        except AccountError as exc:
            form.add_error("avatar", exc.message)
        else:
            messages.success(request, "Your picture was changed.")
            return HttpResponseRedirect(reverse("accounts:settings"))
    return settings_response(request, avatar_form=form)


@require_POST
@login_required
def avatar_remove(request):
    """Go back to the generated picture."""
    services.avatar_clear(user=request.user)
    messages.success(request, "Your picture was removed; your generated pattern is back.")
    return HttpResponseRedirect(reverse("accounts:settings"))


@require_GET
@login_required
def export(request):
    """ "Download my data": everything about the account as a JSON attachment."""
    data = services.account_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    filename = f"parley-{request.user.pk}-{stamp}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete(request):
    """ "Delete my account": confirm with the password and choose what happens to comments."""
    user = request.user
    form = forms.DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST":
        if not ratelimit.consume(request, action="reauthenticate", user=user):
            form.add_error(None, "Too many attempts. Please wait a minute and try again.")
        elif form.is_valid():
            services.account_delete(user=user, comments=form.cleaned_data["comments"])
            logout(request)
            # Not a message on the front page: anonymous pages come from the page cache.
            return HttpResponseRedirect(reverse("accounts:deleted"))
    return render(
        request,
        "accounts/delete.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def deleted(request):
    """The goodbye page after "Delete my account"."""
    return render(request, "accounts/deleted.html")
