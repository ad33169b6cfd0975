"""Sessions, CSRF tokens, the current user and login throttling.

The session is a cookie signed with itsdangerous (Starlette's SessionMiddleware: HttpOnly, SameSite=Lax, Secure
behind HTTPS) holding a session token, which the store knows (imr.store.sessions: a logout ends it there, so a copied
cookie is worthless after it), and a CSRF token. Every request that changes anything, form or JSON, must carry
that token (a form field ``csrf_token`` or the header ``X-CSRF-Token``); the login form has one of its own.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request

from imr.errors import ImrError, PermissionDeniedError
from imr.store.database import Store
from imr.store.sessions import FailedLogins, open_session
from imr.store.sessions import end_session as close_session
from imr.store.sessions import session_user as stored_session_user
from imr.store.users import UserView
from imr.web.settings import SESSION_HOURS

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


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def start_session(request: Request, user: UserView) -> None:
    """A new session at login (nothing carried over from before), kept in the store as well as in the cookie."""
    request.session.clear()
    request.session["sid"] = open_session(_store(request), user.id)
    request.session["uid"] = user.id
    csrf_token(request)


def end_session(request: Request) -> None:
    """Log out: the session ends in the store too, so a copy of the cookie no longer logs anyone in."""
    token = request.session.get("sid")
    if isinstance(token, str):
        close_session(_store(request), token)
    request.session.clear()


def session_user(request: Request) -> UserView | None:
    token = request.session.get("sid")
    if not isinstance(token, str):
        return None
    return stored_session_user(_store(request), token, dt.timedelta(hours=SESSION_HOURS))


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
    """At most ``attempts`` failed logins per user name and per client address in a sliding window, counted in the
    store (every process of the service counts the same failures)."""

    def __init__(self, store: Store, attempts: int, window_seconds: int) -> None:
        self.attempts = attempts
        self.failures = FailedLogins(store, dt.timedelta(seconds=window_seconds))

    @staticmethod
    def _user_key(username: str) -> str:
        # As authenticate reads the name: " Manager" and "manager" are one user, and one count of failures.
        return f"user:{_printable(username.strip().lower())[:150]}"

    @staticmethod
    def _client_key(client: str) -> str:
        return f"client:{_printable(client)[:150]}"

    def check(self, username: str, client: str) -> None:
        for key in (self._user_key(username), self._client_key(client)):
            number, oldest = self.failures.count(key)
            if number >= self.attempts and oldest is not None:
                wait = int((oldest + self.failures.window - dt.datetime.now(dt.UTC)).total_seconds()) + 1
                raise ThrottledError(f"too many failed logins; try again in {max(wait, 1)} seconds", max(wait, 1))

    def failed(self, username: str, client: str) -> None:
        self.failures.add(self._user_key(username), self._client_key(client))

    def succeeded(self, username: str) -> None:
        self.failures.clear(self._user_key(username))


def _printable(text: str) -> str:
    """``text`` without control characters, which no database key column may hold (PostgreSQL refuses NUL)."""
    return "".join(character for character in text if character.isprintable())
