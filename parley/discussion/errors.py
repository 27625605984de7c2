"""Domain errors of the discussion; the API and views map each to an HTTP status."""


class DiscussionError(Exception):
    """A refusal with a machine code and a sentence for the reader."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(DiscussionError):
    status = 404
    code = "not_found"


class NotAllowed(DiscussionError):
    status = 403
    code = "forbidden"


class NotSignedIn(DiscussionError):
    status = 401
    code = "not_signed_in"


class Conflict(DiscussionError):
    status = 409
    code = "conflict"


class TooLarge(DiscussionError):
    status = 413
    code = "too_long"


class RateLimited(DiscussionError):
    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class Rejected(DiscussionError):
    """Refused by the moderation screening for what it says; the message says why."""

    status = 422
    code = "rejected"
