"""Errors that carry a message for the staff member, in Chinese."""


class InputError(Exception):
    """Bad input from the user: the message says what is wrong and what to do; the CLI exits 2."""

    exit_code = 2


FATAL = {"401", "403", "404", "connection"}  # causes that make the service unusable: no point asking again


class ModelError(InputError):
    """The model service failed (unreachable, refused, broken reply); the CLI exits 3 and no text is lost."""

    exit_code = 3

    def __init__(self, message: str, cause: str = "", retryable: bool = False, wait: float | None = None):
        super().__init__(message)
        self.cause = cause
        self.retryable = retryable
        self.wait = wait
