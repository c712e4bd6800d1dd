"""Errors that carry a message for the staff member, in Chinese."""


class InputError(Exception):
    """Bad input from the user: the message says what is wrong and what to do; the CLI exits 2."""

    exit_code = 2
