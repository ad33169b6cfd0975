"""The web service's settings: the database, the session secret and the cookie rules."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from imr.errors import StoreError

SECRET_VARIABLE = "IMR_SESSION_SECRET"
SESSION_HOURS = 8


def _config_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    return (Path(config) if config else Path.home() / ".config") / "imr"


def session_secret() -> str:
    """The key session cookies are signed with: IMR_SESSION_SECRET, else a file created on first use (mode 600)."""
    named = os.environ.get(SECRET_VARIABLE, "").strip()
    if named:
        if len(named) < 32:
            raise StoreError(f"{SECRET_VARIABLE} must hold at least 32 characters", field=SECRET_VARIABLE)
        return named
    path = _config_folder() / "session-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            stream.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


@dataclass(frozen=True, slots=True)
class WebSettings:
    database_url: str | None = None
    secret: str | None = None
    secure_cookies: bool = False  # set behind HTTPS: the cookie then travels over HTTPS only
    login_attempts: int = 5  # failed logins allowed per user name and per client in the window
    login_window_seconds: int = 15 * 60
