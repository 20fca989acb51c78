"""Each resource's validity check in a worker process, under a time limit.

A hostile or broken file (a small XLSX that inflates to hundreds of MB, a portal's
schema whose ``pattern`` backtracks for ever) can keep `opendata.validate` busy for
minutes or hours: one resource must not stall the audit of a whole portal.  The check
runs in another process, the only kind of work that can be stopped for real.

The worker is a fresh interpreter running `main` (`WORKER`), never a fork
(Polars' thread pool makes a forked child hang) nor a `multiprocessing` spawn (which
runs the caller's script again in the child: a script calling `run_audit` without an
``if __name__ == "__main__"`` guard would audit the portal twice, then fail).  Its
imports cost about a second, so one worker checks resource after resource; only one
that runs out of time is killed and replaced.  Tasks and answers are pickles over its
stdin and stdout, between this module's two ends only.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import select
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import opendata
from opendata.audit import validity
from opendata.audit.model import Finding, ResourceResult

# not ``-m opendata.audit.worker``: the package imports this module, and runpy warns of it;
# -P: no folder of the current one's (an «opendata» folder there) before this very package
WORKER = [sys.executable, "-P", "-c", "from opendata.audit.worker import main; main()"]
READY = "ready"  # the worker's first message: its imports are done
PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent ends


class Checker:
    """`validity.check` in one long-lived worker; a check over LIMIT seconds is killed and
    is the finding validity-timeout.  A context manager: the worker never outlives it,
    whatever ends the audit (Ctrl-C too)."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self._worker: subprocess.Popen | None = None
        self._ready = False

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker now, if it is not running: its imports go on beside other work."""
        if self._worker is None:
            pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
            self._worker = subprocess.Popen(WORKER, env=_environment(), **pipes)
            self._ready = False

    def check(self, resource: ResourceResult, schema: Path | None) -> list[Finding]:
        """The resource's validity findings, its fields set as `validity.check` sets them."""
        worker = self._ready_worker()
        _send(worker.stdin, (resource, schema))
        if not select.select([worker.stdout], [], [], self.limit)[0]:
            self.close()
            return [validity.timed_out(resource, self.limit)]
        try:
            findings, fields = _receive(worker.stdout)
        except _Ended:  # killed mid-check: by the out-of-memory killer, most often
            self.close()
            return [validity.broke_off(resource)]
        for name, value in fields.items():
            setattr(resource, name, value)
        return findings

    def close(self) -> None:
        """Kill the worker (SIGKILL: a check deep in C code never sees a gentler signal)."""
        if self._worker is not None:
            self._worker.kill()
            self._worker.wait()
            for stream in (self._worker.stdin, self._worker.stdout):
                stream.close()
            self._worker = None

    def _ready_worker(self) -> subprocess.Popen:
        """The worker, its imports done: the time limit counts the check alone."""
        self.start()
        if not self._ready:
            try:
                _receive(self._worker.stdout)  # READY
            except _Ended:
                raise RuntimeError("the audit's validity worker ended before it was ready") from None
            self._ready = True
        return self._worker


class _Ended(Exception):
    """The worker ended without an answer."""


def _environment() -> dict[str, str]:
    """This process's environment, with the folder this `opendata` was imported from first
    on the worker's path: the same code checks, wherever the caller found it."""
    here = str(Path(opendata.__file__).parent.parent)
    paths = [here, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _send(stream: IO[bytes], message: Any) -> None:
    pickle.dump(message, stream)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The other end's next message; an exception the worker sent is raised here, as the
    check in this process would have raised it."""
    try:
        message = pickle.load(stream)
    except EOFError:
        raise _Ended from None
    if isinstance(message, BaseException):
        raise message
    return message


def _serve(tasks: IO[bytes], answers: IO[bytes]) -> None:
    """READY, then each task's findings and the fields the check set, until the audit
    closes the worker's stdin."""
    _send(answers, READY)
    while True:
        try:
            resource, schema = pickle.load(tasks)
        except EOFError:
            return
        try:
            findings = validity.check(resource, schema)
        except Exception as error:
            _send(answers, error)
            continue
        _send(answers, (findings, {name: getattr(resource, name) for name in validity.CHECKED}))


def _die_with_the_audit() -> None:
    """On Linux, have the kernel kill the worker when the audit's process ends without
    closing it (SIGKILL, SIGTERM): a check that never ends would go on for ever.  Elsewhere
    an orphan ends at its next task, which is the end of its stdin."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def main() -> None:
    """The worker: Ctrl-C is the audit's to handle (it kills the worker); stray prints go to
    stderr, never into the answers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_the_audit()
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, answers)
