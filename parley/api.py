"""The JSON API root: /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from parley.discussion.api import router as discussion_router
from parley.discussion.errors import DiscussionError
from parley.moderation.api import router as moderation_router

api = NinjaAPI(
    title="Parley API",
    version="1",
    description="Threads, comments, replies, likes and counts. Errors are "
    '`{"code": …, "message": …}` with the HTTP status that fits.',
    urls_namespace="api",
)
api.add_router("/", discussion_router)
api.add_router("/", moderation_router)


def error(request, status: int, code: str, message: str, **extra):
    response = api.create_response(
        request, {"code": code, "message": message, **extra}, status=status
    )
    return response


@api.exception_handler(DiscussionError)
def discussion_error(request, exc: DiscussionError):
    extra = {}
    if getattr(exc, "standards_url", None):
        extra["standards_url"] = exc.standards_url
    response = error(request, exc.status, exc.code, exc.message, **extra)
    if getattr(exc, "retry_after", None):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    problems = []
    for item in exc.errors:
        where = ".".join(str(part) for part in item.get("loc", [])[1:]) or "request"
        problems.append(f"{where}: {item.get('msg', 'is not valid')}")
    message = (
        "The request is not valid: " + "; ".join(problems)
        if problems
        else "The request is not valid."
    )
    return error(request, 422, "invalid", message)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return error(request, 401, "not_signed_in", "Please sign in to do that.")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return error(request, exc.status_code, "error", str(exc.message))
