"""Words editors listed: banned ones refuse a comment, suspect ones hold it."""

from parley.moderation.normalise import contains_term, readings
from parley.moderation.screening import HOLD, REJECT, Decision, Draft

NAME = "words"


def terms() -> list[tuple[str, str]]:
    """(term, kind) of every listed word; read each time, so an editor's change applies at
    once (the lists are short, and one indexed read is cheap next to the scorer)."""
    from parley.moderation.models import ModeratedTerm

    return list(ModeratedTerm.objects.values_list("term", "kind"))


def found(text_readings: list[str], kind: str) -> str | None:
    """The first listed term of this kind in the text, or None."""
    for term, term_kind in terms():
        if term_kind == kind and contains_term(text_readings, term):
            return term
    return None


def screen(draft: Draft) -> Decision | None:
    if not terms():
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
