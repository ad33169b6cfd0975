"""Helpers for the folder-commit tests: stop a real process at a named point, and compare folder states."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from imr.folder_commit import STOP_AT_VARIABLE

WAIT_SECONDS = 120.0
_started: list[subprocess.Popen[bytes]] = []


def start(command: Sequence[str], logs: Path, *, stop_at: Sequence[str] = ()) -> subprocess.Popen[bytes]:
    """Start ``command`` with its output in ``logs``.out/.err; it stops itself at each point of ``stop_at``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("IMR_TEST_")}
    if stop_at:
        environment[STOP_AT_VARIABLE] = ",".join(stop_at)
    with open(f"{logs}.out", "wb") as out, open(f"{logs}.err", "wb") as err:
        process = subprocess.Popen(list(command), env=environment, stdout=out, stderr=err)
    _started.append(process)
    return process


def kill_leftover_processes() -> None:
    """After a test: kill what it started and left running or stopped (when it failed half-way)."""
    while _started:
        process = _started.pop()
        if process.returncode is None:
            process.kill()
            process.wait(timeout=WAIT_SECONDS)


def wait_stopped(process: subprocess.Popen[bytes], logs: Path) -> None:
    """Wait until ``process`` has stopped itself at its point; fail, with what it printed, if it ends instead."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        pid, status = os.waitpid(process.pid, os.WUNTRACED | os.WNOHANG)
        if pid and os.WIFSTOPPED(status):
            return
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
            raise AssertionError(f"ended with {process.returncode} before its stop point: {errors(logs)}")
        time.sleep(0.02)
    process.kill()
    raise AssertionError(f"never reached its stop point: {errors(logs)}")


def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=WAIT_SECONDS) == -signal.SIGKILL


def resume(process: subprocess.Popen[bytes]) -> int:
    """Let a stopped process run to its end (it must have no further stop point); its exit code."""
    process.send_signal(signal.SIGCONT)
    return process.wait(timeout=WAIT_SECONDS)


def carry_on(process: subprocess.Popen[bytes], logs: Path) -> None:
    """Let a stopped process run to its next stop point."""
    process.send_signal(signal.SIGCONT)
    wait_stopped(process, logs)


def errors(logs: Path) -> str:
    return Path(f"{logs}.err").read_text(encoding="utf-8", errors="replace")


def snapshot(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` with the SHA-256 of its bytes ("folder" for a folder); {} when it is missing."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): "folder"
        if path.is_dir()
        else hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
    }


def strays(out: Path) -> list[str]:
    """What lies beside ``out`` in its parent: a killed command's lock file and staging folders, or nothing."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


def one_error_line(logs: Path, expected: str | None = None) -> str:
    """The single line a failed command printed; ``expected`` is the whole line when given."""
    lines = errors(logs).splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    if expected is not None:
        assert lines[0] == expected
    return lines[0]


def same_state(folder: Path, states: Mapping[str, dict[str, str]]) -> str:
    """Which of the named ``states`` the folder is in exactly; fail, showing the difference, when it is in none."""
    found = snapshot(folder)
    for name, state in states.items():
        if found == state:
            return name
    closest = {name: sorted(set(found.items()) ^ set(state.items()))[:6] for name, state in states.items()}
    raise AssertionError(f"{folder} is in none of the states {sorted(states)}: {closest}")
