"""What screening costs per comment: no list queries in the common case, and an editor's
change to a list still applies to the very next comment."""

import pytest

from parley.discussion import selectors, services
from parley.discussion.models import Comment
from parley.moderation import lists
from parley.moderation.models import BlockedDomain, ModeratedTerm, SectionPolicy
from parley.newsroom.tests import factories

pytestmark = pytest.mark.django_db
Status = Comment.Status
# A published comment with the default pipeline: the thread and the author's warnings, the
# two repeat checks; then in the transaction the locked thread, the comment and its path,
# the thread's version and the live event; then the audit entry. The savepoint pair is the
# test's transaction (BEGIN/COMMIT outside tests).
QUERIES_PER_COMMENT = 12


@pytest.fixture
def default_pipeline(settings):
    """Every phase on, as shipped (the conftest turns most off for the other tests)."""
    settings.PARLEY_COMMENT_RATE_BURST = 3
    settings.PARLEY_COMMENT_RATE_IP_BURST = 3
    settings.PARLEY_MODERATION_DUPLICATE_SECONDS = 600
    settings.PARLEY_TOXICITY_SCORER = "profanity"
    settings.PARLEY_MODERATION_SPAM_THRESHOLD = 1.0


@pytest.fixture
def article_thread(db):
    section = factories.section()
    article = factories.article(section, lead_image=False)
    SectionPolicy.objects.create(section=section, toxicity_threshold=0.9)
    ModeratedTerm.objects.create(term="grobble", kind="banned")
    ModeratedTerm.objects.create(term="rigged", kind="suspect")
    ModeratedTerm.objects.create(term="cheap pills", kind="spam")
    BlockedDomain.objects.create(domain="spam.example")
    return selectors.thread_for_page(article.pk)


def post(thread, user, body, **extra):
    return services.comment_create(thread_id=thread.pk, author=user, body=body, **extra)


def test_posting_a_comment_costs_a_fixed_number_of_queries(
    default_pipeline, article_thread, alice, bob, django_assert_num_queries
):
    """With lists, a section policy and a link, screening reads none of them from the database."""
    post(article_thread, alice, "The first comment warms the caches up.")
    with django_assert_num_queries(QUERIES_PER_COMMENT):
        comment = post(
            article_thread,
            bob,
            "A civil remark about the talks, with a source: https://example.org/report",
            client_ip="192.0.2.7",
        )
    assert comment.status == Status.PUBLISHED


def test_a_word_added_to_a_list_applies_to_the_next_comment(article_thread, alice):
    """The cached lists are reloaded after any change, in every process."""
    assert post(article_thread, alice, "Nothing wrong with marmalade").status == Status.PUBLISHED
    ModeratedTerm.objects.create(term="marmalade", kind="suspect")
    assert post(article_thread, alice, "More marmalade, please").status == Status.HELD
    ModeratedTerm.objects.filter(term="marmalade").delete()
    assert post(article_thread, alice, "Marmalade again").status == Status.PUBLISHED


def test_a_section_policy_change_applies_to_the_next_comment(article_thread, alice):
    """Pre-moderating a section holds the next comment on its articles."""
    assert post(article_thread, alice, "Before").status == Status.PUBLISHED
    policy = SectionPolicy.objects.get()
    policy.premoderate = True
    policy.save()
    assert post(article_thread, alice, "After").status == Status.HELD


def test_another_process_sees_a_change_through_the_shared_version(article_thread, alice):
    """A process holding old lists reloads them once the shared version moved on."""
    lists.current()
    stale = lists._loaded
    ModeratedTerm.objects.create(term="marmalade", kind="suspect")
    lists._loaded = (stale[0], stale[1])  # as if this process had not seen the save
    lists.bump()  # what the other process's save did to the shared version
    assert "marmalade" in [t.term for t in lists.current().terms]


def test_a_term_saved_through_the_snippet_editor_applies_at_once(
    article_thread, alice, django_user_model, client
):
    """Editors manage the lists as Wagtail snippets; their saves reach the screening."""
    assert post(article_thread, alice, "A note on marmalade").status == Status.PUBLISHED
    admin = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(admin)
    response = client.post(
        "/admin/snippets/moderation/moderatedterm/add/",
        {"term": "marmalade", "kind": "banned", "note": ""},
    )
    assert response.status_code == 302, response.content[:500]
    with pytest.raises(services.Rejected):
        post(article_thread, alice, "Still on marmalade")


def test_the_toxicity_model_is_loaded_once(default_pipeline, article_thread, alice, bob):
    """The scorer is one object per process; its model is read from disk once."""
    from parley.moderation.scorers import configured_scorer

    post(article_thread, alice, "Warm the scorer up.")
    first = configured_scorer()
    post(article_thread, bob, "A second comment, scored by the same model.")
    assert configured_scorer() is first
