"""The folder commit point, on a small real command (tests/commit_driver.py) killed with SIGKILL at every point.

After a kill the folder is exactly the old state or exactly the new one; the next command holding the lock removes
the leftovers (and rolls back a portable swap cut between its two renames); a second command fails at once.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from imr.errors import ImrError
from imr.folder_commit import BUSY, TRACE_VARIABLE, OutputFolderError, commit_folder, lock_path
from tests.commit_support import (
    WAIT_SECONDS,
    kill,
    kill_leftover_processes,
    resume,
    same_state,
    snapshot,
    start,
    strays,
    wait_stopped,
)
from tests.conftest import TESTS

DRIVER = TESTS / "commit_driver.py"


@pytest.fixture(autouse=True)
def _no_process_left() -> Iterator[None]:
    yield
    kill_leftover_processes()


def _command(out: Path, generation: str, *options: str) -> list[str]:
    return [sys.executable, str(DRIVER), str(out), generation, *options]


def _run(out: Path, generation: str, *options: str, trace: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {TRACE_VARIABLE: str(trace)} if trace else {}
    command = _command(out, generation, *options)
    return subprocess.run(command, capture_output=True, text=True, timeout=WAIT_SECONDS, env=_environment(environment))


def _run_all(commands: dict[str, list[str]]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run the commands at once; their results by name."""
    processes = {
        name: subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_environment({}))
        for name, command in commands.items()
    }
    results = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=WAIT_SECONDS)
        results[name] = subprocess.CompletedProcess(commands[name], process.returncode, out, err)
    return results


def _environment(extra: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("IMR_TEST_")} | extra


def _folder_with_old_state(parent: Path, old: bool, *, template: Path | None = None) -> Path:
    """parent/out: holding generation "old" (or missing), written by the driver itself or copied from ``template``."""
    out = parent / "out"
    parent.mkdir(parents=True)
    if old and template is not None:
        shutil.copytree(template, out)
    elif old:
        assert _run(out, "old").returncode == 0
    return out


SCENARIOS = {
    "first output": ((), False),
    "replace": ((), True),
    "replace, portable swap": (("--portable",), True),
    "change a copy": (("--copy",), True),
    "change a copy, portable swap": (("--copy", "--portable"), True),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_killed_at_every_point_the_folder_is_old_or_new(tmp_path: Path, scenario: str) -> None:
    options, has_old = SCENARIOS[scenario]
    template = _folder_with_old_state(tmp_path / "template", has_old)
    reference = _folder_with_old_state(tmp_path / "reference", has_old, template=template)
    old = snapshot(reference)
    trace = tmp_path / "trace"
    assert _run(reference, "new", *options, trace=trace).returncode == 0
    new = snapshot(reference)
    assert new != old and strays(reference) == []
    labels = trace.read_text(encoding="utf-8").split()
    assert labels[-1] == "swapped:1" and "staged:1" in labels and ("aside:1" in labels) == ("--portable" in options)
    states = {"old": old, "new": new} | ({"missing": {}} if has_old else {})
    folders = {
        label: _folder_with_old_state(tmp_path / label.replace(":", "-"), has_old, template=template)
        for label in labels
    }
    # One process per point, all at once (each into its own folder): stopped there, checked, killed.
    processes = {
        label: start(_command(out, "new", *options), tmp_path / label, stop_at=[label])
        for label, out in folders.items()
    }
    for label, out in folders.items():
        wait_stopped(processes[label], tmp_path / label)
        expected = "new" if label == "swapped:1" else "missing" if label == "aside:1" else "old"
        assert same_state(out, states) == expected, label
        kill(processes[label])
        assert same_state(out, states) == expected, label
    # The next command holding the lock cleans up first; it fails here, and leaves the folder as it found it (a
    # portable swap cut between its two renames is rolled back to the old state).
    failed = _run_all({label: _command(out, "other", *options, "--fail") for label, out in folders.items()})
    for label, out in folders.items():
        assert failed[label].returncode == 1 and failed[label].stderr == f"Error: {out}: failed on purpose\n"
        expected = "new" if label == "swapped:1" else "old"
        assert same_state(out, states) == expected and strays(out) == [], label
    completed = _run_all({label: _command(out, "new", *options) for label, out in folders.items()})
    for label, out in folders.items():
        assert completed[label].returncode == 0, completed[label].stderr
        assert snapshot(out) == new and strays(out) == [], label


def test_killed_after_random_delays_the_folder_is_old_or_new(tmp_path: Path) -> None:
    """Kills that fall anywhere, between the named points too: in the copy, a write, the flush, the removal."""
    options = ("--copy", "--size", "1000000")
    template = _folder_with_old_state(tmp_path / "template", True)
    reference = _folder_with_old_state(tmp_path / "reference", True, template=template)
    old = snapshot(reference)
    began = time.monotonic()
    assert _run(reference, "new", *options).returncode == 0
    duration = time.monotonic() - began
    new = snapshot(reference)
    chance = random.Random(12)
    seen = set()
    for attempt in range(10):
        out = _folder_with_old_state(tmp_path / str(attempt), True, template=template)
        logs = tmp_path / f"{attempt}.log"
        process = start(_command(out, "new", *options), logs)
        time.sleep(chance.uniform(0.0, duration))
        process.kill()
        process.wait(timeout=WAIT_SECONDS)
        seen.add(same_state(out, {"old": old, "new": new}))
        assert _run(out, "new", *options).returncode == 0
        assert snapshot(out) == new and strays(out) == []
    assert seen  # which states were seen depends on the timing; each one was exactly old or exactly new


def test_a_second_command_fails_at_once_while_the_first_writes(tmp_path: Path) -> None:
    out = _folder_with_old_state(tmp_path / "parent", True)
    old = snapshot(out)
    first = start(_command(out, "new"), tmp_path / "first", stop_at=["staged:1"])
    wait_stopped(first, tmp_path / "first")
    began = time.monotonic()
    second = _run(out, "second")
    assert second.returncode == 1 and second.stderr == f"Error: {out}: {BUSY}\n"
    assert time.monotonic() - began < 5
    assert snapshot(out) == old
    assert resume(first) == 0
    assert snapshot(out)["a.txt"] != old["a.txt"] and strays(out) == []


def test_a_failure_inside_the_command_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = _folder_with_old_state(tmp_path / "parent", True)
    old = snapshot(out)
    with pytest.raises(ImrError, match="refused"), commit_folder(out) as staging:
        (staging / "a.txt").write_text("half of a new output", encoding="utf-8")
        raise ImrError("refused")
    assert snapshot(out) == old and strays(out) == []


def test_a_folder_holding_other_files_is_not_replaced(tmp_path: Path) -> None:
    out = _folder_with_old_state(tmp_path / "parent", True)
    (out / "sub" / "notes.txt").write_text("mine", encoding="utf-8")
    old = snapshot(out)
    owned = frozenset({"a.txt", "b.txt", "sub", "sub/c.txt", "sub/d.txt"})
    refused = pytest.raises(OutputFolderError, match=r"holds sub/notes\.txt, which imr does not write")
    with refused, commit_folder(out, owned=owned):
        pytest.fail("the folder was opened for writing")
    assert snapshot(out) == old and strays(out) == []
    (out / "sub" / "notes.txt").unlink()
    with commit_folder(out, owned=owned) as staging:
        (staging / "a.txt").write_text("new", encoding="utf-8")
    assert snapshot(out) == {"a.txt": snapshot(staging.parent / "out")["a.txt"]}


def test_a_file_in_the_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="is not a folder"), commit_folder(out):
        pytest.fail("the folder was opened for writing")
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_a_symlinked_folder_is_replaced_where_it_points(tmp_path: Path) -> None:
    real = _folder_with_old_state(tmp_path / "parent", True)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert _run(link, "new").returncode == 0
    assert link.is_symlink() and (real / "a.txt").read_text(encoding="utf-8").startswith("new a.txt")
    assert lock_path(link) == lock_path(real) and strays(real) == []


def test_the_folder_keeps_its_permissions(tmp_path: Path) -> None:
    out = _folder_with_old_state(tmp_path / "parent", True)
    out.chmod(0o750)
    assert _run(out, "new").returncode == 0
    assert out.stat().st_mode & 0o777 == 0o750
    shutil.rmtree(out)
