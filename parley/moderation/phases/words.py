"""Words editors listed: banned ones refuse a comment, suspect ones hold it."""

from parley.moderation import lists
from parley.moderation.normalise import readings
from parley.moderation.screening import HOLD, REJECT, Decision, Draft

NAME = "words"


def found(text_readings: list[str], kind: str) -> str | None:
    """The first listed term of this kind in the text, or None."""
    for term in lists.current().of_kind(kind):
        if term.found_in(text_readings):
            return term.term
    return None


def screen(draft: Draft) -> Decision | None:
    if not lists.current().terms:
        return None
    text = readings(draft.body_md)
    if found(text, "banned"):
        return Decision(
            REJECT,
            NAME,
            "Your comment uses language our community standards do not allow. Please rephrase it.",
            code="banned_words",
        )
    if found(text, "suspect"):
        return Decision(
            HOLD,
            NAME,
            "Your comment uses words a moderator checks before it appears.",
            code="suspect_words",
        )
    return None
