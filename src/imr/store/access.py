"""Who may do what: every action names the roles it allows; a reviewer reaches only the cases assigned to them."""

from __future__ import annotations

from imr.errors import PermissionDeniedError
from imr.store.models import Case, Role, User

MANAGE = frozenset({Role.case_manager, Role.administrator})
EVERYONE = frozenset(Role)


def require_role(actor: User, allowed: frozenset[Role], action: str) -> None:
    if actor.role not in allowed:
        names = sorted(role.value.replace("_", " ") for role in allowed)
        roles = " or ".join(f"{'an' if name[0] in 'aeiou' else 'a'} {name}" for name in names)
        raise PermissionDeniedError(f"{action}: only {roles} may do this")


def can_see(actor: User, case: Case) -> bool:
    return actor.role != Role.reviewer or case.reviewer_id == actor.id


def require_visible(actor: User, case: Case) -> None:
    if not can_see(actor, case):
        raise PermissionDeniedError("this case is not assigned to you")


def require_assigned_reviewer(actor: User, case: Case, action: str) -> None:
    """Only the physician reviewer assigned to the case (not a case manager, not an administrator)."""
    if actor.role != Role.reviewer or case.reviewer_id != actor.id:
        raise PermissionDeniedError(f"{action}: only the reviewer assigned to case {case.case_number} may do this")


def sees_reviewer_names(actor: User) -> bool:
    """Reviewer names stay inside the organisation's administration: nobody else is shown one."""
    return actor.role == Role.administrator
