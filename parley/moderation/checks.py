"""System checks: moderation settings that cannot work fail loudly at start-up."""

from django.conf import settings
from django.core.checks import Error, register

from parley.moderation.scorers import SCORERS


@register()
def moderation_settings(app_configs, **kwargs):
    errors = []
    for name in ("PARLEY_TOXICITY_THRESHOLD",):
        value = getattr(settings, name)
        if not 0 <= value <= 1:
            errors.append(Error(f"{name} must be between 0 and 1.", id="parley.moderation.E001"))
    scorer = settings.PARLEY_TOXICITY_SCORER
    if scorer and scorer not in SCORERS and "." not in scorer:
        errors.append(
            Error(
                f"PARLEY_TOXICITY_SCORER={scorer!r} is not one of {', '.join(SCORERS)} "
                "or a dotted path.",
                id="parley.moderation.E002",
            )
        )
    if scorer == "perspective" and not settings.PARLEY_PERSPECTIVE_URL:
        errors.append(
            Error(
                "PARLEY_TOXICITY_SCORER=perspective needs PARLEY_PERSPECTIVE_URL.",
                id="parley.moderation.E003",
            )
        )
    return errors
