"""Demo data for a workbench to try: an administrator, a case manager, the panel's reviewers and example cases.

Every call gives the demo users new random passwords (returned, for the command to print): nothing is known in
advance, and nothing but the demo users is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from imr.cases import load_panel
from imr.cases.model import CASE_FILE_NAME
from imr.errors import ConflictError
from imr.store.database import Store
from imr.store.models import Role, User
from imr.store.passwords import hash_password
from imr.store.users import add_panel_reviewers, add_user, demo_password
from imr.store.workflow import CaseService

STAFF = (("admin", Role.administrator), ("manager", Role.case_manager))


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    role: str
    password: str
    reviewer_code: str | None = None


def _reset_password(store: Store, username: str) -> str | None:
    password = demo_password()
    with store.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            return None
        user.password_hash = hash_password(password)
    return password


def prepare_demo(store: Store, examples: Path) -> tuple[list[DemoLogin], list[str]]:
    """The demo users (with fresh passwords) and the case numbers of the example cases taken in."""
    logins = []
    for username, role in STAFF:
        password = _reset_password(store, username)
        if password is None:
            password = demo_password()
            add_user(store, username, password, role)
        logins.append(DemoLogin(username, role, password))
    panel = load_panel(examples / "panel.yaml")
    add_panel_reviewers(store, panel)
    for reviewer in panel.reviewers:
        username = reviewer.id.lower()
        password = _reset_password(store, username)
        assert password is not None
        logins.append(DemoLogin(username, Role.reviewer, password, reviewer.id))
    service = CaseService(store)
    with store.session() as session:
        manager = session.scalar(select(User.id).where(User.username == "manager"))
    assert manager is not None
    imported = []
    for folder in sorted(p.parent for p in examples.glob(f"*/{CASE_FILE_NAME}")):
        try:
            service.import_folder(manager, folder)
        except ConflictError:
            continue  # taken in by an earlier run
        imported.append(folder.name)
    return logins, imported
