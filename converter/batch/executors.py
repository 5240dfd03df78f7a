"""The executor seam: where the per-document task runs. Two implementations, one interface.

``LocalExecutor`` is a process pool on this machine; ``converter.batch.cluster.DaskExecutor``
sends the same task to a ``dask.distributed`` cluster. Both load the schema and templates once per worker process.
"""
from __future__ import annotations

import multiprocessing
import os
from abc import ABC, abstractmethod
from concurrent import futures as cf


class Executor(ABC):
    """Submit documents, wait for the first to finish, fetch its result."""

    #: How many documents run at once.
    workers: int = 1

    @abstractmethod
    def submit(self, fn, job: dict):
        """Start ``fn(job)``; return a future."""

    @abstractmethod
    def wait_first(self, pending: set) -> set:
        """Block until at least one of ``pending`` is finished; return the finished ones."""

    @abstractmethod
    def result(self, future) -> dict:
        """The result of a finished future (raises if the worker itself died)."""

    def restart(self) -> None:
        """Recover after a worker died (the local pool is then broken); no-op by default."""

    def close(self) -> None:
        """Release the workers."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def init_worker(formats, lang) -> None:
    from converter.batch.task import tool_version, warm_up
    warm_up(formats, lang)
    tool_version()


class LocalExecutor(Executor):
    """A pool of worker processes (forkserver, so no threads are inherited), warmed up once each."""

    def __init__(self, jobs: int | None, formats, lang: str = "auto"):
        self.workers = max(1, jobs or os.cpu_count() or 1)
        self._args = (tuple(formats), lang)
        self._pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"),
                                      initializer=init_worker, initargs=self._args)

    def submit(self, fn, job):
        return self._pool.submit(fn, job)

    def wait_first(self, pending):
        done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        return done

    def result(self, future):
        return future.result()

    def restart(self):
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self):
        self._pool.shutdown(wait=True, cancel_futures=True)
