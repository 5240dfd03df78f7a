"""The batch coordinator: find inputs, hand documents to an executor, write outputs and the report.

Results are committed (outputs written, manifest and report rows appended) in input order, so a
local run and a Dask run give the same files and the same report, whatever finishes first.
"""
from __future__ import annotations

import glob
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from converter.batch.manifest import Manifest, sweep_temporary, write_atomic
from converter.batch.names import Layout, inside
from converter.batch.task import FORMATS, process, tool_version

SUFFIXES = (".txt", ".xml")


@dataclass
class Options:
    out_dir: Path
    formats: tuple[str, ...] = ("akn",)
    jobs: int | None = None
    resume: bool = False
    report: Path | None = None
    scheduler: str | None = None
    lang: str = "auto"


@dataclass
class Summary:
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    with_warnings: int = 0
    warnings: int = 0
    truncated: int = 0
    words_lost: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    wall: float = 0.0
    workers: int = 0

    @property
    def processed(self) -> int:
        return self.ok + self.failed

    @property
    def rate(self) -> float:
        return self.processed / self.wall if self.wall else 0.0


class InputNotFound(Exception):
    """An INPUT names no file, folder or glob match."""


def discover(inputs, out_dir: Path | None = None) -> list[Path]:
    """Files from INPUTs (files, folders searched recursively, globs), sorted, no duplicates.

    Folders and globs yield ``.txt`` and ``.xml`` files; files under ``out_dir`` and hidden
    files are left out, so a batch can write inside the folder it reads.
    """
    out = out_dir.resolve() if out_dir else None
    seen: set[Path] = set()
    found: list[Path] = []

    def add(p: Path) -> None:
        r = p.resolve()
        if r in seen or (out and (r == out or out in r.parents)):
            return
        seen.add(r)
        found.append(p)

    for arg in inputs:
        p = Path(arg)
        if p.is_file():
            add(p)
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not any(
                        part.startswith(".") for part in f.relative_to(p).parts):
                    add(f)
        elif glob.has_magic(arg):
            matches = [Path(m) for m in sorted(glob.glob(arg, recursive=True))]
            files = [m for m in matches if m.is_file() and m.suffix.lower() in SUFFIXES]
            if not files:
                raise InputNotFound(f"{arg}: no .txt or .xml file matches")
            for f in files:
                add(f)
        else:
            raise InputNotFound(f"{arg}: no such file or folder")
    return found


def _kind(path: Path, data: bytes) -> str:
    if path.suffix.lower() == ".xml":
        return "akn"
    if path.suffix.lower() == ".txt":
        return "text"
    return "akn" if data.lstrip()[:1] == b"<" else "text"


def run_batch(inputs, opts: Options, progress=None) -> Summary:
    """Run the whole batch; ``progress`` gets ``start(total)``, ``update(row)``, ``stop()``."""
    from converter.batch.progress import NullProgress
    progress = progress or NullProgress()
    out_dir = opts.out_dir
    files = discover(inputs, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sweep_temporary(out_dir)
    manifest = Manifest(out_dir)
    claimed = manifest.claimed()
    tool = tool_version()
    report_path = opts.report or out_dir / "report.jsonl"
    summary = Summary()
    t0 = time.perf_counter()
    executor = None
    report = open(report_path, "w", encoding="utf-8")
    try:
        ready: dict[int, dict] = {}
        pending: dict = {}
        next_input, next_commit = 0, 0
        progress.start(len(files))
        while next_commit < len(files):
            window = 4 * (executor.workers if executor else 1) + 4
            while next_input < len(files) and len(pending) + len(ready) < window:
                i, path = next_input, files[next_input]
                next_input += 1
                job, row = _prepare(path, opts, manifest, tool)
                if row is not None:
                    ready[i] = row
                    continue
                if executor is None:
                    executor = _executor(opts)
                    window = 4 * executor.workers + 4
                pending[executor.submit(process, job)] = (i, job)
            while next_commit in ready:
                row = ready.pop(next_commit)
                if "result" in row:
                    row = _commit(row.pop("result"), row, out_dir, opts.formats, manifest, claimed)
                report.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                report.flush()
                _count(summary, row)
                progress.update(row)
                next_commit += 1
            if pending and next_commit not in ready:
                for fut in executor.wait_first(set(pending)):
                    if fut not in pending:
                        continue  # cleared after a worker died
                    i, job = pending.pop(fut)
                    try:
                        result = executor.result(fut)
                    except Exception as exc:  # the worker process itself died
                        result = _worker_died(job, exc)
                        executor.restart()
                        for j, ojob in pending.values():
                            ready[j] = _base_row(ojob) | {"result": _worker_died(ojob, exc)}
                        pending.clear()
                    ready[i] = _base_row(job) | {"result": result}
    finally:
        report.close()
        manifest.close()
        if executor is not None:
            executor.close()
        progress.stop()
    summary.wall = time.perf_counter() - t0
    summary.workers = executor.workers if executor else 0
    return summary


def _executor(opts: Options):
    if opts.scheduler:
        from converter.batch.cluster import DaskExecutor
        return DaskExecutor(opts.scheduler, opts.formats, opts.lang)
    from converter.batch.executors import LocalExecutor
    return LocalExecutor(opts.jobs, opts.formats, opts.lang)


def _base_row(job: dict) -> dict:
    return {"input": job["source"], "sha256": job["sha256"], "key": job["key"]}


def _prepare(path: Path, opts: Options, manifest: Manifest, tool: str):
    """A job for the executor, or a finished row (input unreadable, or up to date with --resume)."""
    key = str(path.resolve())
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, _row(str(path), None, "failed", error={
            "type": "InputError", "line": None, "message": f"cannot read: {exc.strerror or exc}"})
    sha = hashlib.sha256(data).hexdigest()
    if opts.resume:
        e = manifest.fresh(key, sha, tool, opts.formats)
        if e is not None:
            return None, _row(str(path), sha, "skipped", symbol=e.get("symbol"),
                              outputs=[e["outputs"][f] for f in FORMATS if f in e["outputs"]])
    job = {"source": str(path), "key": key, "sha256": sha, "data": data, "kind": _kind(path, data),
           "formats": tuple(opts.formats), "lang": opts.lang, "tool": tool,
           "check_tool": bool(opts.scheduler)}  # remote workers may run other code
    return job, None


def _row(source, sha, status, *, symbol=None, outputs=(), error=None, warnings=(), removed=(),
         words_source=None, words_lost=None, truncated=None, timings=None) -> dict:
    """One report row; every row has the same keys."""
    return {"input": source, "sha256": sha, "status": status, "symbol": symbol,
            "outputs": list(outputs), "error": error, "warnings": list(warnings),
            "removed": list(removed), "words_source": words_source, "words_lost": words_lost,
            "truncated": truncated, "timings": timings or {}}


def _worker_died(job: dict, exc: Exception) -> dict:
    return {"source": job["source"], "status": "failed", "symbol": None, "layout": None, "files": {},
            "warnings": [], "removed": [], "words_source": None, "words_lost": None, "truncated": None, "timings": {},
            "error": {"type": type(exc).__name__, "line": None,
                      "message": f"a worker process died while this document was in progress "
                                 f"({type(exc).__name__}: {exc}); it is retried with --resume"}}


def _commit(result: dict, base: dict, out_dir: Path, formats, manifest: Manifest,
            claimed: dict[str, str]) -> dict:
    """Write a finished document's outputs atomically, record it in the manifest, return its row."""
    outputs: dict[str, str] = {}
    timings = dict(result["timings"])
    error = result["error"]
    status = result["status"]
    if status == "ok":
        t = time.perf_counter()
        try:
            layout = Layout(**result["layout"])
            tag = None
            if any(claimed.get(layout.path(f)) not in (None, base["key"]) for f in formats):
                tag = hashlib.sha256(base["key"].encode()).hexdigest()[:8]
            for fmt in FORMATS:
                if fmt in result["files"]:
                    rel = layout.path(fmt, tag)
                    write_atomic(inside(out_dir, rel), result["files"][fmt])
                    outputs[fmt] = rel
                    claimed[rel] = base["key"]
            manifest.record({"input": base["key"], "sha256": base["sha256"], "tool": result["tool"],
                             "symbol": result["symbol"], "outputs": outputs,
                             "sizes": {f: len(result["files"][f]) for f in outputs}})
        except (OSError, ValueError) as exc:
            status, outputs = "failed", {}
            error = {"type": type(exc).__name__, "line": None, "message": f"cannot write output: {exc}"}
        timings["write"] = time.perf_counter() - t
    return _row(base["input"], base["sha256"], status, symbol=result["symbol"],
                outputs=[outputs[f] for f in FORMATS if f in outputs], error=error,
                warnings=result["warnings"], removed=result["removed"],
                words_source=result["words_source"], words_lost=result["words_lost"],
                truncated=result.get("truncated"), timings=timings)


def _count(s: Summary, row: dict) -> None:
    if row["status"] == "ok":
        s.ok += 1
    elif row["status"] == "skipped":
        s.skipped += 1
    else:
        s.failed += 1
    if row["truncated"]:
        s.truncated += 1
    if row["warnings"]:
        s.with_warnings += 1
        s.warnings += len(row["warnings"])
    s.words_lost += row["words_lost"] or 0
    for k, v in row["timings"].items():
        s.stages[k] = s.stages.get(k, 0.0) + v
