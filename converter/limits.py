"""A per-document time limit: checked at stage boundaries and inside the long loops.

Checks rather than signals: ``signal.alarm`` works only in the main thread of the main
interpreter, and conversions also run in worker threads and processes (batch, Dask). The limit
is held in a context variable, so threads converting side by side each have their own.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar

from converter.errors import ConversionError

#: Default seconds per document (``unakn convert --time-limit``).
DEFAULT_TIME_LIMIT = 60.0

_deadline: ContextVar[tuple[float, float, str] | None] = ContextVar("unakn_deadline", default=None)


@contextmanager
def time_limit(seconds: float | None, source: str):
    """Within the block, :func:`check` raises once ``seconds`` have passed (None: no limit)."""
    if seconds is None:
        yield
        return
    token = _deadline.set((time.monotonic() + seconds, seconds, source))
    try:
        yield
    finally:
        _deadline.reset(token)


def check(line: int | None = None) -> None:
    """Raise ConversionError("took longer than N s") when the current limit has passed."""
    d = _deadline.get()
    if d is not None and time.monotonic() > d[0]:
        raise ConversionError(f"took longer than {d[1]:g} s (the time limit per document)",
                              source=d[2], line=line or 1)
