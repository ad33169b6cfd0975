"""What a build reads: letters under folders (recursively), single files and zip archives, named so that a worker
on another machine can open them again."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from imr.errors import InputError
from imr.text.sources import MAX_INPUT_BYTES, too_large

LETTER_SUFFIXES = frozenset({".pdf", ".txt", ".text"})
ARCHIVE_SUFFIXES = frozenset({".zip"})
_MEMBER_SEPARATOR = "!/"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One letter to read: a file, or a member of a zip archive.

    ``size`` and ``mtime_ns`` are the signature a later build compares to know the file has not changed (for an
    archive member, its uncompressed size and the archive's modification time with the member's CRC).
    """

    path: str  # absolute
    member: str | None
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return f"{self.path}{_MEMBER_SEPARATOR}{self.member}" if self.member is not None else self.path

    def read_bytes(self) -> bytes:
        if self.size > MAX_INPUT_BYTES:
            raise too_large(self.name)
        try:
            if self.member is None:
                with open(self.path, "rb") as handle:
                    data = handle.read(MAX_INPUT_BYTES + 1)
            else:
                with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as handle:
                    data = handle.read(MAX_INPUT_BYTES + 1)
        except FileNotFoundError as exc:
            raise InputError("no longer there", source=self.name) from exc
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise InputError(f"cannot be read ({exc})", source=self.name) from exc
        return data  # past the cap, the reader refuses it with the same message


def _file_ref(path: Path) -> SourceRef:
    status = path.stat()
    return SourceRef(str(path.resolve()), None, status.st_size, status.st_mtime_ns)


def _archive_refs(path: Path) -> Iterator[SourceRef]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"not a readable zip archive ({exc})", source=str(path)) from exc
    archive_path = str(path.resolve())
    archive_mtime = path.stat().st_mtime_ns
    for info in sorted(infos, key=lambda i: i.filename):
        if Path(info.filename).suffix.lower() in LETTER_SUFFIXES:
            yield SourceRef(archive_path, info.filename, info.file_size, archive_mtime ^ info.CRC)


def _folder_refs(folder: Path) -> Iterator[SourceRef]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for file_name in sorted(files):
            path = Path(root) / file_name
            suffix = path.suffix.lower()
            if suffix in ARCHIVE_SUFFIXES:
                yield from _archive_refs(path)
            elif suffix in LETTER_SUFFIXES and path.is_file():
                yield _file_ref(path)


def list_sources(sources: list[Path]) -> Iterator[SourceRef]:
    """Every letter under the sources, in a stable order. A file named directly is read whatever its suffix
    (a junk file given by name lands in the errors table); in folders only letters and zip archives are."""
    for source in sources:
        if source.is_dir():
            yield from _folder_refs(source)
        elif source.is_file():
            if source.suffix.lower() in ARCHIVE_SUFFIXES and zipfile.is_zipfile(source):
                yield from _archive_refs(source)
            else:
                yield _file_ref(source)
        else:
            raise InputError("no such file or folder", source=str(source))
