"""Toxicity: above the section's threshold the author is nudged once; the same text again is
held for a moderator. A scorer that fails never loses the comment: it is held."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from parley.moderation import lists
from parley.moderation.normalise import normalise
from parley.moderation.screening import HOLD, REJECT, Decision, Draft

NAME = "toxicity"
log = logging.getLogger(__name__)


def threshold(draft: Draft) -> float:
    """The section's own threshold, or the site's."""
    own = lists.current().thresholds.get(draft.section_id) if draft.section_id else None
    return own if own is not None else settings.PARLEY_TOXICITY_THRESHOLD


def nudge_key(draft: Draft) -> str:
    digest = hashlib.blake2b(normalise(draft.body_md).encode(), digest_size=12).hexdigest()
    return f"moderation:nudged:{draft.author.pk}:{draft.thread.pk}:{digest}"


def screen(draft: Draft) -> Decision | None:
    from parley.moderation.scorers import ScorerError, configured_scorer

    scorer = configured_scorer()
    if scorer is None:
        return None
    try:
        score = scorer.score(draft.body_md)
    except ScorerError as exc:
        log.warning("toxicity scorer failed, holding the comment: %s", exc)
        return unscored(str(exc))
    except Exception as exc:  # a plug-in's bug must not lose a comment either
        log.exception("toxicity scorer raised, holding the comment")
        return unscored(repr(exc))
    limit = threshold(draft)
    if score <= limit:
        return None
    key = nudge_key(draft)
    if cache.get(key):
        return Decision(
            HOLD,
            NAME,
            "A moderator will read your comment before it appears, because it may break "
            "our community standards.",
            code="toxic",
            details={"score": round(score, 3), "threshold": limit},
        )
    cache.set(key, True, timeout=settings.PARLEY_MODERATION_NUDGE_SECONDS)
    return Decision(
        REJECT,
        NAME,
        "Your comment may come across as offensive or uncivil. Please consider revising it; "
        "if you post it unchanged, a moderator will review it before it appears.",
        code="toxicity_nudge",
        details={"score": round(score, 3), "threshold": limit},
    )


def unscored(error: str) -> Decision:
    return Decision(
        HOLD,
        NAME,
        "Your comment will appear once a moderator has read it: our automatic check could "
        "not run just now.",
        code="scorer_failed",
        details={"error": error[:300]},
    )
