"""Passwords: Argon2id through argon2-cffi (its current default parameters); the plain password is never kept."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 12


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Hashed once, so that a login for an unknown user costs as long as one for a known user.
_UNKNOWN_USER_HASH = hash_password("no such user: this hash only evens out the time a login takes")


def spend_verification_time(password: str) -> None:
    password_matches(_UNKNOWN_USER_HASH, password)
