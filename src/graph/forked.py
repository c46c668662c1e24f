"""Work on the second core: one call run in a forked copy of this process.

A fork shares the parent's memory until either side writes to it, so the child reads a
large result (an :class:`~graph.pipeline.Analysis`) without pickling it. Its progress
lines, its return value and any exception it raises come back through one
:mod:`multiprocessing` queue.

>>> def job(say):
...     say("halfway")
...     return 6 * 7
>>> if can_fork():
...     with Forked(job) as running:
...         heard = []
...         value = running.wait(heard.append)
... else:
...     value, heard = 42, ["halfway"]
>>> value, heard
(42, ['halfway'])
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any

Say = Callable[[str], None]


def can_fork() -> bool:
    """Whether this platform starts processes by fork (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def one_thread() -> AbstractContextManager[object]:
    """Native thread pools (OpenMP, BLAS) held to one thread while in the block.

    A forked child needs it: OpenMP's pool does not survive a fork, so a parallel region
    in the child, after the parent's threads ran, waits for threads that are not there.

    >>> with one_thread():
    ...     pass
    """
    from threadpoolctl import threadpool_limits

    limits: AbstractContextManager[object] = threadpool_limits(limits=1)
    return limits


_in_child = False


def threads(wanted: int) -> int:
    """How many threads native code may start here: ``wanted``, or 1 in a forked child
    (see :func:`one_thread`; sparse_dot_topn takes its count as an argument).

    >>> threads(2) == (1 if _in_child else 2)
    True
    """
    return 1 if _in_child else wanted


def _child(job: Callable[[Say], Any], messages: Any) -> None:
    global _in_child
    _in_child = True
    try:
        with one_thread():  # the second core is this process: one thread is its share
            value = job(lambda text: messages.put(("say", text)))
    except BaseException as err:  # every failure goes back to the parent to raise
        messages.put(("error", _portable(err)))
    else:
        messages.put(("done", value))
    messages.close()
    messages.join_thread()


def _portable(err: BaseException) -> BaseException:
    """``err`` if it survives pickling, else a RuntimeError with its text and trace."""
    import pickle

    try:
        pickle.loads(pickle.dumps(err))
    except Exception:
        return RuntimeError("".join(traceback.format_exception(err)).strip())
    return err


class Forked:
    """``job(say)`` running in a forked child from ``__enter__`` on (the child inherits
    ``job`` and whatever it closes over); :meth:`wait` forwards what it says and returns
    its value, or raises what it raised. Leaving the block any other way stops the child.
    """

    def __init__(self, job: Callable[[Say], Any]) -> None:
        self.job = job
        context = multiprocessing.get_context("fork")
        self._messages = context.Queue()
        self._process = context.Process(target=_child, args=(job, self._messages), daemon=True)

    def __enter__(self) -> Forked:
        self._process.start()
        return self

    def wait(self, say: Say) -> Any:
        """Forward the child's messages to ``say`` until it ends; its return value."""
        while True:
            try:
                kind, value = self._messages.get(timeout=0.2)
            except queue.Empty:
                if self._process.is_alive():
                    continue
                code = self._process.exitcode
                raise RuntimeError(
                    f"the second process died (exit {code}; out of memory?)"
                ) from None
            if kind == "say":
                say(value)
            elif kind == "error":
                raise value
            else:
                return value

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._process.is_alive() and error is not None:
            self._process.terminate()
        self._process.join()
        self._messages.close()
