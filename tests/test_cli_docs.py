"""Docs that tests keep honest: every command documents itself with an example; docs/coverage.md is current."""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from imr.cli import app
from imr.guidelines.coverage import render_coverage
from tests.conftest import REPOSITORY


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _commands(command, (*prefix, name))
        else:
            found.append(((*prefix, name), command))
    return found


def test_every_command_has_help_with_an_example() -> None:
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert len(commands) >= 12
    for path, command in commands:
        assert command.help and "Example:" in command.help, path
        result = CliRunner().invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path


def test_coverage_document_is_current() -> None:
    document = REPOSITORY / "docs" / "coverage.md"
    assert document.read_text(encoding="utf-8") == render_coverage(), "run: imr guidelines coverage > docs/coverage.md"
