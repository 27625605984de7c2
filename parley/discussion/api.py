"""The discussion's JSON API (django-ninja): threads, comment pages, writes, likes, counts."""

import json
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.utils import check_csrf

from parley.accounts.selectors import is_moderator
from parley.discussion import selectors, services
from parley.discussion.errors import NotAllowed, NotSignedIn

router = Router(tags=["discussion"])


# Schemas (they document the API; responses are written as JSON directly) -----------------


class ErrorOut(Schema):
    code: str
    message: str


class AuthorOut(Schema):
    id: int | None
    name: str
    initial: str
    hue: int


class PreviewOut(Schema):
    url: str
    display_url: str = Field(description='A compact form, like "www.example.com/article/…".')
    site_name: str
    title: str
    image_url: str = Field(description="Our own copy of the page's image; empty when none.")
    image_width: int
    image_height: int


class CommentOut(Schema):
    id: int
    parent_id: int | None
    root_id: int | None
    depth: int
    display_parent_id: int | None
    author: AuthorOut | None
    html: str = Field(description="Sanitised HTML, safe to insert as is.")
    previews: list[PreviewOut] = Field(
        [], description="Cards of the comment's links whose preview was fetched, in order."
    )
    tombstone: bool = Field(description="A placeholder (deleted, or removed) kept for its replies.")
    status: str = Field(
        description="published, held, rejected (your own), deleted, or removed: a moderator "
        "took it down and it stays as a placeholder while it has replies."
    )
    status_reason: str
    featured: bool = Field(False, description="Pinned by a moderator to the top.")
    created_at: datetime
    edited: bool
    like_count: int
    liked: bool
    own: bool
    before_update: bool = Field(description="Written before the article's last material update.")
    in_reply_to: dict | None
    replies: list["CommentOut"]
    more_replies: int
    replies_cursor: str | None = None


class ThreadOut(Schema):
    id: int
    title: str
    url: str
    mode: str
    closed: bool
    comment_count: int
    version: int


class PageOut(Schema):
    thread: ThreadOut
    sort: str
    comments: list[CommentOut]
    next_cursor: str | None


class RepliesOut(Schema):
    root_id: int
    replies: list[CommentOut]
    next_cursor: str | None


class CommentIn(Schema):
    body: str
    parent_id: int | None = None


class EditIn(Schema):
    body: str


class LikeOut(Schema):
    liked: bool
    like_count: int


class CountsIn(Schema):
    threads: list[int] = []
    pages: list[int] = []


class CountsOut(Schema):
    threads: dict[int, int]
    pages: dict[int, int]


# Helpers ---------------------------------------------------------------------------------


def json_response(data, status: int = 200, **headers) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"))
    response = HttpResponse(body, status=status, content_type="application/json")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def writer(request):
    """The signed-in user making a write, after the CSRF check a cookie session needs."""
    if not request.user.is_authenticated:
        raise NotSignedIn("Please sign in to do that.")
    if check_csrf(request) is not None:
        raise NotAllowed(
            "The request was refused because its security token was missing or stale; "
            "reload the page and try again.",
            code="csrf_failed",
        )
    return request.user


# Reads -----------------------------------------------------------------------------------


@router.get("/threads/lookup", response={200: ThreadOut, 404: ErrorOut})
def thread_lookup(request, page: int | None = None, site: str = "", key: str = ""):
    """Find a thread by our page id, or by another site's (site, key)."""
    if page is not None:
        thread = selectors.thread_for_page(page)
        if thread is None:
            return 404, {"code": "not_found", "message": "No discussion exists for that page."}
    else:
        thread = selectors.thread_by_key(site=site, key=key)
    return json_response(selectors.thread_summary(thread))


class PageQuery(Schema):
    sort: str = "newest"
    cursor: str | None = None
    limit: int | None = None
    replies: int | None = Field(None, description="Replies shown per branch (default 3).")


@router.get("/threads/{thread_id}/comments", response={200: PageOut, 304: None, 404: ErrorOut})
def thread_comments(request, thread_id: int, query: Query[PageQuery]):
    """A page of top-level comments with the first replies of each branch.

    Anonymous reads carry the surrogate key of the thread, so the page cache keeps them
    (with an ETag) until the next change to the thread.
    """
    viewer = selectors.Viewer.of(request.user)
    thread = selectors.thread_by_id(thread_id)
    data = selectors.thread_comments_page(thread=thread, viewer=viewer, **query.dict())
    response = json_response(data)
    if viewer.anonymous:
        response["Surrogate-Key"] = f"thread-{thread_id}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


@router.get("/comments/{comment_id}/replies", response={200: RepliesOut, 404: ErrorOut})
def comment_replies(request, comment_id: int, cursor: str | None = None, limit: int | None = None):
    """More replies of a branch ("Show N more replies"), in reading order."""
    viewer = selectors.Viewer.of(request.user)
    data = selectors.branch_replies(root_id=comment_id, viewer=viewer, cursor=cursor, limit=limit)
    return json_response(data)


@router.get("/comments/{comment_id}", response={200: CommentOut, 404: ErrorOut})
def comment_detail(request, comment_id: int):
    """One comment, if you may see it."""
    viewer = selectors.Viewer.of(request.user)
    return json_response(selectors.comment_detail(comment_id=comment_id, viewer=viewer))


@router.get("/comments/{comment_id}/branch", response={200: dict, 404: ErrorOut})
def comment_branch(request, comment_id: int):
    """The whole branch holding a comment (for permalinks to later pages)."""
    viewer = selectors.Viewer.of(request.user)
    return json_response(selectors.comment_branch(comment_id=comment_id, viewer=viewer))


@router.get("/comments/{comment_id}/history", response={200: list[dict], 403: ErrorOut})
def comment_history(request, comment_id: int):
    """Earlier versions of an edited comment; moderators only."""
    if not is_moderator(request.user):
        raise NotAllowed("Only moderators can read edit histories.")
    return json_response(selectors.edit_history(comment_id=comment_id))


@router.post("/counts", response={200: CountsOut})
def counts(request, payload: CountsIn):
    """Comment counts of many threads or pages in one request (for listing pages)."""
    return json_response(
        {
            "threads": selectors.counts_for_threads(payload.threads[:500]),
            "pages": selectors.counts_for_pages(payload.pages[:500]),
        }
    )


# Writes ----------------------------------------------------------------------------------

WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


@router.post(
    "/threads/{thread_id}/comments", response={201: CommentOut, 202: CommentOut, **WRITE_ERRORS}
)
def comment_create(request, thread_id: int, payload: CommentIn):
    """Post a comment or a reply: 201 when published, 202 when held for review (with the
    reason); a refusal by the moderation screening is 403 or 422 with its code and reason."""
    user = writer(request)
    comment = services.comment_create(
        thread_id=thread_id,
        author=user,
        body=payload.body,
        parent_id=payload.parent_id,
        client_ip=request.META.get("REMOTE_ADDR"),
    )
    data = selectors.comment_as_written(comment)
    # A shadowed comment answers exactly as a published one would.
    return json_response(data, status=202 if comment.status == "held" else 201)


@router.patch("/comments/{comment_id}", response={200: CommentOut, 409: ErrorOut, **WRITE_ERRORS})
def comment_edit(request, comment_id: int, payload: EditIn):
    """Change your comment's text within the edit window."""
    user = writer(request)
    services.comment_edit(comment_id=comment_id, editor=user, body=payload.body)
    data = selectors.comment_detail(comment_id=comment_id, viewer=selectors.Viewer.of(user))
    return json_response(data)


@router.delete("/comments/{comment_id}", response={204: None, **WRITE_ERRORS})
def comment_delete(request, comment_id: int):
    """Delete your comment (a tombstone stays while it has replies)."""
    services.comment_delete(comment_id=comment_id, actor=writer(request))
    return HttpResponse(status=204)


@router.post("/comments/{comment_id}/like", response={200: LikeOut, **WRITE_ERRORS})
def comment_like(request, comment_id: int):
    """Like a comment, or take your like back."""
    liked, count = services.comment_like(comment_id=comment_id, user=writer(request))
    return json_response({"liked": liked, "like_count": count})
