"""Read paths of the discussion, and the one place that decides who sees which comment."""

import base64
import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from parley.accounts import selectors as accounts
from parley.discussion.errors import DiscussionError, NotFound
from parley.discussion.models import Comment, Like, Thread
from parley.discussion.rendering import plain_text
from parley.previews.selectors import preview_card, previews_for_urls

Status = Comment.Status
SORTS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "liked": ("-like_count", "-id"),
}
TOMBSTONE_TEXT = "This comment was deleted."
REMOVED_TEXT = "This comment was removed by a moderator."
# Held, rejected or shadowed: other readers see a placeholder while it has visible replies.
MODERATED = (Status.HELD, Status.REJECTED, Status.SHADOW)


@dataclass(frozen=True)
class Viewer:
    """Who is reading: decides which held comments and which controls they see."""

    user_id: int | None = None

    @classmethod
    def of(cls, user) -> "Viewer":
        if user is None or not user.is_authenticated:
            return cls()
        return cls(user_id=user.pk)

    @property
    def anonymous(self) -> bool:
        return self.user_id is None


def readable_by(viewer: Viewer) -> Q:
    """Comments whose text this viewer may read: published ones, and their own held,
    shadowed or rejected ones (a rejected one with the moderator's reason)."""
    q = Q(status=Status.PUBLISHED)
    if viewer.user_id:
        q |= Q(author_id=viewer.user_id, status__in=MODERATED)
    return q


def visible_to(viewer: Viewer) -> Q:
    """Comments this viewer may see: those they may read, and placeholders (deleted, or
    taken down by a moderator) that visible replies keep on the page."""
    placeholders = Q(status__in=[Status.DELETED, *MODERATED], visible_replies__gt=0)
    return readable_by(viewer) | placeholders


def is_placeholder(comment: Comment, viewer: Viewer) -> bool:
    """Whether this viewer sees the comment as an empty placeholder rather than its text."""
    if comment.status == Status.DELETED:
        return True
    return comment.status in MODERATED and comment.author_id != viewer.user_id


def sees(viewer: Viewer, comment: Comment) -> bool:
    """`visible_to` for a comment already fetched."""
    if comment.status == Status.PUBLISHED:
        return True
    if comment.status in (Status.DELETED, *MODERATED) and comment.visible_replies > 0:
        return True
    return (
        comment.status in MODERATED
        and viewer.user_id is not None
        and comment.author_id == viewer.user_id
    )


# Threads ---------------------------------------------------------------------------------


def thread_by_id(thread_id: int) -> Thread:
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        raise NotFound("This discussion does not exist.")
    return thread


def live_stream(thread_id: int) -> str:
    """The name of a thread's live stream."""
    return f"thread-{thread_id}"


def thread_live_stream(thread_id: int):
    """The live stream of a thread readers can see (for /live/threads/<id>), or None."""
    from parley.live.streams import Stream

    row = (
        Thread.objects.filter(pk=thread_id)
        .exclude(mode=Thread.Mode.HIDDEN)
        .values_list("version", flat=True)
        .first()
    )
    return None if row is None else Stream(live_stream(thread_id), row)


def thread_for_page(page_id: int) -> Thread | None:
    """The thread of one of our pages, or None before it was first published."""
    return Thread.objects.filter(site="", key=f"page-{page_id}").first()


def thread_by_key(*, site: str, key: str) -> Thread:
    thread = Thread.objects.filter(site=site, key=key).first()
    if thread is None:
        raise NotFound("No discussion exists for that page yet.")
    return thread


def counts_for_pages(page_ids: list[int]) -> dict[int, int]:
    """Visible comment counts of many pages, in one query."""
    rows = Thread.objects.filter(page_id__in=page_ids, site="").values_list(
        "page_id", "comment_count"
    )
    return dict(rows)


def counts_for_threads(thread_ids: list[int]) -> dict[int, int]:
    """Visible comment counts of many threads, in one query."""
    return dict(Thread.objects.filter(pk__in=thread_ids).values_list("pk", "comment_count"))


# Cursors ---------------------------------------------------------------------------------


def encode_cursor(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DiscussionError("That page link is not valid.", code="bad_cursor") from exc
    if not isinstance(values, list) or len(values) != 2:
        raise DiscussionError("That page link is not valid.", code="bad_cursor")
    return values


def after_cursor(sort: str, cursor: str | None) -> Q:
    """Rows after the cursor in the sort's order."""
    if not cursor:
        return Q()
    key, last_id = decode_cursor(cursor)
    if not isinstance(last_id, int):
        raise DiscussionError("That page link is not valid.", code="bad_cursor")
    if sort == "liked":
        if not isinstance(key, int):
            raise DiscussionError("That page link is not valid.", code="bad_cursor")
        return Q(like_count__lt=key) | Q(like_count=key, id__lt=last_id)
    if not isinstance(key, str):
        raise DiscussionError("That page link is not valid.", code="bad_cursor")
    if sort == "oldest":
        return Q(created_at__gt=key) | Q(created_at=key, id__gt=last_id)
    return Q(created_at__lt=key) | Q(created_at=key, id__lt=last_id)


def cursor_for(sort: str, comment: Comment) -> str:
    key = comment.like_count if sort == "liked" else comment.created_at.isoformat()
    return encode_cursor([key, comment.pk])


# Building nodes --------------------------------------------------------------------------


def node(
    comment: Comment,
    *,
    viewer: Viewer,
    thread: Thread,
    liked: set[int],
    names: dict,
    previews: dict | None = None,
) -> dict:
    """One comment as readers and the API see it; `previews` from `page_previews`."""
    tombstone = is_placeholder(comment, viewer)
    own = viewer.user_id is not None and comment.author_id == viewer.user_id and not tombstone
    # A shadowed comment looks published to its author, the only one who sees its text.
    shadow = comment.status == Status.SHADOW
    # What others see of a comment a moderator took down: "removed", whatever the reason.
    status = Status.PUBLISHED if shadow else comment.status
    if tombstone and comment.status != Status.DELETED:
        status = "removed"
    author = None if tombstone else comment.author
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "root_id": comment.root_id,
        "depth": comment.depth,
        "author": None
        if tombstone
        else {
            "id": comment.author_id,
            "name": accounts.display_name(author),
            **accounts.avatar(author),
        },
        "html": "" if tombstone else comment.body_html,
        # Cards of the links that have a preview, in the comment's order.
        "previews": []
        if tombstone
        else [preview_card(previews[url]) for url in comment.links if url in (previews or {})],
        # The author's own Markdown, for editing in place; nobody else sees the source.
        "body": comment.body_md if own else "",
        "tombstone": tombstone,
        "status": status,
        "status_reason": comment.status_reason if own and not shadow else "",
        "featured": comment.featured and not tombstone,
        "created_at": comment.created_at,
        "edited": comment.edited_at is not None and not tombstone,
        "like_count": 0 if tombstone else comment.like_count,
        "liked": comment.pk in liked,
        "own": own,
        "before_update": bool(
            thread.content_updated_at and comment.created_at < thread.content_updated_at
        ),
        "in_reply_to": None,
        "display_parent_id": comment.parent_id,
        "replies": [],
        "more_replies": 0,
        "_names": names,
    }


def nest(roots: list[dict], replies: list[dict], visible_depth: int) -> list[dict]:
    """Hang replies (in path order) under their parents; past the visible depth, flat under
    their deepest shown ancestor, labelled "in reply to"."""
    by_id = {n["id"]: n for n in roots}
    loose = []
    for reply in replies:
        by_id[reply["id"]] = reply
        parent = by_id.get(reply["parent_id"])
        holder = parent
        if reply["depth"] > visible_depth:
            parent_name = "a deleted comment"
            if parent and parent["author"]:
                parent_name = parent["author"]["name"]
            elif parent and parent["status"] == "removed":
                parent_name = "a removed comment"
            if parent is None:
                parent_name = reply["_names"].get(reply["parent_id"], "a deleted comment")
            reply["in_reply_to"] = {"id": reply["parent_id"], "name": parent_name}
            while holder is not None and holder["depth"] > visible_depth:
                holder = by_id.get(holder["display_parent_id"])
            reply["display_parent_id"] = holder["id"] if holder else reply["display_parent_id"]
        if holder is None:
            loose.append(reply)
        else:
            holder["replies"].append(reply)
    for item in by_id.values():
        item.pop("_names", None)
    return loose


def viewer_likes(viewer: Viewer, ids: list[int]) -> set[int]:
    if viewer.anonymous or not ids:
        return set()
    return set(
        Like.objects.filter(user_id=viewer.user_id, comment_id__in=ids).values_list(
            "comment_id", flat=True
        )
    )


def page_previews(comments: list[Comment]) -> dict:
    """The fetched previews of every link of these comments, in one query (none if no links).

    Callers pass only comments the viewer may see: a card is part of its comment.
    """
    urls = {url for c in comments if c.status != Status.DELETED for url in c.links}
    return previews_for_urls(urls)


def links_of_comment(*, comment_id: int) -> list[str]:
    """The links a comment holds now (for its preview task); none once it is gone."""
    links = Comment.objects.filter(pk=comment_id).values_list("links", flat=True).first()
    return list(links or [])


def parent_names(comments: list[Comment], known: set[int]) -> dict[int, str]:
    """Names of parents not among the rows fetched (for "in reply to" labels), in one query."""
    missing = {c.parent_id for c in comments if c.parent_id and c.parent_id not in known}
    if not missing:
        return {}
    rows = Comment.objects.filter(pk__in=missing).select_related("author")
    return {c.pk: placeholder_name(c) or accounts.display_name(c.author) for c in rows}


def placeholder_name(comment: Comment) -> str:
    """How an "in reply to" label names a parent readers no longer see, or "" if they do."""
    if comment.status == Status.DELETED:
        return "a deleted comment"
    if comment.status in MODERATED:
        return "a removed comment"
    return ""


# Pages -----------------------------------------------------------------------------------


def clamp(value: int | None, default: int, maximum: int) -> int:
    if value is None:
        return default
    return max(1, min(int(value), maximum))


def thread_comments_page(
    *,
    thread: Thread,
    viewer: Viewer,
    sort: str = "newest",
    cursor: str | None = None,
    limit: int | None = None,
    replies: int | None = None,
) -> dict:
    """A page of top-level comments with the first replies of each branch, in fixed queries."""
    if sort not in SORTS:
        raise DiscussionError("Sort by newest, oldest or liked.", code="bad_sort")
    limit = clamp(limit, settings.PARLEY_THREAD_PAGE_SIZE, settings.PARLEY_THREAD_MAX_PAGE_SIZE)
    per_branch = clamp(
        replies, settings.PARLEY_BRANCH_PREVIEW, settings.PARLEY_THREAD_MAX_PAGE_SIZE
    )
    visible = visible_to(viewer)
    top_rows = Comment.objects.filter(thread=thread, depth=0).filter(visible)
    if cursor:
        # Featured comments were all on the first page.
        top_rows = top_rows.filter(featured=False).filter(after_cursor(sort, cursor))
        order = SORTS[sort]
    else:
        order = ("-featured", *SORTS[sort])
    # The first page shows every featured comment (at most PARLEY_FEATURED_MAX, which
    # comment_feature enforces) above `limit` ordinary ones; the cursor follows the last
    # ordinary one, so later pages neither repeat nor skip any.
    extra = 0 if cursor else settings.PARLEY_FEATURED_MAX
    fetched = list(top_rows.select_related("author").order_by(*order)[: limit + extra + 1])
    pinned = [c for c in fetched if c.featured and not cursor][:extra]
    ordinary = [c for c in fetched if not (c.featured and not cursor)]
    has_more = len(ordinary) > limit
    top = pinned + ordinary[:limit]
    last_ordinary = ordinary[limit - 1] if has_more else None
    branch_rows = []
    if top:
        branch_rows = list(
            Comment.objects.filter(root_id__in=[c.pk for c in top])
            .filter(visible)
            .select_related("author")
            .annotate(
                position=Window(RowNumber(), partition_by=[F("root_id")], order_by=F("path").asc())
            )
            .filter(position__lte=per_branch)
            .order_by("root_id", "path")
        )
    rows = top + branch_rows
    liked = viewer_likes(viewer, [c.pk for c in rows])
    names = parent_names(branch_rows, {c.pk for c in rows})
    cards = page_previews(rows)
    build = {"viewer": viewer, "thread": thread, "liked": liked, "names": names, "previews": cards}
    roots = [node(c, **build) for c in top]
    reply_nodes = [node(c, **build) for c in branch_rows]
    nest(roots, reply_nodes, settings.PARLEY_THREAD_VISIBLE_DEPTH)
    shown = {}
    for reply in branch_rows:
        shown[reply.root_id] = shown.get(reply.root_id, 0) + 1
    for root, comment in zip(roots, top, strict=True):
        root["more_replies"] = max(0, comment.branch_size - shown.get(comment.pk, 0))
        if root["more_replies"]:
            last = [r for r in branch_rows if r.root_id == comment.pk]
            root["replies_cursor"] = encode_cursor([last[-1].path, last[-1].pk]) if last else ""
    return {
        "thread": thread_summary(thread),
        "sort": sort,
        "comments": roots,
        "next_cursor": cursor_for(sort, last_ordinary) if has_more else None,
    }


def branch_replies(
    *, root_id: int, viewer: Viewer, cursor: str | None = None, limit: int | None = None
) -> dict:
    """More replies of one branch, after the cursor, in reading order."""
    root = Comment.objects.select_related("thread").filter(pk=root_id, depth=0).first()
    if root is None or not Comment.objects.filter(pk=root_id).filter(visible_to(viewer)).exists():
        raise NotFound("This comment does not exist or was deleted.")
    limit = clamp(limit, settings.PARLEY_THREAD_MAX_PAGE_SIZE, settings.PARLEY_THREAD_MAX_PAGE_SIZE)
    rows = Comment.objects.filter(root_id=root_id).filter(visible_to(viewer))
    if cursor:
        after_path, _ = decode_cursor(cursor)
        if not isinstance(after_path, str):
            raise DiscussionError("That page link is not valid.", code="bad_cursor")
        rows = rows.filter(path__gt=after_path)
    rows = list(rows.select_related("author").order_by("path")[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    liked = viewer_likes(viewer, [c.pk for c in rows])
    names = parent_names(rows, {c.pk for c in rows})
    cards = page_previews(rows)
    nodes = [
        node(c, viewer=viewer, thread=root.thread, liked=liked, names=names, previews=cards)
        for c in rows
    ]
    loose = nest([], nodes, settings.PARLEY_THREAD_VISIBLE_DEPTH)
    return {
        "root_id": root_id,
        "replies": loose,
        "next_cursor": encode_cursor([rows[-1].path, rows[-1].pk]) if has_more else None,
    }


def comment_as_written(comment: Comment) -> dict:
    """A comment its author just wrote, as they see it: no query, but one for link previews
    (a link posted before already has its card)."""
    viewer = Viewer(user_id=comment.author_id)
    item = node(
        comment,
        viewer=viewer,
        thread=comment.thread,
        liked=set(),
        names={},
        previews=page_previews([comment]),
    )
    item.pop("_names", None)
    depth = settings.PARLEY_THREAD_VISIBLE_DEPTH
    if comment.depth > depth and comment.parent is not None:
        parent = comment.parent
        name = "a deleted comment" if parent.status == Status.DELETED else ""
        item["in_reply_to"] = {
            "id": parent.pk,
            "name": name or accounts.display_name(parent.author),
        }
        # Shown flat under its ancestor at the visible depth, read from the path.
        step = len(comment.path) // (comment.depth + 1)
        item["display_parent_id"] = int(comment.path[depth * step : (depth + 1) * step], 36)
    item["thread_id"] = comment.thread_id
    return item


def comment_detail(*, comment_id: int, viewer: Viewer) -> dict:
    """One comment (for live updates and permalinks), if this viewer may see it."""
    comment = (
        Comment.objects.filter(pk=comment_id)
        .filter(visible_to(viewer))
        .select_related("author", "thread")
        .first()
    )
    if comment is None:
        raise NotFound("This comment does not exist or was deleted.")
    liked = viewer_likes(viewer, [comment.pk])
    names = parent_names([comment], {comment.pk})
    item = node(
        comment,
        viewer=viewer,
        thread=comment.thread,
        liked=liked,
        names=names,
        previews=page_previews([comment]),
    )
    if comment.depth > settings.PARLEY_THREAD_VISIBLE_DEPTH:
        item["in_reply_to"] = {"id": comment.parent_id, "name": names.get(comment.parent_id, "")}
    item.pop("_names", None)
    item["thread_id"] = comment.thread_id
    return item


def comment_branch(*, comment_id: int, viewer: Viewer) -> dict:
    """The whole branch holding a comment, for a permalink to a comment on a later page."""
    comment = Comment.objects.filter(pk=comment_id).filter(visible_to(viewer)).first()
    if comment is None:
        raise NotFound("This comment does not exist or was deleted.")
    root_id = comment.root_id or comment.pk
    root = Comment.objects.select_related("author", "thread").get(pk=root_id)
    thread = root.thread
    rows = list(
        Comment.objects.filter(root_id=root_id)
        .filter(visible_to(viewer))
        .select_related("author")
        .order_by("path")[: settings.PARLEY_THREAD_MAX_PAGE_SIZE]
    )
    liked = viewer_likes(viewer, [root.pk] + [c.pk for c in rows])
    names = parent_names(rows, {c.pk for c in rows} | {root.pk})
    # The root is fetched whatever its state; its cards only if this viewer may see it.
    cards = page_previews([*rows, root] if sees(viewer, root) else rows)
    build = {"viewer": viewer, "thread": thread, "liked": liked, "names": names, "previews": cards}
    root_node = node(root, **build)
    nest([root_node], [node(c, **build) for c in rows], settings.PARLEY_THREAD_VISIBLE_DEPTH)
    return {"thread": thread_summary(thread), "comment_id": comment_id, "branch": root_node}


def thread_summary(thread: Thread) -> dict:
    """What the widget needs to know about a thread."""
    from django.utils import timezone

    closed = thread.mode == Thread.Mode.CLOSED or bool(
        thread.closes_at and thread.closes_at <= timezone.now()
    )
    return {
        "id": thread.pk,
        "title": thread.title,
        "url": thread.url,
        "mode": thread.mode,
        "closed": closed,
        "comment_count": thread.comment_count,
        "version": thread.version,
    }


def edit_history(*, comment_id: int) -> list[dict]:
    """Earlier texts of a comment, oldest first (moderators only; the caller checks)."""
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        raise NotFound("This comment does not exist.")
    return [{"body": e.body_md, "edited_at": e.edited_at} for e in comment.edits.all()]


# A person's comments ---------------------------------------------------------------------


def comment_url(comment: Comment) -> str:
    """The permalink of a comment on its article's page."""
    base = comment.thread.url.split("#")[0].split("?")[0]
    return f"{base}?comment={comment.pk}#comment-{comment.pk}"


def comments_by_author(*, author_id: int, viewer: Viewer, limit: int | None = None) -> list[dict]:
    """An author's comments this viewer may see, newest first, for their profile page."""
    limit = clamp(limit, settings.PARLEY_THREAD_PAGE_SIZE, settings.PARLEY_THREAD_MAX_PAGE_SIZE)
    rows = (
        Comment.objects.filter(author_id=author_id)
        # Placeholders say nothing about their author, and hidden discussions stay hidden.
        .filter(readable_by(viewer))
        .exclude(thread__mode=Thread.Mode.HIDDEN)
        .select_related("thread")
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        {
            "id": c.pk,
            "excerpt": plain_text(c.body_html, limit=280),
            "created_at": c.created_at,
            "status": c.status,
            "url": comment_url(c),
            "thread_title": c.thread.title,
        }
        for c in rows
    ]


def author_comments_for_export(*, author_id: int) -> list[dict]:
    """Every comment an account wrote, in any state, for the account's own data export."""
    rows = (
        Comment.objects.filter(author_id=author_id)
        .select_related("thread")
        .order_by("created_at", "id")
    )
    return [
        {
            "id": c.pk,
            "thread": {"title": c.thread.title, "url": c.thread.url},
            "url": comment_url(c),
            "in_reply_to": c.parent_id,
            "status": c.status,
            "body": c.body_md,
            "created_at": c.created_at,
            "edited_at": c.edited_at,
            "deleted_at": c.deleted_at,
            "like_count": c.like_count,
        }
        for c in rows.iterator()
    ]


def user_likes_for_export(*, user_id: int) -> list[dict]:
    """Every comment an account liked, for the account's own data export."""
    rows = (
        Like.objects.filter(user_id=user_id)
        .select_related("comment__thread")
        .order_by("created_at", "id")
    )
    return [
        {
            "comment_id": like.comment_id,
            "thread": {"title": like.comment.thread.title, "url": like.comment.thread.url},
            "url": comment_url(like.comment),
            "liked_at": like.created_at,
        }
        for like in rows.iterator()
    ]
