"""The consoles every command prints to, and the one-line form of an error."""

from __future__ import annotations

from rich.console import Console

from imr.errors import ImrError

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


def fail(error: ImrError | str) -> None:
    """Print ``error`` as the one line a user sees: ``Error: FILE: field: what is wrong``."""
    stderr.print(f"Error: {error}", markup=False, highlight=False)
