"""Toxicity scorers: small plug-ins behind one Protocol, chosen by PARLEY_TOXICITY_SCORER.

"profanity" (default) runs alt-profanity-check's model, shipped in the package, offline;
"perspective" asks an HTTP service speaking the Perspective API format; "" turns it off.
"""

from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

SCORERS = {
    "profanity": "parley.moderation.scorers.profanity.ProfanityScorer",
    "perspective": "parley.moderation.scorers.perspective.PerspectiveScorer",
}


class ScorerError(Exception):
    """The scorer could not give a usable score (failure, timeout, garbage)."""


class Scorer(Protocol):
    def score(self, text: str) -> float:
        """How likely the text is toxic, from 0 to 1; raises ScorerError when it cannot say."""
        ...


@cache
def scorer_for(name: str) -> Scorer | None:
    if not name:
        return None
    return import_string(SCORERS.get(name, name))()


def configured_scorer() -> Scorer | None:
    """The scorer the settings name (a short name above or a dotted path), or None."""
    return scorer_for(settings.PARLEY_TOXICITY_SCORER)


def checked(value) -> float:
    """A score as a float in [0, 1], or ScorerError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScorerError(f"score is not a number: {value!r}")
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ScorerError(f"score is outside [0, 1]: {value!r}")
    return value
