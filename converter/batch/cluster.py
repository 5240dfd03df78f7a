"""The Dask implementation of the executor seam (imported only with ``--scheduler``)."""
from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from converter.batch.executors import Executor, init_worker


class DaskExecutor(Executor):
    """A ``dask.distributed`` cluster at ``address`` (``tcp://host:8786``) running the same task."""

    def __init__(self, address: str, formats, lang: str = "auto"):
        from distributed import Client
        self._client = Client(address, set_as_default=False)
        self._client.register_plugin(_WarmUp(tuple(formats), lang), name="unakn-warm-up")
        info = self._client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        self.workers = max(1, threads)

    def submit(self, fn, job):
        return self._client.submit(fn, job, pure=False)

    def wait_first(self, pending):
        from distributed import wait
        with self._client.as_current():
            done, _ = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done)

    def result(self, future):
        try:
            return future.result()
        finally:
            future.release()

    def close(self):
        self._client.close()


class _WarmUp(WorkerPlugin):
    """Loads the schema, profile and templates when each Dask worker starts (or joins)."""

    def __init__(self, formats, lang):
        self.formats, self.lang = formats, lang

    def setup(self, worker):
        init_worker(self.formats, self.lang)
