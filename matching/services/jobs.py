"""Long work off the page's thread: progress the page can show, and a cancel that leaves nothing written.

A job's function receives a `Progress`; it reports phases and calls `checkpoint()` between them, which
raises `Cancelled` once the user asked to stop. Services call `checkpoint()` before they commit, so a
cancelled run never writes half a result.
"""

from __future__ import annotations

import enum
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any


class Cancelled(Exception):
    """The user asked to stop."""


class JobState(enum.StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass
class Progress:
    fraction: float = 0.0
    phase: str = ""
    cancel_requested: threading.Event = field(default_factory=threading.Event)

    def update(self, fraction: float, phase: str) -> None:
        self.checkpoint()
        self.fraction, self.phase = max(0.0, min(1.0, fraction)), phase

    def checkpoint(self) -> None:
        if self.cancel_requested.is_set():
            raise Cancelled()

    @property
    def cancelled(self) -> bool:
        return self.cancel_requested.is_set()


@dataclass
class Job:
    id: str
    progress: Progress
    future: Future[Any]

    @property
    def state(self) -> JobState:
        if not self.future.done():
            return JobState.RUNNING
        error = self.future.exception()
        if isinstance(error, Cancelled):
            return JobState.CANCELLED
        return JobState.FAILED if error is not None else JobState.DONE

    def cancel(self) -> None:
        self.progress.cancel_requested.set()

    def result(self) -> Any:
        return self.future.result()

    def error(self) -> BaseException | None:
        return self.future.exception() if self.future.done() else None


class JobRunner:
    """A small pool: solves are CPU-bound and the machine has few cores."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="matching-job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def submit(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Job:
        progress = Progress()
        future = self._pool.submit(function, *args, progress=progress, **kwargs)
        job = Job(uuid.uuid4().hex, progress, future)
        with self._lock:
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)
