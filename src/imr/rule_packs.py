"""An organisation's own rule packs: folders named by the IMR_RULES_PATH setting (separated like PATH).

A pack folder holds guideline rule files (``*.yaml``), and optionally ``variables/*.yaml`` (record readers as data)
and ``concepts/*.yaml`` (clinical concepts for the fact extractor). Everything in a pack is validated like the
built-in files and loaded after them.
"""

from __future__ import annotations

import os
from pathlib import Path

from imr.errors import RuleFileError

RULES_PATH_SETTING = "IMR_RULES_PATH"


def rule_pack_folders() -> tuple[Path, ...]:
    """The folders IMR_RULES_PATH names; a named folder that does not exist is an error naming it."""
    setting = os.environ.get(RULES_PATH_SETTING, "")
    folders = tuple(Path(part) for part in setting.split(os.pathsep) if part.strip())
    for folder in folders:
        if not folder.is_dir():
            raise RuleFileError(f"{RULES_PATH_SETTING} names a folder that does not exist", source=str(folder))
    return folders


def pack_files(subfolder: str | None = None) -> list[tuple[str, str]]:
    """(path, text) of every ``*.yaml`` file in the packs (or in their ``subfolder``), in path order."""
    found: list[tuple[str, str]] = []
    for folder in rule_pack_folders():
        where = folder / subfolder if subfolder else folder
        if not where.is_dir():
            continue
        for path in sorted(where.glob("*.yaml")):
            try:
                found.append((str(path), path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleFileError(f"cannot read rule pack file ({exc})", source=str(path)) from exc
    return found
