"""Shared test fixtures: where the bundled fixtures and (when present) the shared corpus live."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
SEEDS = FIXTURES / "seeds"
REPOSITORY = TESTS.parent
# The 2016 corpus sits beside the checkout (../shared/corpus); CI and benchmarks may read it, the repository
# does not copy it. Tests that need it are skipped when it is absent.
CORPUS = REPOSITORY.parent / "shared" / "corpus" / "imr-2016"


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


@pytest.fixture
def corpus() -> list[Path]:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus/imr-2016 is not present")
    return files
