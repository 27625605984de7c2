"""Spam: a score from links, repetition, a brand-new account and known spam phrases."""

import re
from datetime import timedelta

from django.conf import settings

from parley.moderation import lists
from parley.moderation.normalise import readings, words
from parley.moderation.phases.links import hosts
from parley.moderation.screening import HOLD, Decision, Draft

NAME = "spam"
NEW_ACCOUNT = timedelta(days=1)
SHOUTING = re.compile(r"[A-Z]")


def spam_score(draft: Draft) -> tuple[float, list[str]]:
    """The score and what added to it."""
    score, why = 0.0, []
    links = len(hosts(draft.body_html))
    if links:
        score += 0.3 * links
        why.append(f"{links} link(s)")
    tokens = words(draft.body_md)
    if len(tokens) >= 8:
        distinct = len(set(tokens)) / len(tokens)
        if distinct < 0.4:
            score += 0.6
            why.append("repetitive")
    letters = [ch for ch in draft.body_md if ch.isalpha()]
    if len(letters) >= 20 and len(SHOUTING.findall(draft.body_md)) / len(letters) > 0.7:
        score += 0.3
        why.append("shouting")
    joined = getattr(draft.author, "date_joined", None)
    if joined and draft.now - joined < NEW_ACCOUNT:
        score += 0.3
        why.append("new account")
    spam_terms = lists.current().of_kind("spam")
    text = readings(draft.body_md) if spam_terms else []
    phrases = [term for term in spam_terms if term.found_in(text)]
    if phrases:
        score += 0.7 * len(phrases)
        why.append("spam phrase(s)")
    return score, why


def screen(draft: Draft) -> Decision | None:
    limit = settings.PARLEY_MODERATION_SPAM_THRESHOLD
    if limit <= 0:
        return None
    score, why = spam_score(draft)
    if score < limit:
        return None
    return Decision(
        HOLD,
        NAME,
        "Your comment looks like it might be advertising, so a moderator will check it "
        "before it appears.",
        code="spam",
        details={"score": round(score, 2), "signals": why},
    )
