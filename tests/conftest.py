"""Shared test fixtures: where the bundled fixtures live. Tests read only what the repository holds."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
SEEDS = FIXTURES / "seeds"
REPOSITORY = TESTS.parent


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
