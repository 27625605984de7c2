"""Property tests for the thread builder: every visible comment appears once, in order."""

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.discussion.selectors import nest
from parley.discussion.services import path_segment


def build(parents: list[int | None]) -> tuple[list[dict], list[dict]]:
    """Roots and replies (in path order) for comment i whose parent is parents[i]."""
    comments = {}
    for cid, parent in enumerate(parents, start=1):
        parent_node = comments.get(parent)
        depth = parent_node["depth"] + 1 if parent_node else 0
        path = (parent_node["path"] if parent_node else "") + path_segment(cid)
        comments[cid] = {
            "id": cid,
            "parent_id": parent if parent_node else None,
            "depth": depth,
            "path": path,
            "author": {"name": f"user{cid}"},
            "display_parent_id": parent if parent_node else None,
            "replies": [],
            "in_reply_to": None,
            "_names": {},
        }
    roots = [c for c in comments.values() if c["depth"] == 0]
    replies = sorted((c for c in comments.values() if c["depth"] > 0), key=lambda c: c["path"])
    return roots, replies


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node["replies"])


# parents[i] refers to an earlier comment (1-based) or None for a top-level comment.
trees = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        *[
            st.one_of(st.none(), st.integers(min_value=1, max_value=i)) if i else st.none()
            for i in range(n)
        ]
    )
)


@settings(max_examples=120, deadline=None)
@given(parents=trees, visible_depth=st.integers(min_value=1, max_value=5))
def test_every_comment_appears_exactly_once_in_reading_order(parents, visible_depth):
    """Nesting (and flattening past the visible depth) loses, repeats and reorders nothing."""
    parents = [p if p is not None and p <= i else None for i, p in enumerate(parents)]
    roots, replies = build(parents)
    loose = nest(roots, replies, visible_depth)
    assert loose == []
    seen = [node["id"] for node in walk(roots)]
    assert sorted(seen) == list(range(1, len(parents) + 1))
    by_id = {n["id"]: n for n in walk(roots)}
    assert [by_id[i]["path"] for i in seen] == sorted(by_id[i]["path"] for i in seen)


@settings(max_examples=120, deadline=None)
@given(parents=trees, visible_depth=st.integers(min_value=1, max_value=5))
def test_nothing_is_shown_deeper_than_the_visible_depth(parents, visible_depth):
    """Replies past the depth sit under their deepest shown ancestor, saying whom they answer."""
    parents = [p if p is not None and p <= i else None for i, p in enumerate(parents)]
    roots, replies = build(parents)
    nest(roots, replies, visible_depth)

    def check(nodes, holder):
        for node in nodes:
            if node["depth"] > visible_depth:
                # Flat under the ancestor at exactly the visible depth, naming its parent.
                assert holder["depth"] == visible_depth
                assert node["path"].startswith(holder["path"])
                assert node["in_reply_to"]["id"] == node["parent_id"]
            else:
                assert node["parent_id"] == (holder["id"] if holder else None)
                assert node["in_reply_to"] is None
            check(node["replies"], node if node["depth"] <= visible_depth else holder)

    check(roots, None)
