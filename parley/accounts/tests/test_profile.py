"""The profile settings page, the public profile, identicons, and the staff view of accounts."""

from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image

from parley.accounts import selectors, services
from parley.discussion import services as discussion
from parley.discussion.models import Thread

SETTINGS_URL = "/accounts/profile/"


def test_settings_page_needs_a_signed_in_reader(client, db):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/profile/")


def test_reader_sets_display_name_and_bio(client, alice):
    client.force_login(alice)
    page = client.get(SETTINGS_URL)
    assert page.status_code == 200
    html = page.content.decode()
    for label in ('for="id_display_name"', 'for="id_bio"', 'for="id_avatar"'):
        assert label in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert reverse("account_email") in html and reverse("account_change_password") in html
    response = client.post(
        SETTINGS_URL, {"display_name": "  Alice \u202eA.  ", "bio": "Reads\r\nthe news."}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice A."  # bidi override stripped, spaces collapsed
    assert alice.bio == "Reads\nthe news."
    assert selectors.display_name(alice) == "Alice A."


@pytest.mark.parametrize(
    ("display_name", "message"),
    [
        ("\u200b\u200b\u2066\u2069", "at least one visible character"),
        ("\x01\x7f\x1b", "at least one visible character"),
        ("\x00", "Null characters are not allowed"),
        ("\u3164\u3164", "at least one visible character"),  # Hangul filler
        ("x" * 51, "at most 50 characters"),
    ],
)
def test_bad_display_names_get_clear_errors_and_nothing_is_stored(
    client, alice, display_name, message
):
    client.force_login(alice)
    response = client.post(SETTINGS_URL, {"display_name": display_name, "bio": "kept?"})
    assert response.status_code == 400
    assert message in response.content.decode()
    alice.refresh_from_db()
    assert (alice.display_name, alice.bio, alice.name_key) == ("", "", None)


def test_an_overlong_bio_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(SETTINGS_URL, {"display_name": "", "bio": "b" * 501})
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    alice.refresh_from_db()
    assert alice.bio == ""


def test_a_taken_name_is_refused_on_the_page(client, alice, make_user):
    make_user("vendor")
    client.force_login(alice)
    response = client.post(SETTINGS_URL, {"display_name": "v\u0435ndor", "bio": ""})
    assert response.status_code == 400
    assert "taken" in response.content.decode()


def test_a_new_name_gives_the_reader_s_threads_a_new_version(alice, thread):
    """Cached discussion pages are keyed by the thread version, so they show the new name."""
    discussion.comment_create(thread_id=thread.pk, author=alice, body="First!")
    before = Thread.objects.get(pk=thread.pk).version
    services.profile_update(user=alice, display_name="Alice A.", bio="")
    assert Thread.objects.get(pk=thread.pk).version == before + 1


# Public profile ----------------------------------------------------------------------------


def test_public_profile_lists_only_visible_comments_newest_first(client, alice, bob, thread):
    services.profile_update(user=alice, display_name="Alice A.", bio="Reads <b>everything</b>.")
    older = discussion.comment_create(thread_id=thread.pk, author=alice, body="Older comment")
    newer = discussion.comment_create(thread_id=thread.pk, author=alice, body="Newer comment")
    gone = discussion.comment_create(thread_id=thread.pk, author=alice, body="Deleted comment")
    discussion.comment_create(
        thread_id=thread.pk, author=bob, body="Bob replies", parent_id=gone.pk
    )
    discussion.comment_delete(comment_id=gone.pk, actor=alice)  # a tombstone (it has a reply)
    premoderated = discussion.thread_for_key(
        site="example", key="story-2", url="https://example.org/story-2", title="Story two"
    )
    Thread.objects.filter(pk=premoderated.pk).update(mode=Thread.Mode.PREMODERATED)
    discussion.comment_create(thread_id=premoderated.pk, author=alice, body="Held comment")

    response = client.get("/people/alice/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Alice A." in html
    assert "Reads &lt;b&gt;everything&lt;/b&gt;." in html  # escaped, never markup
    assert html.index("Newer comment") < html.index("Older comment")
    assert "Deleted comment" not in html and "Held comment" not in html
    assert f"https://example.org/story-1?comment={newer.pk}#comment-{newer.pk}" in html
    assert f"comment={older.pk}" in html
    # Their own held comment shows to them alone.
    client.force_login(alice)
    own = client.get("/people/alice/").content.decode()
    assert "Held comment" in own and "awaiting review" in own


def test_profile_of_nobody_is_404(client, db):
    assert client.get("/people/nobody/").status_code == 404


def test_comments_on_hidden_discussions_stay_off_the_profile(client, alice, thread):
    discussion.comment_create(thread_id=thread.pk, author=alice, body="Under a hidden article")
    Thread.objects.filter(pk=thread.pk).update(mode=Thread.Mode.HIDDEN)
    assert "Under a hidden article" not in client.get("/people/alice/").content.decode()


# Identicons ---------------------------------------------------------------------------------


def test_identicon_is_a_symmetric_png_cached_by_its_version(client, alice):
    url = selectors.avatar_url(alice)
    assert url.startswith("/people/alice/avatar.png?v=")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=31536000" in response["Cache-Control"]
    image = Image.open(BytesIO(response.content))
    assert image.size == (256, 256)
    pixels = image.convert("RGB").load()
    for y in range(0, 256, 8):
        for x in range(128):
            assert pixels[x, y] == pixels[255 - x, y]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    # Without the version the URL may later mean another picture: a short lifetime.
    assert "max-age=86400" in client.get("/people/alice/avatar.png")["Cache-Control"]


def test_identicons_differ_between_people(client, alice, bob):
    one = client.get(selectors.avatar_url(alice)).content
    two = client.get(selectors.avatar_url(bob)).content
    assert one != two


def test_comment_nodes_carry_the_avatar_url(client, alice, thread):
    comment = discussion.comment_create(thread_id=thread.pk, author=alice, body="Hello")
    data = client.get(f"/api/v1/comments/{comment.pk}").json()
    assert data["author"]["url"] == selectors.avatar_url(alice)


# Staff ---------------------------------------------------------------------------------------


def test_staff_see_and_set_profile_and_commenting_state_in_the_user_admin(
    client, alice, django_user_model
):
    admin = django_user_model.objects.create_superuser("editor", "e@x.example", "pw")
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[alice.pk])
    html = client.get(url).content.decode()
    for field in ("display_name", "bio", "banned", "suspended_until", "always_premoderate"):
        assert f'name="{field}"' in html
    assert 'name="shadow_banned"' in html
    response = client.post(
        url,
        {
            "username": "alice",
            "email": "alice@readers.example",
            "first_name": "",
            "last_name": "",
            "password1": "",
            "password2": "",
            "is_active": "on",
            "display_name": "Alice from the admin",
            "bio": "",
            "banned": "on",
            "suspended_until": "2030-01-02 03:04",
            "always_premoderate": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    alice.refresh_from_db()
    assert alice.display_name == "Alice from the admin"
    assert alice.banned and alice.always_premoderate and not alice.shadow_banned
    assert alice.suspended_until.year == 2030
    # The admin applies the same name rules.
    response = client.post(
        url,
        {"username": "alice", "email": "alice@readers.example", "is_active": "on",
         "display_name": "\u200b", "bio": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "at least one visible character" in response.content.decode()


def test_staff_cannot_rename_an_account_to_a_look_alike(
    client, alice, make_user, django_user_model
):
    make_user("vendor")
    admin = django_user_model.objects.create_superuser("editor", "e@x.example", "pw")
    client.force_login(admin)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[alice.pk]),
        {"username": "VEND0R", "email": "alice@readers.example", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "looks too much like someone else" in response.content.decode()
    alice.refresh_from_db()
    assert alice.username == "alice"
