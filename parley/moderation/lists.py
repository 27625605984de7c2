"""What editors list for the screening: words, blocked domains and section policies.

Every comment is screened against them and they change a few times a day, so they are read
once per change rather than once per comment: each process keeps them in memory (terms
already normalised) under a version that lives in the shared cache. Any save or delete of a
listed row bumps the version (see `changed`, connected to the models' signals in apps.py,
the one place every write path passes: snippet forms, bulk deletes, the ORM), and the next
screening in every process reloads them. The common case costs one cache read, no query.
"""

import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

from parley.moderation.normalise import contains_readings, readings

VERSION_KEY = "moderation:lists:version"


@dataclass(frozen=True)
class Term:
    term: str
    kind: str
    # The term's normalised readings, worked out once per load rather than per comment.
    readings: tuple[str, ...]

    def found_in(self, text_readings: list[str]) -> bool:
        """Whether the term occurs whole in any reading of the text."""
        return contains_readings(text_readings, self.readings)


@dataclass(frozen=True)
class Lists:
    terms: tuple[Term, ...] = ()
    domains: tuple[str, ...] = ()
    premoderated_sections: frozenset[int] = frozenset()
    closed_sections: frozenset[int] = frozenset()
    close_after_days: dict[int, int] = field(default_factory=dict)
    thresholds: dict[int, float] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Term]:
        return [t for t in self.terms if t.kind == kind]


_loaded: tuple[object, Lists] | None = None


def load() -> Lists:
    """The lists as stored now (three queries)."""
    from parley.moderation.models import BlockedDomain, ModeratedTerm, SectionPolicy

    policies = list(
        SectionPolicy.objects.values_list(
            "section_id", "premoderate", "toxicity_threshold", "closed", "close_after_days"
        )
    )
    return Lists(
        terms=tuple(
            Term(term, kind, tuple(readings(term)))
            for term, kind in ModeratedTerm.objects.values_list("term", "kind")
        ),
        domains=tuple(BlockedDomain.objects.values_list("domain", flat=True)),
        premoderated_sections=frozenset(s for s, premoderate, *_ in policies if premoderate),
        closed_sections=frozenset(s for s, _, _, closed, _ in policies if closed),
        close_after_days={s: days for s, *_, days in policies if days is not None},
        thresholds={s: t for s, _, t, *_ in policies if t is not None},
    )


def version():
    """The lists' current version, agreed on by every process through the shared cache."""
    current = cache.get(VERSION_KEY)
    if current is None:
        # First use (or the cache lost it): whoever adds first sets it for everyone.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        current = cache.get(VERSION_KEY)
    return current


def current() -> Lists:
    """The lists, from this process's memory while their version stands."""
    global _loaded
    stamp = version()
    if stamp is not None and _loaded is not None and _loaded[0] == stamp:
        return _loaded[1]
    lists = load()
    # With no version (the cache is down) nothing is kept: every screening reads the lists.
    _loaded = (stamp, lists) if stamp is not None else None
    return lists


def bump() -> None:
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def changed(**kwargs) -> None:
    """An editor changed a list: every process reloads it at its next screening.

    Bumped at once (this transaction, and tests, see the change) and again after commit (a
    process that reloaded in between read the old rows; it reloads once more)."""
    bump()
    transaction.on_commit(bump)
