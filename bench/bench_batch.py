"""Batch throughput: documents per second with 1 and 2 local workers, speed-up, peak RSS per worker.

usage: python bench/bench_batch.py [--docs N] [--repeat R] [--rows]

The documents are the seed renumbered N times (bench/synthetic.py), run through the real batch
(process pool, atomic writes, manifest, report) into a temporary folder, for each output set that
is available (akn; akn,html; akn,html,pdf once the PDF renderer exists). Wall time includes starting
the pool and loading the schema in each worker. RSS is sampled every 20 ms from the worker processes.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil  # noqa: E402
from _rows import emit  # noqa: E402
from synthetic import renumbered  # noqa: E402

from converter.batch.run import Options, run_batch  # noqa: E402


class RssSampler(threading.Thread):
    """Peak resident memory of every process descended from this one, until stopped.

    Each process's peak is the kernel's own high-water mark (VmHWM in /proc/PID/status, where
    there is one; else its RSS at each look), read every ``every`` seconds: a mark only grows, so
    reading it now and then misses nothing but a peak in a process's last moments. The processes
    are looked for once a second (psutil reads every process of the machine to find them, about
    1 ms). Looking for them every 20 ms, as this did, took a tenth of the throughput of a batch
    whose two workers keep both cores busy: the figures measured the sampler."""

    def __init__(self, every: float = 0.1, look_every: float = 1.0):
        super().__init__(daemon=True)
        self.every, self.look_every, self.peak, self._halt = every, look_every, {}, threading.Event()

    def run(self):
        me = psutil.Process()
        procs, looked = [], float("-inf")
        while not self._halt.wait(self.every):
            now = time.monotonic()
            if now - looked >= self.look_every:
                procs, looked = me.children(recursive=True), now
            for p in procs:
                peak = _high_water(p)
                if peak:
                    self.peak[p.pid] = max(self.peak.get(p.pid, 0), peak)

    def stop(self) -> dict[int, int]:
        self._halt.set()
        self.join()
        return self.peak


def _high_water(p: psutil.Process) -> int:
    """The most resident memory process ``p`` has had, in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{p.pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return p.memory_info().rss
    except psutil.Error:
        return 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--pdf-docs", type=int, default=30, help="documents for the PDF batches")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rows", action="store_true", help="machine-readable rows for bench/run.py")
    a = ap.parse_args()
    emit("cores", str(os.cpu_count()))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for n in range(a.docs):
            (src / f"r{n:05d}.txt").write_text(renumbered(1000 + n), "utf-8")
        sets = [("akn",), ("akn", "html")]
        if importlib.util.find_spec("converter.render.pdf"):
            sets.append(("akn", "html", "pdf"))
        else:
            emit("batch PDF", "n/a", "converter/render/pdf.py not present yet")
        for formats in sets:
            rates = {}
            ndocs = min(a.docs, a.pdf_docs) if "pdf" in formats else a.docs
            inputs = [str(p) for p in sorted(src.glob("*.txt"))[:ndocs]]
            for jobs in (1, 2):
                runs, peaks = [], []
                for r in range(a.repeat):
                    sampler = RssSampler()
                    sampler.start()
                    s = run_batch(inputs, Options(out_dir=Path(tmp) / f"out{jobs}{r}", formats=formats,
                                                      jobs=jobs))
                    peak = sampler.stop()
                    if s.failed:
                        raise SystemExit(f"bench batch: {s.failed} documents failed")
                    runs.append(s.rate)
                    # the largest `jobs` processes are the workers (the fork server stays small)
                    peaks += sorted(peak.values(), reverse=True)[:jobs]
                rates[jobs] = statistics.median(runs)
                emit(f"batch {'+'.join(formats)}, {jobs} worker{'s' * (jobs > 1)}", f"{rates[jobs]:.1f} docs/s",
                     f"{ndocs} docs, median of {a.repeat}; peak RSS per worker "
                     f"{max(peaks) / 2**20:.0f} MB")
            emit(f"batch {'+'.join(formats)}, speed-up 2 vs 1", f"{rates[2] / rates[1]:.2f}x",
                 "target >= 1.8x (for PDF batches)")


if __name__ == "__main__":
    main()
