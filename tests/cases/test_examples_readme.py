"""examples/README.md: its Python snippet runs, and each ``expression  # value`` line gives that value."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
README = REPOSITORY / "examples" / "README.md"


def _snippet() -> str:
    match = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match, "examples/README.md has no python block"
    return match.group(1)


def test_readme_snippet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPOSITORY)
    namespace: dict[str, object] = {}
    checked = 0
    for line in _snippet().splitlines():
        code, _, expected = line.partition("#")
        if not expected.strip():
            exec(code, namespace)
            continue
        value = eval(code.strip(), namespace)
        assert repr(value) == expected.strip(), line
        checked += 1
    assert checked == 3
    assert os.getcwd() == str(REPOSITORY)
