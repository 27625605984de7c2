"""Refusals of the accounts app, with a message a person can act on."""


class AccountError(Exception):
    """A change to an account we refuse: a message to show, a machine code, the field at fault."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
