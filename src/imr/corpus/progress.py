"""Build progress: a bar with rate and time left on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import time
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class TerminalProgress:
    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("reading letters"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} letters/s"),
            TextColumn("{task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._task = self._bar.add_task("read", total=0, rate="-", failed=0)
        self._started = time.perf_counter()
        self._done = 0
        self._failed = 0

    def start(self, total: int) -> None:
        self._started = time.perf_counter()
        self._bar.update(self._task, total=total)
        self._bar.start()

    def advance(self, files: int, failed: int) -> None:
        self._done += files
        self._failed += failed
        rate = self._done / max(time.perf_counter() - self._started, 1e-9)
        self._bar.update(self._task, advance=files, rate=f"{rate:,.0f}", failed=self._failed)

    def finish(self) -> None:
        self._bar.stop()


class LineProgress:
    """One line every ``every`` seconds (and at the end): done/total, rate, failures, time left."""

    def __init__(self, stream: TextIO, every: float = 10.0) -> None:
        self._stream = stream
        self._every = every
        self._total = 0
        self._done = 0
        self._failed = 0
        self._started = self._last = time.perf_counter()

    def start(self, total: int) -> None:
        self._total = total
        self._started = self._last = time.perf_counter()
        self._stream.write(f"reading {total:,} letters\n")
        self._stream.flush()

    def advance(self, files: int, failed: int) -> None:
        self._done += files
        self._failed += failed
        now = time.perf_counter()
        if now - self._last >= self._every:
            self._last = now
            self._line(now)

    def _line(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        left = (self._total - self._done) / rate if rate else 0.0
        self._stream.write(
            f"{self._done:,}/{self._total:,} letters, {rate:,.1f}/s, {self._failed:,} failed, {left:,.0f} s left\n"
        )
        self._stream.flush()

    def finish(self) -> None:
        if self._total:
            self._line(time.perf_counter())
