"""The screening phases, in the order they run: the first decision wins.

Who may post and where come first (cheap, and refusing there saves the rest); the costly
toxicity scorer runs only for text every earlier phase let through.
"""

from parley.moderation.phases import (
    author,
    duplicate,
    links,
    newcomer,
    rate,
    spam,
    thread,
    toxicity,
    words,
)

PHASES = (author, thread, rate, duplicate, words, links, newcomer, toxicity, spam)
