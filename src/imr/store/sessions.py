"""Sessions and failed logins kept in the store, so that every process of the service sees the same ones.

A session's token travels in the signed cookie; the store keeps only its SHA-256, the user and when it started and
ended. A session is valid until its user logs out, the user is disabled, or it is older than the session lifetime.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, func, select

from imr.store.database import Store
from imr.store.models import LoginFailure, User, WebSession, utc_now
from imr.store.users import UserView


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands times back without their zone; the store writes UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def open_session(store: Store, user_id: int) -> str:
    token = secrets.token_urlsafe(32)
    with store.session() as session:
        session.add(WebSession(token_hash=_hash(token), user_id=user_id))
    return token


def session_user(store: Store, token: str, lifetime: dt.timedelta) -> UserView | None:
    with store.session() as session:
        found = session.get(WebSession, _hash(token))
        if found is None or found.ended_at is not None or _aware(found.created_at) < utc_now() - lifetime:
            return None
        user = session.get(User, found.user_id)
        return UserView.of(user) if user is not None and user.active else None


def end_session(store: Store, token: str) -> None:
    with store.session() as session:
        found = session.get(WebSession, _hash(token))
        if found is not None and found.ended_at is None:
            found.ended_at = utc_now()


class FailedLogins:
    """Failed logins per key in a sliding window, in the store."""

    def __init__(self, store: Store, window: dt.timedelta) -> None:
        self.store = store
        self.window = window

    def count(self, key: str) -> tuple[int, dt.datetime | None]:
        """How many failures ``key`` had in the window, and the oldest of them."""
        since = utc_now() - self.window
        with self.store.session() as session:
            number, oldest = session.execute(
                select(func.count(), func.min(LoginFailure.at)).where(LoginFailure.key == key, LoginFailure.at > since)
            ).one()
        return int(number), _aware(oldest) if oldest is not None else None

    def add(self, *keys: str) -> None:
        with self.store.session() as session:
            session.add_all(LoginFailure(key=key) for key in keys)
            session.execute(delete(LoginFailure).where(LoginFailure.at < utc_now() - self.window))

    def clear(self, key: str) -> None:
        with self.store.session() as session:
            session.execute(delete(LoginFailure).where(LoginFailure.key == key))
