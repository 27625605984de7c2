"""Names: one namespace for usernames and display names, compared by a look-alike key."""

import pytest

from parley.accounts import services
from parley.accounts.errors import AccountError
from parley.accounts.names import name_key

CYRILLIC_E = "\u0435"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("vendor", f"v{CYRILLIC_E}ndor"),  # Cyrillic e
        ("vendor", "VENDOR"),
        ("vendor", "\uff56\uff45\uff4e\uff44\uff4f\uff52"),  # fullwidth
        ("paypal", "PAYPA1"),  # digit one for l
        ("bob", "b0b"),  # digit zero for o
        ("modern", "rnodern"),  # r + n for m
        ("file", "\ufb01le"),  # the fi ligature
        ("Zoë", "Zoe\u0308"),  # composed and decomposed
        ("strasse", "STRASSE"),
        ("straße", "STRASSE"),
        ("ada", "\u0430d\u0430"),  # Cyrillic a
    ],
)
def test_look_alikes_share_a_key(a, b):
    """Names that read the same share a key, whatever their code points or case."""
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("vendor", "vendors"), ("ivan", "iván"), ("ann", "anna")])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_a_look_alike_display_name_of_another_display_name_is_refused(alice, bob):
    """A look-alike with a Cyrillic e cannot be taken once someone is "vendor"."""
    services.profile_update(user=alice, display_name="vendor", bio="")
    with pytest.raises(AccountError) as refused:
        services.profile_update(user=bob, display_name=f"V{CYRILLIC_E}NDOR", bio="")
    assert refused.value.code == "name_taken"
    assert "taken" in refused.value.message
    bob.refresh_from_db()
    assert bob.display_name == "" and bob.name_key is None


def test_a_display_name_cannot_pose_as_another_users_username(alice, make_user):
    """Usernames and display names share the namespace."""
    make_user("vendor")
    with pytest.raises(AccountError):
        services.profile_update(user=alice, display_name=f"v{CYRILLIC_E}ndor", bio="")


def test_a_username_cannot_pose_as_another_users_display_name(alice):
    services.profile_update(user=alice, display_name="NightOwl", bio="")
    with pytest.raises(AccountError):
        services.name_check("NIGHT0WL", user_id=None, field="username")
    services.name_check("night_owl", user_id=None, field="username")  # a different name


def test_own_username_may_be_the_display_name(alice):
    services.profile_update(user=alice, display_name="Alice", bio="")
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
    assert alice.name_key == "alice" == alice.username_key


def test_nobody_may_be_called_deleted_user(alice):
    with pytest.raises(AccountError):
        services.profile_update(user=alice, display_name="Deleted User", bio="")


def test_username_keys_are_kept_for_every_new_account(django_user_model, make_user):
    """However an account is created, its username key is derived and unique."""
    user = django_user_model.objects.create_user("Marguerite", password="x")
    assert user.username_key == "rnarguerite"
    assert make_user("kofi").username_key == "kofi"


def test_an_empty_display_name_falls_back_to_the_username(alice):
    services.profile_update(user=alice, display_name="Alice A.", bio="")
    services.profile_update(user=alice, display_name="   ", bio="")
    alice.refresh_from_db()
    assert alice.display_name == "" and alice.name_key is None
