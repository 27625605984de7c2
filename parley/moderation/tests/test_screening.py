"""The screening pipeline, phase by phase, through the discussion services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.discussion import selectors, services
from parley.discussion.errors import NotAllowed, RateLimited, Rejected
from parley.discussion.models import Comment, Thread
from parley.moderation import normalise
from parley.moderation.models import (
    AuditEntry,
    BlockedDomain,
    ModeratedTerm,
    ModeratorWarning,
    SectionPolicy,
)
from parley.moderation.phases import PHASES
from parley.moderation.services import warning_acknowledge

pytestmark = pytest.mark.django_db
Status = Comment.Status


def post(thread, user, body="Hello there", **kw):
    return services.comment_create(thread_id=thread.pk, author=user, body=body, **kw)


def page_ids(thread, user=None):
    viewer = selectors.Viewer.of(user)
    return [
        c["id"] for c in selectors.thread_comments_page(thread=thread, viewer=viewer)["comments"]
    ]


def test_phases_run_in_the_documented_order():
    """Who and where first; the costly scorer near the end."""
    assert [p.NAME for p in PHASES] == [
        "author", "thread", "rate", "duplicate", "words", "links", "newcomer", "toxicity", "spam",
    ]  # fmt: skip


def test_every_comment_logs_the_phase_that_decided(thread, alice):
    """A published comment gets an audit entry saying so; a held one names its phase."""
    comment = post(thread, alice)
    entry = AuditEntry.objects.get(comment=comment)
    assert entry.action == "publish" and entry.actor is None
    Thread.objects.filter(pk=thread.pk).update(mode="premoderated")
    held = post(thread, alice, "Second")
    entry = AuditEntry.objects.get(comment=held)
    assert (entry.action, entry.phase, entry.code) == ("hold", "thread", "premoderated_thread")


# Author state ----------------------------------------------------------------------------


def test_a_banned_reader_cannot_post(thread, make_user):
    """A banned reader cannot post."""
    user = make_user("troll", banned=True)
    with pytest.raises(NotAllowed) as info:
        post(thread, user)
    assert info.value.code == "banned"
    assert not Comment.objects.exists()


def test_a_suspended_reader_is_told_until_when(thread, make_user, settings):
    """A suspension refuses comments and says until when, in words."""
    settings.PARLEY_DISPLAY_TIME_ZONE = "UTC"
    until = timezone.now() + timedelta(days=2)
    user = make_user("hothead", suspended_until=until)
    with pytest.raises(NotAllowed) as info:
        post(thread, user)
    assert info.value.code == "suspended"
    assert f"until {until.day} {until:%B} {until.year}" in info.value.message


def test_a_suspension_that_ended_no_longer_applies(thread, make_user):
    """Past suspensions do not refuse anything."""
    user = make_user("calm", suspended_until=timezone.now() - timedelta(minutes=1))
    assert post(thread, user).status == Status.PUBLISHED


def test_an_always_premoderated_reader_is_held(thread, make_user):
    """Every comment of a pre-moderated reader waits for review."""
    user = make_user("watched", always_premoderate=True)
    comment = post(thread, user)
    assert comment.status == Status.HELD and "moderator" in comment.status_reason


def test_a_shadow_banned_readers_comments_reach_only_them(thread, make_user, bob):
    """Shadow: the author sees it as published; nobody else sees or counts it."""
    user = make_user("spammer", shadow_banned=True)
    comment = post(thread, user)
    assert comment.status == Status.SHADOW
    assert page_ids(thread, user) == [comment.pk]
    mine = selectors.thread_comments_page(thread=thread, viewer=selectors.Viewer.of(user))
    assert mine["comments"][0]["status"] == "published"
    assert mine["comments"][0]["status_reason"] == ""
    assert page_ids(thread, bob) == [] and page_ids(thread) == []
    thread.refresh_from_db()
    assert thread.comment_count == 0


def test_a_warned_reader_must_acknowledge_before_commenting(thread, alice, moderator):
    """A pending warning refuses the next comment with its text; acknowledging clears it."""
    ModeratorWarning.objects.create(
        user=alice, text="Please stop the insults.", created_by=moderator
    )
    with pytest.raises(NotAllowed) as info:
        post(thread, alice)
    assert info.value.code == "warning" and "Please stop the insults." in info.value.message
    assert warning_acknowledge(user=alice) == 1
    assert post(thread, alice).status == Status.PUBLISHED


# Thread state ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "code"), [("closed", "comments_closed"), ("hidden", "comments_hidden")]
)
def test_closed_and_hidden_threads_refuse_comments(thread, alice, mode, code):
    """Closed and hidden discussions take no comment, with the same codes as before."""
    Thread.objects.filter(pk=thread.pk).update(mode=mode)
    with pytest.raises(NotAllowed) as info:
        post(thread, alice)
    assert info.value.code == code


def test_a_thread_past_its_closing_time_refuses_comments(thread, alice):
    """Auto-closed: closes_at has passed."""
    Thread.objects.filter(pk=thread.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(NotAllowed) as info:
        post(thread, alice)
    assert info.value.code == "comments_closed"


def test_a_section_policy_premoderates_its_articles(alice):
    """A section marked pre-moderated holds comments on its articles."""
    from parley.newsroom.tests import factories

    section = factories.section()
    article = factories.article(section, lead_image=False)
    SectionPolicy.objects.create(section=section, premoderate=True)
    thread = selectors.thread_for_page(article.pk)
    assert post(thread, alice).status == Status.HELD


def test_a_section_policy_can_close_its_articles_now_or_after_some_days(alice):
    """Closed sections refuse new comments; "close after N days" counts from the opening."""
    from parley.newsroom.tests import factories

    section = factories.section()
    article = factories.article(section, lead_image=False)
    thread = selectors.thread_for_page(article.pk)
    policy = SectionPolicy.objects.create(section=section, close_after_days=3)
    assert post(thread, alice, "Still open.").status == Status.PUBLISHED
    Thread.objects.filter(pk=thread.pk).update(created_at=timezone.now() - timedelta(days=4))
    thread.refresh_from_db()
    with pytest.raises(NotAllowed) as info:
        post(thread, alice, "Too late.")
    assert info.value.code == "comments_closed"
    policy.close_after_days = None
    policy.closed = True
    policy.save()
    with pytest.raises(NotAllowed):
        post(thread, alice, "Closed outright.")
    policy.closed = False
    policy.save()
    assert post(thread, alice, "Open again.").status == Status.PUBLISHED


# Rate limits -----------------------------------------------------------------------------


def test_an_account_posting_too_fast_is_refused_with_a_wait(thread, alice, settings):
    """A burst of three, then one per interval: the fourth is refused with retry_after."""
    settings.PARLEY_COMMENT_RATE_BURST = 3
    settings.PARLEY_COMMENT_RATE_SECONDS = 10
    for n in range(3):
        post(thread, alice, f"Comment {n}")
    with pytest.raises(RateLimited) as info:
        post(thread, alice, "One too many")
    assert 1 <= info.value.retry_after <= 10
    assert Comment.objects.count() == 3


def test_one_address_posting_too_fast_is_refused_across_accounts(thread, make_user, settings):
    """Several accounts from one address share that address's bucket."""
    settings.PARLEY_COMMENT_RATE_IP_BURST = 2
    settings.PARLEY_COMMENT_RATE_IP_SECONDS = 10
    for n in range(2):
        post(thread, make_user(f"sock{n}"), client_ip="203.0.113.9")
    with pytest.raises(RateLimited):
        post(thread, make_user("sock2"), client_ip="203.0.113.9")
    assert post(thread, make_user("elsewhere"), client_ip="203.0.113.10")


# Duplicates and floods -------------------------------------------------------------------


def test_the_same_comment_twice_within_minutes_is_refused(thread, alice, settings):
    """Repeating oneself (case, accents and spacing aside) is refused."""
    settings.PARLEY_MODERATION_DUPLICATE_SECONDS = 600
    post(thread, alice, "This is my opinion.")
    with pytest.raises(Rejected) as info:
        post(thread, alice, "THIS is   my opinión!")
    assert info.value.code == "duplicate" and info.value.status == 422


def test_the_same_text_in_many_threads_is_held(make_user, settings):
    """One text posted across many discussions waits for a moderator."""
    settings.PARLEY_MODERATION_DUPLICATE_SECONDS = 600
    settings.PARLEY_MODERATION_FLOOD_THREADS = 3
    text = "Buy cheap watches at our wonderful shop today"
    for n in range(3):
        other = services.thread_for_key(site="e", key=f"s{n}", url="https://e.org/", title="s")
        post(other, make_user(f"bot{n}"), text)
    last = services.thread_for_key(site="e", key="last", url="https://e.org/", title="s")
    comment = post(last, make_user("bot9"), text)
    assert comment.status == Status.HELD
    assert AuditEntry.objects.get(comment=comment).code == "flood"


# Word lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    ["You are a grobble.", "GROBBLE!", "gr0bbl3", "grooobbbleee", "gr\u200bobble", "grÖbble"],
)
def test_a_banned_word_is_refused_however_it_is_spelt(thread, alice, body):
    """Case, leetspeak, repeated letters, zero-width characters and accents do not hide it."""
    ModeratedTerm.objects.create(term="grobble", kind="banned")
    with pytest.raises(Rejected) as info:
        post(thread, alice, body)
    assert info.value.code == "banned_words"
    assert not Comment.objects.exists()


def test_banned_words_match_whole_words_only(thread, alice):
    """A banned word inside a longer word is not a match."""
    ModeratedTerm.objects.create(term="ass", kind="banned")
    assert post(thread, alice, "A classic assessment of the embassy.").status == "published"


def test_a_suspect_word_holds_the_comment(thread, alice):
    """Suspect words wait for a moderator."""
    ModeratedTerm.objects.create(term="rigged vote", kind="suspect")
    comment = post(thread, alice, "It was a RIGGED   vote, again.")
    assert comment.status == Status.HELD


def test_normalise_reads_one_as_i_or_l():
    """'1' stands for both letters it looks like."""
    lines = normalise.readings("k1ll")
    assert normalise.contains_term(lines, "kill")
    assert normalise.contains_term(normalise.readings("1diot"), "idiot")


# Links -----------------------------------------------------------------------------------


def test_too_many_links_are_held(thread, alice, settings):
    """More links than the setting allows wait for a moderator."""
    settings.PARLEY_MODERATION_MAX_LINKS = 2
    body = "See https://a.example/ and https://b.example/ and https://c.example/"
    assert post(thread, alice, body).status == Status.HELD
    assert post(thread, alice, "Just https://a.example/x").status == Status.PUBLISHED


def test_links_to_a_blocked_domain_or_its_subdomains_are_refused(thread, alice):
    """A blocked domain covers its subdomains, and only those."""
    BlockedDomain.objects.create(domain="Spam.Example")
    with pytest.raises(Rejected) as info:
        post(thread, alice, "Visit https://shop.spam.example/deal")
    assert info.value.code == "blocked_domain"
    assert post(thread, alice, "Visit https://notspam.example/").status == "published"


# New commenters --------------------------------------------------------------------------


def test_a_new_commenters_first_comments_are_held(thread, alice, settings):
    """The first N comments of an account wait; later ones do not."""
    settings.PARLEY_MODERATION_NEW_COMMENTER_HOLD = 2
    assert [post(thread, alice, f"c{n}").status for n in range(3)] == ["held", "held", "published"]


# Toxicity --------------------------------------------------------------------------------


class FixedScorer:
    def __init__(self, value):
        self.value = value

    def score(self, text):
        from parley.moderation.scorers import checked

        if isinstance(self.value, Exception):
            raise self.value
        return checked(self.value)


@pytest.fixture
def scorer(settings, monkeypatch):
    """Install a scorer returning a fixed value (or raising)."""
    from parley.moderation import scorers

    def use(value):
        settings.PARLEY_TOXICITY_SCORER = "fixed"
        monkeypatch.setattr(scorers, "scorer_for", lambda name: FixedScorer(value))

    return use


def test_a_toxic_comment_gets_a_nudge_then_is_held_if_posted_unchanged(thread, alice, scorer):
    """First time: refused with the nudge; the same text again: held for a moderator."""
    scorer(0.95)
    with pytest.raises(Rejected) as info:
        post(thread, alice, "You absolute clown")
    assert info.value.code == "toxicity_nudge" and "revis" in info.value.message
    comment = post(thread, alice, "You absolute clown")
    assert comment.status == Status.HELD
    assert AuditEntry.objects.get(comment=comment).details["score"] == 0.95


def test_a_revised_comment_below_the_threshold_is_published(thread, alice, scorer, settings):
    """Below the threshold nothing happens."""
    settings.PARLEY_TOXICITY_THRESHOLD = 0.8
    scorer(0.5)
    assert post(thread, alice, "I disagree").status == Status.PUBLISHED


def test_a_section_can_set_its_own_toxicity_threshold(alice, scorer):
    """A stricter section nudges what the site default lets through."""
    from parley.newsroom.tests import factories

    section = factories.section()
    article = factories.article(section, lead_image=False)
    SectionPolicy.objects.create(section=section, toxicity_threshold=0.3)
    scorer(0.5)
    with pytest.raises(Rejected):
        post(selectors.thread_for_page(article.pk), alice, "Meh")


@pytest.mark.parametrize("value", [RuntimeError("boom"), float("nan"), 7.0, "high", None])
def test_a_scorer_that_fails_or_answers_garbage_holds_the_comment(
    thread, alice, scorer, value, caplog
):
    """No comment is ever lost to a broken scorer: it is held, and the failure logged."""
    scorer(value)
    comment = post(thread, alice, "Some text")
    assert comment.status == Status.HELD
    assert AuditEntry.objects.get(comment=comment).code == "scorer_failed"
    assert any("scorer" in r.getMessage() for r in caplog.records)


def test_the_default_scorer_runs_offline(thread, alice, settings):
    """alt-profanity-check scores a plain comment low and a profane one high."""
    from parley.moderation.scorers.profanity import ProfanityScorer

    scorer = ProfanityScorer()
    assert scorer.score("Thanks for the thoughtful article") < 0.5
    assert scorer.score("you are a fucking idiot") > 0.8


# Spam ------------------------------------------------------------------------------------


def test_spammy_comments_are_held(thread, make_user, settings):
    """Links from a brand-new account with a known spam phrase add up to a hold."""
    settings.PARLEY_MODERATION_SPAM_THRESHOLD = 1.0
    ModeratedTerm.objects.create(term="work from home", kind="spam")
    user = make_user("newbie")
    comment = post(thread, user, "Work from home and earn! https://x.example/")
    assert comment.status == Status.HELD
    assert AuditEntry.objects.get(comment=comment).phase == "spam"
    assert post(thread, user, "A fair point about the budget.").status == "published"


# Edits -----------------------------------------------------------------------------------


def test_an_edit_is_screened_too(thread, alice):
    """Editing in a banned word is refused and the old text stays."""
    comment = post(thread, alice, "Fine words")
    ModeratedTerm.objects.create(term="grobble", kind="banned")
    with pytest.raises(Rejected):
        services.comment_edit(comment_id=comment.pk, editor=alice, body="grobble")
    comment.refresh_from_db()
    assert comment.body_md == "Fine words"


def test_an_edit_with_suspect_words_takes_the_comment_back_for_review(thread, alice, bob):
    """A published comment edited into a held one leaves other readers' pages and counts."""
    comment = post(thread, alice, "Fine words")
    ModeratedTerm.objects.create(term="rigged", kind="suspect")
    services.comment_edit(comment_id=comment.pk, editor=alice, body="It was rigged")
    comment.refresh_from_db()
    thread.refresh_from_db()
    assert comment.status == Status.HELD and thread.comment_count == 0
    assert page_ids(thread, bob) == [] and page_ids(thread, alice) == [comment.pk]


def test_numbers_are_not_read_as_leetspeak_for_repeats(thread, alice, settings):
    """ "says 1" and "says 11" are different comments."""
    settings.PARLEY_MODERATION_DUPLICATE_SECONDS = 600
    post(thread, alice, "Writer 0 says 1: the ceasefire will hold.")
    assert post(thread, alice, "Writer 0 says 11: the ceasefire will hold.").status == "published"


# Thread state under the lock ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "code"), [("closed", "comments_closed"), ("hidden", "comments_hidden")]
)
def test_a_thread_closed_during_screening_takes_no_new_comment(
    thread, alice, monkeypatch, mode, code
):
    """Screening reads the thread before the write's lock; a close in between still wins."""
    from parley.moderation import services as moderation

    screen = moderation.comment_screen

    def screen_then_close(**kwargs):
        decision = screen(**kwargs)
        Thread.objects.filter(pk=thread.pk).update(mode=mode)
        return decision

    monkeypatch.setattr(moderation, "comment_screen", screen_then_close)
    with pytest.raises(NotAllowed) as info:
        post(thread, alice)
    assert info.value.code == code
    assert not Comment.objects.exists()
