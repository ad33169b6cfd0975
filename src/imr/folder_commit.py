"""One commit point for the commands that write a whole folder (imr review, imr sign).

A command locks the folder, writes its whole output into a staging folder beside it (same filesystem), flushes it
to disk and swaps it into place, so the folder is at every instant either the complete old output or the complete
new one. A command that fails, or is killed, leaves the folder exactly as it was; the next command holding the lock
removes what a killed one left behind. Beside ``DIR``, in its parent folder:

    .DIR.imr-lock            flock(2)-ed for the whole command (a second command on DIR fails at once), then removed
    .DIR.imr-new-XXXXXXXX    the staging folder (after the swap, the old output until it is removed)
    .DIR.imr-old-XXXXXXXX    the old output between the two renames of the portable swap

On Linux the swap is one renameat2(RENAME_EXCHANGE). Elsewhere, or on a filesystem without it, the old folder is
renamed aside and the new one renamed in; for the instant between the two renames DIR is missing, and a command
killed there is rolled back (the old folder renamed back) by the next command.

Tests stop a command at named points: IMR_TEST_STOP_AT="locked:1,file:3" makes the process stop itself (SIGSTOP)
when it holds the lock and after its third file, for the test to look, then kill or continue it;
IMR_TEST_TRACE=FILE appends each point's label to FILE.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import signal
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from imr.errors import ImrError

_Result = TypeVar("_Result")

STOP_AT_VARIABLE = "IMR_TEST_STOP_AT"
TRACE_VARIABLE = "IMR_TEST_TRACE"
BUSY = "another imr command is writing this folder"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_checkpoint_counts: dict[str, int] = {}


class OutputFolderError(ImrError):
    """An output folder is busy, holds files imr did not write, or could not be written."""


def checkpoint(name: str) -> None:
    """A named point of a folder command where a test may stop the process (see the module's docstring)."""
    count = _checkpoint_counts[name] = _checkpoint_counts.get(name, 0) + 1
    label = f"{name}:{count}"
    trace = os.environ.get(TRACE_VARIABLE)
    if trace:
        with open(trace, "a", encoding="utf-8") as stream:
            stream.write(label + "\n")
    if label in os.environ.get(STOP_AT_VARIABLE, "").split(","):
        os.kill(os.getpid(), signal.SIGSTOP)


def refuse_if_busy(out: Path) -> None:
    """Fail at once when another command holds the lock of ``out``: a check a command makes before it loads anything.

    The command takes the lock itself later (commit_folder); this only spares it seconds of work when it would fail.
    """
    try:
        descriptor = os.open(lock_path(out), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return  # no lock file yet (or none readable): commit_folder decides
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputFolderError(BUSY, source=str(out)) from None
    finally:
        os.close(descriptor)


def lock_path(out: Path) -> Path:
    """The file locked while a command writes ``out``: beside it, so that it outlives every swap of the folder."""
    target = _target(out)
    return target.parent / f".{target.name}.imr-lock"


def leftovers(out: Path) -> list[Path]:
    """The staging and set-aside folders a killed command left beside ``out``."""
    target = _target(out)
    pattern = re.compile(rf"\.{re.escape(target.name)}\.imr-(?:new|old)-[0-9a-f]{{8}}")
    if not target.parent.is_dir():
        return []
    return sorted(path for path in target.parent.iterdir() if pattern.fullmatch(path.name))


@contextmanager
def commit_folder(
    out: Path,
    *,
    copy_current: bool = False,
    owned: frozenset[str] | None = None,
    exchange: bool = True,
) -> Iterator[Path]:
    """Lock ``out`` and yield an empty staging folder (with ``copy_current``, a copy of ``out``) to write into.

    When the block ends without an exception the staging folder replaces ``out``; otherwise it is removed and
    ``out`` is left as it was. ``owned`` lists the relative paths the command writes: a folder holding anything
    else is refused rather than replaced. ``exchange=False`` forces the portable two-rename swap.
    """
    target = _target(out)
    shown = str(out)
    with _locked(target, shown):
        _checkpoint_counts.clear()
        _guarded(shown, lambda: _recover(target))
        _guarded(shown, lambda: _check_target(target, shown, owned))
        staging = _guarded(shown, lambda: _make_staging(target))
        try:
            checkpoint("locked")
            if copy_current and target.is_dir():
                _guarded(shown, lambda: shutil.copytree(target, staging, symlinks=True, dirs_exist_ok=True))
                checkpoint("copied")
            yield staging
            _guarded(shown, lambda: _sync_tree(staging))
            checkpoint("staged")
            old = _guarded(shown, lambda: _swap(staging, target, exchange=exchange))
            if old is not None:
                _discard(old)  # committed: a folder left here is removed by the next command
        finally:
            _discard(staging)


def _target(out: Path) -> Path:
    target = Path(os.path.realpath(out))
    if target.name in {"", ".", ".."} or target.parent == target:
        raise OutputFolderError("cannot replace this folder; name a folder for the output", source=str(out))
    return target


@contextmanager
def _locked(target: Path, shown: str) -> Iterator[None]:
    """Hold the lock file of ``target`` (created for the command, removed after it), or fail at once."""
    path = lock_path(target)
    descriptor = _guarded(shown, lambda: _acquire(path, shown))
    try:
        yield
    finally:
        with suppress(OSError):
            path.unlink()  # while still held: a command that opened it meanwhile finds it gone, and opens a new one
        os.close(descriptor)  # releases the lock


def _acquire(path: Path, shown: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException as error:
            os.close(descriptor)
            if isinstance(error, BlockingIOError):
                raise OutputFolderError(BUSY, source=shown) from None
            raise
        if _is_still(descriptor, path):
            return descriptor
        os.close(descriptor)  # the command that held it removed it as it ended


def _is_still(descriptor: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``descriptor``."""
    opened = os.fstat(descriptor)
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    return (opened.st_dev, opened.st_ino) == (named.st_dev, named.st_ino)


def _guarded(shown: str, step: Callable[[], _Result]) -> _Result:
    """Run one file-system step; an OSError becomes one line naming the output folder."""
    try:
        return step()
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        message = f"could not write the output: {error.strerror or error}{where}"
        raise OutputFolderError(message, source=shown) from error


def _check_target(target: Path, shown: str, owned: frozenset[str] | None) -> None:
    if os.path.lexists(target) and not target.is_dir():
        raise OutputFolderError("is not a folder", source=shown)
    if owned is None or not target.is_dir():
        return
    foreign = _first_foreign(target, owned, "")
    if foreign is not None:
        raise OutputFolderError(
            f"holds {foreign}, which imr does not write here; name an empty or new folder for the output",
            source=shown,
        )


def _first_foreign(folder: Path, owned: frozenset[str], prefix: str) -> str | None:
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        name = prefix + entry.name
        if name not in owned:
            return name
        if entry.is_dir(follow_symlinks=False):
            found = _first_foreign(Path(entry.path), owned, name + "/")
            if found is not None:
                return found
    return None


def _recover(target: Path) -> None:
    """Undo what a killed command left: roll back a swap cut between its two renames, remove staging folders."""
    found = leftovers(target)
    set_aside = [path for path in found if ".imr-old-" in path.name]
    if set_aside and not os.path.lexists(target):
        os.rename(max(set_aside, key=lambda path: path.stat().st_ctime), target)
        _sync_folder(target.parent)
    for path in leftovers(target):
        _remove(path)


def _make_staging(target: Path) -> Path:
    while True:
        staging = target.parent / f".{target.name}.imr-new-{secrets.token_hex(4)}"
        try:
            os.mkdir(staging)
        except FileExistsError:
            continue
        if target.is_dir():
            os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
        return staging


def _swap(staging: Path, target: Path, *, exchange: bool) -> Path | None:
    """Put ``staging`` in the place of ``target``; return where the old output now is (None when there was none)."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        old = None
    elif exchange and _exchange(staging, target):
        old = staging
    else:
        old = target.parent / f".{target.name}.imr-old-{secrets.token_hex(4)}"
        os.rename(target, old)
        try:
            checkpoint("aside")
            os.rename(staging, target)
        except BaseException:
            os.rename(old, target)
            raise
    _sync_folder(target.parent)
    checkpoint("swapped")
    return old


def _load_renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    if sys.platform != "linux":
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    renameat2: Callable[[int, bytes, int, bytes, int], int] = function
    return renameat2


_renameat2 = _load_renameat2()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system or the filesystem cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}:
        return False
    raise OSError(error, os.strerror(error), str(second))


def _sync_tree(folder: Path) -> None:
    """Flush every file and folder under ``folder`` to disk, so a renamed-in folder is never empty after a crash."""
    for root, _folders, files in os.walk(folder, topdown=False):
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                _sync(path, os.O_RDONLY)
        _sync_folder(Path(root))


def _sync_folder(folder: Path) -> None:
    _sync(str(folder), os.O_RDONLY | os.O_DIRECTORY)


def _sync(path: str, flags: int) -> None:
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _discard(path: Path) -> None:
    """Remove a staging or set-aside folder if it is there; what cannot be removed now, the next command removes."""
    with suppress(OSError):
        _remove(path)
