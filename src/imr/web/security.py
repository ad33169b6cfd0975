"""Sessions, CSRF tokens, the current user and login throttling.

The session is a cookie signed with itsdangerous (Starlette's SessionMiddleware: HttpOnly, SameSite=Lax, Secure
behind HTTPS) holding the user's id and a CSRF token. Every request that changes anything, form or JSON, must carry
that token (a form field ``csrf_token`` or the header ``X-CSRF-Token``); the login form has one of its own.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from typing import Annotated

from fastapi import Depends, Request

from imr.errors import ImrError, PermissionDeniedError
from imr.store.users import UserView, get_user

CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NotLoggedInError(ImrError):
    """No session, or one whose user no longer exists."""


class CsrfError(PermissionDeniedError):
    """A change without the session's CSRF token."""


class ThrottledError(ImrError):
    """Too many failed logins: wait before trying again."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, given: str | None) -> None:
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not given or not hmac.compare_digest(expected, given):
        raise CsrfError("missing or wrong CSRF token: reload the page and try again")


def start_session(request: Request, user: UserView) -> None:
    request.session.clear()  # a new session at login: no token or id carried over from before
    request.session["uid"] = user.id
    request.session["since"] = int(time.time())
    csrf_token(request)


def end_session(request: Request) -> None:
    request.session.clear()


def session_user(request: Request) -> UserView | None:
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    return get_user(request.app.state.store, uid)


def current_user(request: Request) -> UserView:
    """The logged-in user (every request that changes something also shows the session's CSRF token)."""
    user = session_user(request)
    if user is None:
        raise NotLoggedInError("log in first")
    if request.method not in SAFE_METHODS:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return user


CurrentUser = Annotated[UserView, Depends(current_user)]


class LoginThrottle:
    """At most ``attempts`` failed logins per user name and per client address in a sliding window."""

    def __init__(self, attempts: int, window_seconds: int) -> None:
        self.attempts = attempts
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _user_key(username: str) -> str:
        # As authenticate reads the name: " Manager" and "manager" are one user, and one count of failures.
        return f"user:{username.strip().lower()}"

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def check(self, username: str, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (self._user_key(username), f"client:{client}"):
                failures = self._recent(key, now)
                if len(failures) >= self.attempts:
                    wait = int(failures[0] + self.window - now) + 1
                    raise ThrottledError(f"too many failed logins; try again in {wait} seconds", wait)

    def failed(self, username: str, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (self._user_key(username), f"client:{client}"):
                self._recent(key, now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(self._user_key(username), None)
