"""Users of the store: case managers, physician reviewers (with their panel entry) and administrators."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from imr.cases.panel import Panel, Reviewer
from imr.errors import ConflictError, StoreError
from imr.store.audit import record_event
from imr.store.database import Store
from imr.store.models import Role, User
from imr.store.passwords import MIN_PASSWORD_LENGTH, hash_password, password_matches, spend_verification_time

USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,63}$")


@dataclass(frozen=True, slots=True)
class UserView:
    id: int
    username: str
    role: str
    reviewer_code: str | None

    @classmethod
    def of(cls, user: User) -> UserView:
        return cls(user.id, user.username, user.role, user.reviewer_code)


def add_user(
    store: Store,
    username: str,
    password: str,
    role: str,
    reviewer: dict[str, Any] | None = None,
    *,
    added_by: int | None = None,
) -> UserView:
    """A new user; a reviewer brings their panel entry (imr.cases.panel.Reviewer), whose id is their code."""
    if not USERNAME.match(username):
        raise StoreError("a user name is 2 to 64 of a-z, 0-9, '_', '.', '-', starting with a letter", field="username")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StoreError(f"a password has at least {MIN_PASSWORD_LENGTH} characters", field="password")
    if role not in Role.__members__:
        raise StoreError(f"no role {role!r}: case_manager, reviewer or administrator", field="role")
    profile = None
    if reviewer is not None:
        if role != Role.reviewer:
            raise StoreError("only a reviewer has a panel entry", field="reviewer")
        try:
            profile = Reviewer.model_validate(reviewer).model_dump(mode="json")
        except ValidationError as exc:
            first = exc.errors()[0]
            raise StoreError(str(first["msg"]), field="reviewer." + ".".join(map(str, first["loc"]))) from exc
    with store.session() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise ConflictError(f"user {username} exists already", field="username")
        code = profile["id"] if profile else None
        if code and session.scalar(select(User.id).where(User.reviewer_code == code)) is not None:
            raise ConflictError(f"reviewer code {code} belongs to another user", field="reviewer.id")
        user = User(
            username=username,
            role=role,
            password_hash=hash_password(password),
            reviewer_code=code,
            reviewer_profile=profile,
        )
        session.add(user)
        session.flush()
        record_event(
            session,
            session.get(User, added_by) if added_by else None,
            "add_user",
            detail={"username": username, "role": role, "reviewer_code": code},
        )
        return UserView.of(user)


def authenticate(store: Store, username: str, password: str) -> UserView | None:
    """The user whose password this is; None otherwise (taking as long either way)."""
    name = username.strip().lower()
    if not USERNAME.match(name):  # no user has such a name (and PostgreSQL cannot even compare one holding a NUL)
        spend_verification_time(password)
        return None
    with store.session() as session:
        user = session.scalar(select(User).where(User.username == name))
        if user is None or not user.active:
            spend_verification_time(password)
            return None
        return UserView.of(user) if password_matches(user.password_hash, password) else None


def get_user(store: Store, user_id: int) -> UserView | None:
    with store.session() as session:
        user = session.get(User, user_id)
        return UserView.of(user) if user is not None and user.active else None


def list_users(store: Store, *, with_names: bool) -> list[dict[str, Any]]:
    with store.session() as session:
        rows = []
        for user in session.scalars(select(User).order_by(User.id)):
            row: dict[str, Any] = {"id": user.id, "username": user.username, "role": user.role}
            row["reviewer_code"] = user.reviewer_code
            if with_names and user.reviewer_profile:
                row["name"] = user.reviewer_profile.get("name")
            rows.append(row)
        return rows


def demo_password() -> str:
    return secrets.token_urlsafe(12)


def add_panel_reviewers(store: Store, panel: Panel, passwords: dict[str, str] | None = None) -> dict[str, str]:
    """A reviewer user for every panel member not yet in the store (user name: the code in lower case)."""
    created = {}
    for reviewer in panel.reviewers:
        username = reviewer.id.lower()
        with store.session() as session:
            if session.scalar(select(User.id).where(User.reviewer_code == reviewer.id)) is not None:
                continue
        password = (passwords or {}).get(username) or demo_password()
        add_user(store, username, password, Role.reviewer, reviewer.model_dump(mode="json"))
        created[username] = password
    return created
