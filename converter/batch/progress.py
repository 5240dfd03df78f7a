"""Progress on stderr (count, rate, ETA, failures) and the closing summary table.

A rich progress bar on a terminal; plain, timestamp-free lines otherwise (logs, CI). Failures are
printed as they happen, with file and line.
"""
from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.table import Table


class NullProgress:
    def start(self, total: int) -> None:
        pass

    def update(self, row: dict) -> None:
        pass

    def stop(self) -> None:
        pass


def _failure_line(row: dict) -> str:
    e = row["error"] or {}
    where = row["input"] if e.get("line") is None else f"{row['input']}:{e['line']}"
    return f"FAILED {where}: {e.get('message', 'unknown error')}"


class PlainProgress(NullProgress):
    """One line every ``every`` seconds (and at the end) and one per failure."""

    def __init__(self, stream=None, every: float = 5.0):
        self.stream = stream or sys.stderr
        self.every = every

    def start(self, total):
        self.total, self.done, self.failed, self.skipped = total, 0, 0, 0
        self.t0 = self.last = time.monotonic()
        print(f"batch: {total} documents", file=self.stream, flush=True)

    def update(self, row):
        self.done += 1
        self.skipped += row["status"] == "skipped"
        if row["status"] == "failed":
            self.failed += 1
            print(_failure_line(row), file=self.stream, flush=True)
        now = time.monotonic()
        if now - self.last >= self.every or self.done == self.total:
            self.last = now
            print(self.line(now), file=self.stream, flush=True)

    def line(self, now: float) -> str:
        worked = self.done - self.skipped
        rate = worked / (now - self.t0) if now > self.t0 else 0.0
        left = self.total - self.done
        eta = f"{left / rate:.0f}s" if rate else "?"
        return (f"batch: {self.done}/{self.total} ({100 * self.done / max(self.total, 1):.0f}%), "
                f"{rate:.1f} docs/s, ETA {eta}, {self.failed} failed, {self.skipped} skipped")


class RichProgress(NullProgress):
    """A rich progress bar: count, rate, ETA and failures so far."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True)

    def start(self, total):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        self.failed = 0
        self.bar = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(),
                            TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("[red]{task.fields[failed]} failed"),
                            console=self.console, transient=False)
        self.t0 = time.monotonic()
        self.worked = 0
        self.task = self.bar.add_task("batch", total=total, rate="-", failed=0)
        self.bar.start()

    def update(self, row):
        if row["status"] == "failed":
            self.failed += 1
            self.bar.console.print(_failure_line(row), markup=False, highlight=False)
        self.worked += row["status"] != "skipped"
        dt = time.monotonic() - self.t0
        self.bar.update(self.task, advance=1, failed=self.failed,
                        rate=f"{self.worked / dt:.1f}" if dt else "-")

    def stop(self):
        if hasattr(self, "bar"):
            self.bar.stop()


def progress_for(stream=None) -> NullProgress:
    """Rich on a terminal, plain lines when stderr is redirected."""
    stream = stream or sys.stderr
    return RichProgress() if stream.isatty() else PlainProgress(stream)


def summary_table(s, report_path) -> Table:
    """The closing table: documents ok, failed, skipped, warnings, time per stage, documents/s."""
    t = Table(title="unakn batch", show_header=True, header_style="bold")
    t.add_column("")
    t.add_column("value", justify="right")
    t.add_row("documents ok", str(s.ok))
    t.add_row("documents failed", str(s.failed))
    t.add_row("skipped (unchanged, --resume)", str(s.skipped))
    t.add_row("documents with warnings", f"{s.with_warnings} ({s.warnings} warnings)")
    t.add_row("documents truncated", str(s.truncated))  # (the text stops early)
    t.add_row("words lost", str(s.words_lost))
    for stage, secs in s.stages.items():
        t.add_row(f"time in {stage} (sum over documents)", f"{secs:.2f} s")
    t.add_row("wall time", f"{s.wall:.2f} s")
    t.add_row("workers", str(s.workers))
    t.add_row("documents/s", f"{s.rate:.2f}")
    t.add_row("report", str(report_path))
    return t
