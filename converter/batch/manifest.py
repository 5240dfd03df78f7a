"""Atomic output files and the content-hash manifest that ``--resume`` trusts.

Outputs are written to a temporary file in the same folder, flushed to disk, then renamed over the
target: a reader (or a batch killed at any instant) sees the old file or the new one, never half of
one. The manifest (``OUT_DIR/.unakn-manifest.jsonl``) gains one line per finished document, after
its outputs are in place, in a single append; a torn or foreign line is ignored when read.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST = ".unakn-manifest.jsonl"
TMP_SUFFIX = ".unakn-tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file, fsync and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def sweep_temporary(out_dir: Path) -> int:
    """Delete temporary files an interrupted batch left in ``out_dir``; return how many."""
    n = 0
    for p in out_dir.rglob(f".*{TMP_SUFFIX}"):
        if p.is_file():
            p.unlink()
            n += 1
    return n


class Manifest:
    """Which input (by resolved path) produced which outputs, from which input hash and tool version."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.path = out_dir / MANIFEST
        self.entries: dict[str, dict] = {}
        if self.path.exists():
            for line in self.path.read_text("utf-8", errors="replace").splitlines():
                try:
                    entry = json.loads(line)
                    self.entries[entry["input"]] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # a line torn by a crash, or not ours
        # compact: one line per input, replaced atomically
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, "".join(json.dumps(e, sort_keys=True) + "\n"
                                        for e in self.entries.values()).encode("utf-8"))
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)

    def claimed(self) -> dict[str, str]:
        """Output path (relative) → the input that owns it."""
        return {rel: key for key, e in self.entries.items() for rel in e["outputs"].values()}

    def fresh(self, key: str, sha256: str, tool: str, formats) -> dict | None:
        """The entry for ``key`` if its hash and tool match and every wanted output is on disk intact."""
        e = self.entries.get(key)
        if not e or e.get("sha256") != sha256 or e.get("tool") != tool:
            return None
        for fmt in formats:
            rel = e["outputs"].get(fmt)
            if rel is None:
                return None
            p = self.out_dir / rel
            try:
                if p.stat().st_size != e["sizes"][fmt]:
                    return None
            except (OSError, KeyError):
                return None
        return e

    def record(self, entry: dict) -> None:
        """Append one entry in a single write (atomic with respect to a killed process)."""
        self.entries[entry["input"]] = entry
        os.write(self._fd, (json.dumps(entry, sort_keys=True) + "\n").encode("utf-8"))

    def close(self) -> None:
        os.close(self._fd)
