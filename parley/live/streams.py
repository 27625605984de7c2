"""Which streams a client may follow: other apps register a resolver per URL prefix.

`live` knows nothing of comments. The discussion registers "threads": given the id in
`/live/threads/<id>`, its resolver answers the stream name and the stream's head (the
newest `seq` any event can have), or None when there is nothing to follow.
"""

from collections.abc import Callable
from typing import NamedTuple


class Stream(NamedTuple):
    name: str
    head: int


Resolver = Callable[[int], Stream | None]
resolvers: dict[str, Resolver] = {}


def register(prefix: str, resolver: Resolver) -> None:
    """Serve `/live/<prefix>/<id>` from the stream `resolver(id)` names."""
    resolvers[prefix] = resolver


def resolve(prefix: str, ident: int) -> Stream | None:
    """The stream behind `/live/<prefix>/<ident>`, or None."""
    resolver = resolvers.get(prefix)
    return resolver(ident) if resolver else None
