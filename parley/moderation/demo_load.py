"""A starter word list for the demo, so a reader can see screening hold a comment and the
demo moderator has something to review. Loaded after the demo discussions, which it leaves
alone; editors change it under Snippets → Moderation lists."""

from parley.moderation.models import ModeratedTerm

DEMO_TERMS = [
    ("rigged", ModeratedTerm.Kind.SUSPECT, "Often an accusation; a moderator reads it first."),
    ("traitor", ModeratedTerm.Kind.SUSPECT, "Often aimed at a person; a moderator reads it first."),
    ("buy followers", ModeratedTerm.Kind.SPAM, "Spam phrase."),
]


def load() -> bool:
    """Add the starter list once, if editors have no list yet; True when it did."""
    if ModeratedTerm.objects.exists():
        return False
    for term, kind, note in DEMO_TERMS:
        ModeratedTerm.objects.create(term=term, kind=kind, note=note)
    return True
