"""A small corpus of the bundled letters (the seeds and the older layouts), copied where a test may change it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEEDS


def bundled_letters() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "letters").glob("*.txt"))


@pytest.fixture
def letters_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    (folder / "2016").mkdir(parents=True)
    for path in bundled_letters():
        target = folder / ("2016" if path.parent == SEEDS else "") / path.name
        shutil.copy(path, target)
    return folder
