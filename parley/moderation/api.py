"""Readers' side of moderation in the JSON API: reporting a comment, acknowledging a warning."""

from django.http import HttpResponse
from ninja import Router, Schema

from parley.discussion.api import ErrorOut, json_response, writer
from parley.moderation import services

router = Router(tags=["moderation"])


class ReportIn(Schema):
    reason: str
    text: str = ""


class ReportOut(Schema):
    id: int
    comment_id: int
    reason: str


class WarningOut(Schema):
    text: str | None


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut}


@router.post("/comments/{comment_id}/report", response={201: ReportOut, **ERRORS})
def comment_report(request, comment_id: int, payload: ReportIn):
    """Report a comment to the moderators (spam, abuse, off_topic or other, with a note)."""
    report = services.report_create(
        comment_id=comment_id, reporter=writer(request), reason=payload.reason, text=payload.text
    )
    return json_response(
        {"id": report.pk, "comment_id": comment_id, "reason": report.reason}, status=201
    )


@router.get("/moderation/warning", response={200: WarningOut, 401: ErrorOut})
def warning_pending(request):
    """The moderator's warning you must acknowledge before commenting again, if any."""
    warning = services.pending_warning(user=request.user)
    return json_response({"text": warning.text if warning else None})


@router.post("/moderation/warning/acknowledge", response={204: None, **ERRORS})
def warning_acknowledge(request):
    """Acknowledge the moderator's warning, so you can comment again."""
    services.warning_acknowledge(user=writer(request))
    return HttpResponse(status=204)
