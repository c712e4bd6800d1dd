"""The workbench login: the account checked in constant time, and guessing slowed down — after a few wrong
passwords for an account it is refused for a while, the right password included (Gradio's login hook is told
the user name and password only, not the client, so the limit is per account)."""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable

WRONG_ALLOWED = 5  # wrong passwords within WINDOW before the account waits
WINDOW = 300.0  # seconds
LOCKED_FOR = 60.0  # seconds


class Login:
    """A callable for gr.Blocks.launch(auth=…)."""

    def __init__(self, user: str, password: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._user, self._password, self._clock = user, password, clock
        self._wrong: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def locked(self, user: str) -> bool:
        """Whether this account is waiting after too many wrong passwords."""
        now = self._clock()
        with self._lock:
            recent = [t for t in self._wrong.get(user, []) if now - t < WINDOW]
            self._wrong[user] = recent
            return len(recent) >= WRONG_ALLOWED and now - recent[-1] < LOCKED_FOR

    def __call__(self, user: str, password: str) -> bool:
        """Whether to let this login in."""
        if self.locked(user):
            return False
        right = hmac.compare_digest(user.encode(), self._user.encode()) & hmac.compare_digest(
            password.encode(), self._password.encode())
        if not right:
            with self._lock:
                self._wrong.setdefault(user, []).append(self._clock())
        return right
