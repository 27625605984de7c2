"""A permalink never shows readers the text of a comment a moderator took down."""

from parley.discussion import selectors, services


def test_a_permalink_under_a_removed_root_shows_a_placeholder_not_its_text(thread, alice, bob):
    """The reply stays reachable; its held parent appears only as "removed"."""
    root = services.comment_create(thread_id=thread.pk, author=alice, body="Secret words here.")
    reply = services.comment_create(
        thread_id=thread.pk, author=bob, body="A fair answer.", parent_id=root.pk
    )
    services.comment_moderate(comment_id=root.pk, status="held", reason="Checking.", actor=None)
    for viewer in (selectors.Viewer(), selectors.Viewer.of(bob)):
        branch = selectors.comment_branch(comment_id=reply.pk, viewer=viewer)
        shown = str(branch)
        assert "Secret words" not in shown
        assert "A fair answer." in shown
    own = selectors.comment_branch(comment_id=reply.pk, viewer=selectors.Viewer.of(alice))
    assert "Secret words" in str(own)
