"""Write paths of the discussion: the only code that changes threads, comments and likes.

Every write runs in one transaction that also bumps the thread's version and, when readers
can see the change, logs a live event under that version (the outbox, parley.live). What
follows a commit (cache purges, the live wake-up) runs after it, so nothing downstream can
lose an acknowledged comment. Held and shadow comments are never announced.

A comment's links are stored with it; their previews are fetched by a background task
queued after the commit (tasks.comment_previews), which announces the comment again as
edited once its cards are ready. Posting never waits for a preview.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from parley.core import page_cache
from parley.core.db import after_commit, serialized_writes
from parley.discussion import rendering, selectors
from parley.discussion.errors import (
    Conflict,
    DiscussionError,
    NotAllowed,
    NotFound,
    NotSignedIn,
    RateLimited,
    Rejected,
    TooLarge,
)
from parley.discussion.models import Comment, CommentEdit, Like, Thread
from parley.live.services import event_append
from parley.previews.links import comment_links

Status = Comment.Status
logger = logging.getLogger("parley.discussion")
PATH_STEP = 7  # base-36 digits per level: ids up to 78 billion
MAX_DEPTH = 99  # paths stay within their 700 characters


def path_segment(comment_id: int) -> str:
    """A fixed-width base-36 id, so string order is numeric order."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while comment_id:
        comment_id, rest = divmod(comment_id, 36)
        out = digits[rest] + out
    return out.rjust(PATH_STEP, "0")


def announce(thread: Thread) -> None:
    """After commit: purge every cached page and API response showing this thread."""
    page_cache.purge(f"thread-{thread.pk}")


def bump(thread: Thread, *, comment_delta: int = 0, event: str = "", ids=(), **data) -> None:
    """Advance the thread's version (and count) inside the current transaction.

    With `event`, readers following the thread live are told: the event carries the new
    version as its id, the ids of the comments concerned and the thread's count. It says
    what changed, never what the comment says; the widget fetches that through the API,
    where visibility is decided.
    """
    thread.version += 1
    Thread.objects.filter(pk=thread.pk).update(
        version=thread.version, comment_count=F("comment_count") + comment_delta
    )
    thread.comment_count += comment_delta
    if event:
        event_append(
            stream=selectors.live_stream(thread.pk),
            seq=thread.version,
            kind=event,
            data={"ids": list(ids), "count": thread.comment_count, **data},
        )
    after_commit(lambda: announce(thread))


def locked_thread(thread_id: int) -> Thread:
    """The thread, locked for this transaction (SQLite's IMMEDIATE lock does it there)."""
    thread = Thread.objects.select_for_update().filter(pk=thread_id).first()
    if thread is None:
        raise NotFound("This discussion does not exist.")
    return thread


# Threads ---------------------------------------------------------------------------------


def thread_sync_for_page(
    *,
    page_id: int,
    url: str,
    title: str,
    mode: str,
    closes_at: datetime | None = None,
    content_updated_at: datetime | None = None,
    live_revision_id: int | None = None,
) -> Thread:
    """Create or update the thread of one of our pages when it is published."""
    fields = {
        "page_id": page_id,
        "url": url,
        "title": title[:300],
        "mode": mode,
        "closes_at": closes_at,
        "content_updated_at": content_updated_at,
        "live_revision_id": live_revision_id,
    }
    with transaction.atomic():
        thread, created = Thread.objects.get_or_create(
            site="", key=f"page-{page_id}", defaults=fields
        )
        if not created:
            changed = {k: v for k, v in fields.items() if getattr(thread, k) != v}
            if changed:
                for name, value in changed.items():
                    setattr(thread, name, value)
                thread.save(update_fields=list(changed))
                bump(thread, event="thread.changed", mode=thread.mode)
    return thread


def thread_for_key(*, site: str, key: str, url: str, title: str) -> Thread:
    """The thread of another site's page, created on first use."""
    if not site or not key:
        raise DiscussionError("A thread needs a site and a key.", code="invalid")
    try:
        with transaction.atomic():
            thread, _ = Thread.objects.get_or_create(
                site=site[:100], key=key[:255], defaults={"url": url[:500], "title": title[:300]}
            )
    except IntegrityError:
        thread = Thread.objects.get(site=site[:100], key=key[:255])
    return thread


# Posting ---------------------------------------------------------------------------------


def screened(
    *,
    author,
    thread_id: int,
    body_md: str,
    body_html: str,
    parent_id=None,
    client_ip=None,
    comment: Comment | None = None,
):
    """The moderation screening's decision on a submission (outside any transaction).

    A refusal is raised as the discussion error the API and views already map to HTTP.
    """
    from parley.moderation import services as moderation

    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        raise NotFound("This discussion does not exist.")
    parent = Comment.objects.filter(pk=parent_id).first() if parent_id else None
    decision = moderation.comment_screen(
        author=author,
        thread=thread,
        body_md=body_md,
        body_html=body_html,
        parent=parent,
        client_ip=client_ip,
        comment=comment,
    )
    if not decision.rejected:
        return decision
    raise refusal_error(decision)


def refusal_error(decision) -> DiscussionError:
    """The discussion error a screening refusal is mapped to HTTP as."""
    from parley.moderation import services as moderation

    if decision.retry_after:
        error = RateLimited(decision.reason, retry_after=decision.retry_after)
    elif decision.http_status == 403:
        error = NotAllowed(decision.reason, code=decision.code)
    else:
        error = Rejected(decision.reason, code=decision.code)
    error.standards_url = moderation.standards_url()
    return error


def render(body: str) -> tuple[str, str]:
    try:
        return rendering.render_comment(body, max_length=settings.PARLEY_COMMENT_MAX_LENGTH)
    except rendering.BodyError as exc:
        if exc.code == "too_long":
            raise TooLarge(str(exc)) from exc
        raise DiscussionError(str(exc), code=exc.code) from exc


def require_author(user) -> None:
    if user is None or not user.is_authenticated:
        raise NotSignedIn("Please sign in to comment.")
    if not user.is_active:
        raise NotAllowed("This account cannot comment.", code="account_inactive")


def comment_create(
    *,
    thread_id: int,
    author,
    body: str,
    parent_id: int | None = None,
    client_ip: str | None = None,
) -> Comment:
    """Post a comment or a reply; committed before this returns."""
    from parley.moderation import services as moderation

    require_author(author)
    body_md, body_html = render(body)
    decision = screened(
        author=author,
        thread_id=thread_id,
        body_md=body_md,
        body_html=body_html,
        parent_id=parent_id,
        client_ip=client_ip,
    )
    now = timezone.now()
    with serialized_writes(), transaction.atomic():
        thread = locked_thread(thread_id)
        # Screening read the thread before this lock; a close or hide since then wins.
        refusal = moderation.thread_refusal(thread=thread, now=now)
        if refusal is not None:
            raise refusal_error(refusal)
        parent = replied_to(thread, parent_id, author) if parent_id else None
        status = moderation.status_for(decision)
        if parent and parent.status != Status.PUBLISHED and status == Status.PUBLISHED:
            # An answer to one's own held comment waits with it.
            status = parent.status
        comment = Comment.objects.create(
            thread=thread,
            parent=parent,
            root_id=(parent.root_id or parent.pk) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            author=author,
            body_md=body_md,
            body_html=body_html,
            links=comment_links(body_html),
            status=status,
            status_reason=decision.reason if status != Status.PUBLISHED else "",
            created_at=now,
            article_revision_id=thread.live_revision_id,
        )
        comment.path = (parent.path if parent else "") + path_segment(comment.pk)
        Comment.objects.filter(pk=comment.pk).update(path=comment.path)
        if status == Status.PUBLISHED:
            shift_visibility(comment, +1, parent=parent)
            bump(
                thread,
                comment_delta=1,
                event="comment.created",
                ids=[comment.pk],
                parent_id=comment.parent_id,
            )
        else:
            bump(thread)
        # In the same transaction: the decision's audit row and the preview job commit
        # with the comment or not at all, and a post costs one write, not three.
        moderation.decision_record(comment=comment, decision=decision)
        if comment.links:
            previews_enqueue(comment.pk)
    return comment


def previews_enqueue(comment_id: int) -> None:
    """Queue the fetch of a comment's link previews, from inside the caller's transaction.

    With the database queue (the default) the job commits with the comment, a
    transactional outbox: no comment with links is left without its job, the worker never
    sees a job for a rolled-back comment, and a post stays one write. A queue elsewhere
    (or one that runs tasks at once, as in tests) is told after the commit instead.
    """
    from django_tasks_db import DatabaseBackend

    from parley.discussion.tasks import comment_previews

    try:
        in_database = isinstance(comment_previews.get_backend(), DatabaseBackend)
    except Exception:
        in_database = False
    if not in_database:
        after_commit(lambda: comment_previews.enqueue(comment_id))
        return
    try:
        with transaction.atomic():  # a savepoint: a job that fails to queue costs no comment
            comment_previews.enqueue(comment_id)
    except Exception:
        logger.exception("link previews of comment %s could not be queued", comment_id)


def comment_previews_ready(*, comment_id: int) -> None:
    """Show readers a comment's fetched link previews: the comment is announced as edited.

    Only a published comment is announced (held and shadowed ones never are), and only when
    some preview came out: a failed fetch leaves the plain link, and nothing changed.
    """
    from parley.previews.selectors import previews_for_urls

    first = Comment.objects.filter(pk=comment_id).only("thread_id", "status", "links").first()
    if first is None or first.status != Status.PUBLISHED or not previews_for_urls(first.links):
        return
    with serialized_writes(), transaction.atomic():
        try:
            thread = locked_thread(first.thread_id)
        except NotFound:
            return
        # Again under the thread's lock: a moderator or the author may have acted meanwhile.
        if Comment.objects.filter(pk=comment_id, status=Status.PUBLISHED).exists():
            bump(thread, event="comment.edited", ids=[comment_id])


def replied_to(thread: Thread, parent_id: int, author) -> Comment:
    """The comment being answered, if it can be answered."""
    parent = Comment.objects.select_related("author").filter(pk=parent_id).first()
    if parent is None or parent.thread_id != thread.pk:
        raise DiscussionError(
            "You can only reply to a comment in this discussion.", code="bad_parent"
        )
    if parent.status == Status.DELETED:
        raise DiscussionError(
            "That comment was deleted, so it cannot be answered.", code="parent_deleted"
        )
    visible = parent.status == Status.PUBLISHED or (
        parent.author_id == author.pk and parent.status in (Status.HELD, Status.SHADOW)
    )
    if not visible:
        raise DiscussionError(
            "You can only reply to a comment in this discussion.", code="bad_parent"
        )
    if parent.depth >= MAX_DEPTH:
        raise DiscussionError(
            "This conversation is too deep for another reply; answer an earlier comment.",
            code="too_deep",
        )
    return parent


# A comment in one of these states shows to other readers as a placeholder ("deleted", or
# "removed by a moderator") while some reply to it shows, so a branch keeps its shape.
PLACEHOLDER_STATUSES = (Status.DELETED, Status.HELD, Status.REJECTED, Status.SHADOW)


def shift_visibility(comment: Comment, delta: int, parent: Comment | None = None) -> None:
    """Count a comment that became visible (+1) or invisible (-1) in its parents and branch.

    A deleted or moderated comment stays on the page as a placeholder only while some reply
    to it is visible; when its last one goes, it disappears too, and so on up the branch.
    `parent`, when given, was read in this transaction under the writer lock, so its counts
    are current and it need not be read again.
    """
    parent_id = comment.parent_id
    if comment.root_id and comment.root_id == parent_id:
        # A reply to a top-level comment: both counts are on one row, one statement.
        Comment.objects.filter(pk=parent_id).update(
            branch_size=F("branch_size") + delta, visible_replies=F("visible_replies") + delta
        )
    elif comment.root_id:
        Comment.objects.filter(pk=comment.root_id).update(branch_size=F("branch_size") + delta)
    first = True
    while parent_id:
        if not (first and comment.root_id == parent_id):
            Comment.objects.filter(pk=parent_id).update(
                visible_replies=F("visible_replies") + delta
            )
        if first and parent is not None and parent.pk == parent_id:
            parent.visible_replies += delta
        else:
            parent = Comment.objects.only("status", "visible_replies", "parent_id", "root_id").get(
                pk=parent_id
            )
        first = False
        # A placeholder shows while some reply to it shows: its last one going hides it, and
        # a first one coming back (a moderator approving a reply) shows it again.
        tombstone_flip = parent.status in PLACEHOLDER_STATUSES and (
            (delta < 0 and parent.visible_replies == 0)
            or (delta > 0 and parent.visible_replies == 1)
        )
        if not tombstone_flip:
            return
        if parent.root_id:
            Comment.objects.filter(pk=parent.root_id).update(branch_size=F("branch_size") + delta)
        parent_id = parent.parent_id


def is_visible_to_all(comment: Comment) -> bool:
    """Published, or a placeholder that some visible reply keeps on the page."""
    return comment.status == Status.PUBLISHED or (
        comment.status in PLACEHOLDER_STATUSES and comment.visible_replies > 0
    )


# Editing and deleting --------------------------------------------------------------------


def own_comment(comment_id: int, user, *, for_update_of: Thread | None = None) -> Comment:
    require_author(user)
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None or comment.status in (Status.DELETED, Status.REJECTED):
        raise NotFound("This comment does not exist or was deleted.")
    if comment.author_id != user.pk:
        raise NotAllowed("You can only change your own comments.", code="not_author")
    return comment


def comment_edit(*, comment_id: int, editor, body: str) -> Comment:
    """Change a comment's text within the edit window, keeping the old text for moderators."""
    comment = own_comment(comment_id, editor)
    now = timezone.now()
    window = settings.PARLEY_COMMENT_EDIT_SECONDS
    if (now - comment.created_at).total_seconds() > window:
        raise Conflict(
            f"Comments can be edited for {window // 60} minutes after posting; "
            "this one can no longer be changed.",
            code="edit_window_over",
        )
    body_md, body_html = render(body)
    if body_md == comment.body_md:
        return comment
    from parley.moderation import services as moderation

    decision = screened(
        author=editor,
        thread_id=comment.thread_id,
        body_md=body_md,
        body_html=body_html,
        comment=comment,
    )
    with serialized_writes(), transaction.atomic():
        thread = locked_thread(comment.thread_id)
        refusal = moderation.thread_refusal(thread=thread, now=now, is_edit=True)
        if refusal is not None:
            raise refusal_error(refusal)
        CommentEdit.objects.create(comment=comment, body_md=comment.body_md, edited_at=now)
        old_links = comment.links
        comment.body_md, comment.body_html, comment.edited_at = body_md, body_html, now
        comment.links = comment_links(body_html)
        fields = ["body_md", "body_html", "links", "edited_at"]
        delta = 0
        was_published = comment.status == Status.PUBLISHED
        # An edit can send a published comment back for review; it never publishes one.
        held = moderation.status_for(decision)
        if was_published and held != Status.PUBLISHED:
            comment.refresh_from_db(fields=["visible_replies", "status"])
            was_visible = is_visible_to_all(comment)
            comment.status, comment.status_reason = held, decision.reason
            fields += ["status", "status_reason"]
            if was_visible and not is_visible_to_all(comment):
                shift_visibility(comment, -1)
            delta = -1
        comment.save(update_fields=fields)
        if not was_published:
            bump(thread)
        elif comment.status == Status.PUBLISHED:
            bump(thread, event="comment.edited", ids=[comment.pk])
        else:
            # Readers no longer see it: to them it was removed.
            bump(thread, comment_delta=delta, event="comment.removed", ids=[comment.pk])
        moderation.decision_record(comment=comment, decision=decision)
        if comment.links and comment.links != old_links:
            previews_enqueue(comment.pk)
    return comment


def comment_delete(*, comment_id: int, actor) -> Comment:
    """Delete one's own comment: a tombstone while it has replies, gone otherwise."""
    comment = own_comment(comment_id, actor)
    with serialized_writes(), transaction.atomic():
        thread = locked_thread(comment.thread_id)
        comment.refresh_from_db()
        was_visible = is_visible_to_all(comment)
        was_published = retire(comment)
        if was_visible:
            bump(
                thread,
                comment_delta=-1 if was_published else 0,
                event="comment.removed",
                ids=[comment.pk],
            )
        else:
            bump(thread)
    return comment


def retire(comment: Comment) -> bool:
    """Empty a comment into a tombstone (inside the thread's lock); True if it was published."""
    was_visible = is_visible_to_all(comment)
    was_published = comment.status == Status.PUBLISHED
    comment.status = Status.DELETED
    comment.body_md = comment.body_html = ""
    comment.links = []
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["status", "body_md", "body_html", "links", "deleted_at"])
    CommentEdit.objects.filter(comment=comment).delete()
    if was_visible and not is_visible_to_all(comment):
        shift_visibility(comment, -1)
    return was_published


# Likes -----------------------------------------------------------------------------------


def comment_like(*, comment_id: int, user) -> tuple[bool, int]:
    """Toggle the user's like; returns (liked now, like count)."""
    require_author(user)
    comment = Comment.objects.filter(pk=comment_id, status=Status.PUBLISHED).first()
    if comment is None:
        raise NotFound("This comment does not exist or was deleted.")
    if comment.author_id == user.pk:
        raise NotAllowed("You cannot like your own comment.", code="own_comment")
    with serialized_writes(), transaction.atomic():
        thread = locked_thread(comment.thread_id)
        removed, _ = Like.objects.filter(comment=comment, user=user).delete()
        if removed:
            delta, liked = -1, False
        else:
            Like.objects.create(comment=comment, user=user)
            delta, liked = 1, True
        Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + delta)
        bump(
            thread,
            event="comment.liked",
            ids=[comment.pk],
            like_count=comment.like_count + delta,
        )
    return liked, comment.like_count + delta


# A person's comments and likes as a whole (account changes and erasure) -------------------


def threads_of_author(user_id: int) -> list[int]:
    return sorted(
        set(Comment.objects.filter(author_id=user_id).values_list("thread_id", flat=True))
    )


@transaction.atomic
def comments_of_author_remove(*, user_id: int) -> int:
    """Delete every comment of an account (tombstones where others replied); returns how many."""
    removed = 0
    for thread_id in threads_of_author(user_id):
        thread = locked_thread(thread_id)
        published = 0
        # Deepest first, so a reply's tombstone is settled before its parent's.
        ids = (
            Comment.objects.filter(thread=thread, author_id=user_id)
            .exclude(status=Status.DELETED)
            .order_by("-depth", "-pk")
            .values_list("pk", flat=True)
        )
        gone = []
        for comment_id in list(ids):
            # Fetched one by one: retiring a reply changes its parent's counts.
            comment = Comment.objects.get(pk=comment_id)
            if is_visible_to_all(comment):
                gone.append(comment_id)
            published += retire(comment)
            removed += 1
        bump(thread, comment_delta=-published, event="comment.removed", ids=gone)
    return removed


@transaction.atomic
def comments_of_author_detach(*, user_id: int) -> int:
    """Keep an account's comments but attribute them to nobody ("deleted user")."""
    detached = 0
    for thread_id in threads_of_author(user_id):
        thread = locked_thread(thread_id)
        mine = Comment.objects.filter(thread=thread, author_id=user_id)
        ids = list(mine.filter(status=Status.PUBLISHED).values_list("pk", flat=True))
        detached += mine.update(author=None)
        bump(thread, event="comment.edited", ids=ids)
    return detached


@transaction.atomic
def likes_of_user_remove(*, user_id: int) -> int:
    """Take back every like an account gave, keeping the comments' like counts right."""
    thread_ids = sorted(
        set(Like.objects.filter(user_id=user_id).values_list("comment__thread_id", flat=True))
    )
    removed = 0
    for thread_id in thread_ids:
        thread = locked_thread(thread_id)
        liked = list(
            Like.objects.filter(user_id=user_id, comment__thread=thread).values_list(
                "comment_id", flat=True
            )
        )
        Comment.objects.filter(pk__in=liked).update(like_count=F("like_count") - 1)
        removed += Like.objects.filter(user_id=user_id, comment_id__in=liked).delete()[0]
        bump(thread, event="comment.edited", ids=liked)
    return removed


@transaction.atomic
def author_threads_refresh(*, user_id: int) -> None:
    """New versions for the threads an account wrote in, so cached pages show its new name."""
    for thread_id in threads_of_author(user_id):
        thread = locked_thread(thread_id)
        ids = Comment.objects.filter(
            thread=thread, author_id=user_id, status=Status.PUBLISHED
        ).values_list("pk", flat=True)
        bump(thread, event="comment.edited", ids=list(ids))


# Moderation (the moderation app decides and logs; these keep the thread right) ------------

MODERATED_STATUSES = (Status.PUBLISHED, Status.HELD, Status.REJECTED, Status.SHADOW)


def comment_moderate(*, comment_id: int, status: str, reason: str, actor) -> Comment:
    """Set a comment's status (approve, hold, reject, shadow), keeping every count right.

    `actor` is who decided (None for a rule); the moderation app checks permissions and logs.
    """
    if status not in MODERATED_STATUSES:
        raise DiscussionError("A comment can be published, held, rejected or shadowed.")
    first = Comment.objects.filter(pk=comment_id).only("thread_id").first()
    if first is None:
        raise NotFound("This comment does not exist or was deleted.")
    with serialized_writes(), transaction.atomic():
        thread = locked_thread(first.thread_id)
        comment = Comment.objects.select_related("author").get(pk=comment_id)
        if comment.status == Status.DELETED:
            raise NotFound("This comment does not exist or was deleted.")
        was_visible = is_visible_to_all(comment)
        was_published = comment.status == Status.PUBLISHED
        comment.status = status
        comment.status_reason = "" if status == Status.PUBLISHED else reason[:300]
        fields = ["status", "status_reason"]
        if status != Status.PUBLISHED and comment.featured:
            comment.featured = False
            fields.append("featured")
        comment.save(update_fields=fields)
        now_visible = is_visible_to_all(comment)
        now_published = status == Status.PUBLISHED
        delta = int(now_published) - int(was_published)
        if was_visible != now_visible:
            shift_visibility(comment, 1 if now_visible else -1)
        if now_visible and not was_visible:
            # Approved: to readers it is a new comment.
            kind = "comment.created"
        elif was_published and not now_published:
            # Gone, or (with visible replies) a placeholder now, as a deletion leaves one.
            kind = "comment.removed"
        elif now_published and not was_published:
            # A placeholder approved: the same place in the thread, its text back.
            kind = "comment.edited"
        else:
            kind = ""
        bump(
            thread,
            comment_delta=delta,
            event=kind,
            ids=[comment.pk],
            **({"parent_id": comment.parent_id} if kind == "comment.created" else {}),
        )
    return comment


def comment_feature(*, comment_id: int, featured: bool, actor) -> Comment:
    """Pin a published top-level comment to the top of its thread (or unpin it)."""
    first = Comment.objects.filter(pk=comment_id).only("thread_id").first()
    if first is None:
        raise NotFound("This comment does not exist or was deleted.")
    with serialized_writes(), transaction.atomic():
        thread = locked_thread(first.thread_id)
        comment = Comment.objects.select_related("author").get(pk=comment_id)
        if featured and (comment.status != Status.PUBLISHED or comment.depth != 0):
            raise Conflict(
                "Only a published comment that is not a reply can be featured.",
                code="not_featurable",
            )
        if featured and not comment.featured:
            pinned = Comment.objects.filter(thread=thread, featured=True).count()
            if pinned >= settings.PARLEY_FEATURED_MAX:
                raise Conflict(
                    f"At most {settings.PARLEY_FEATURED_MAX} comments can be featured in a "
                    "discussion; unfeature one first.",
                    code="too_many_featured",
                )
        if comment.featured != featured:
            comment.featured = featured
            comment.save(update_fields=["featured"])
            bump(thread, event="comment.edited", ids=[comment.pk])
    return comment
