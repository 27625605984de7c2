"""The screening pipeline: what a submission is, what a phase may decide, and the run.

Each phase (parley/moderation/phases/) looks at a frozen Draft and returns a Decision or
None; the first decision wins and no decision means publish. The phases run in the one
order listed in phases/__init__.py.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)

PUBLISH, HOLD, REJECT, SHADOW = "publish", "hold", "reject", "shadow"


@dataclass(frozen=True)
class Draft:
    """A comment as submitted (or an edit of one), before anything is written."""

    author: Any
    thread: Any
    body_md: str
    body_html: str
    now: datetime
    parent: Any = None
    client_ip: str | None = None
    is_edit: bool = False
    comment_id: int | None = None
    previous_body: str = ""
    section_id: int | None = None


@dataclass(frozen=True)
class Decision:
    """What a phase decided, and why, in words the author can read."""

    action: str
    phase: str
    reason: str = ""
    code: str = ""
    retry_after: int | None = None
    # How a refusal reaches HTTP: 403 for who may post where, 422 for what was written.
    http_status: int = 422
    details: dict = field(default_factory=dict)

    @property
    def rejected(self) -> bool:
        return self.action == REJECT


PUBLISHED = Decision(action=PUBLISH, phase="")


def run(draft: Draft, phases) -> Decision:
    """The first decision of the phases, in order; publish when none decides."""
    for phase in phases:
        decision = phase.screen(draft)
        if decision is not None:
            log.info(
                "screening: %s by %s (%s) for user %s",
                decision.action,
                decision.phase,
                decision.code,
                getattr(draft.author, "pk", None),
            )
            return decision
    return PUBLISHED
