"""Whether a file is the one its descriptor was made for: Frictionless' ``bytes`` and ``hash``.

A descriptor that gives a file's size and checksum (a build's does, for every file)
promises that file: one edited since, or downloaded broken, is another, and its rows may
pass every check of the schema.  Frictionless compares both while it reads the file; the
fast engine reads it with Polars, so the checksum is computed here, one file at a time in
a background thread while the tables are checked (hashlib releases the GIL as it hashes).
The size is the file's, as Frictionless counts the bytes it reads: no read at all.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import frictionless

from opendata.problems import Problem

# what Frictionless checks, and the hex digits of each one's sum: another algorithm it ignores, with a warning
HASHES = {"md5": 32, "sha256": 64}
CHUNK = 1 << 20  # bytes read at a time: the whole file is never in memory
# Frictionless' note on a hash or size it found wrong itself (a remote file, `--allow-remote`)
FRICTIONLESS_NOTE = re.compile(r'expected is "(?P<expected>[^"]*)" and actual is "(?P<actual>[^"]*)"')


@dataclass(frozen=True)
class Promise:
    """What a resource's descriptor says of its local file."""

    resource: str
    path: str  # as the descriptor writes it
    file: Path
    bytes: int | None
    hash: str | None  # as written: "sha256:…", or md5 without a prefix


def promise_of(resource: frictionless.Resource) -> Promise | None:
    """The resource's ``bytes`` and ``hash``, taken off it: the table's own checks
    (Frictionless', where it checks a table) must not report them a second time.  None
    when it gives neither, or its data is no local file (a remote one is left to
    Frictionless, which downloads it), nor a multipart one: Frictionless counts the stream of
    its parts, each part's header left out, not the files."""
    size = resource.bytes if isinstance(resource.bytes, int) and resource.bytes else None
    checksum = resource.hash if isinstance(resource.hash, str) and resource.hash else None
    if (size is None and checksum is None) or resource.remote or resource.path is None:
        return None
    if resource.multipart:
        return None
    resource.bytes = resource.hash = None
    return Promise(resource.name or resource.path, resource.path, Path(resource.normpath), size, checksum)


def check(promise: Promise, stop: threading.Event | None = None) -> list[Problem]:
    """The file's size and checksum against its descriptor's, as Frictionless compares
    them (its hash-count before its byte-count); nothing for a file that cannot be read
    (a missing one is named by the file's own checks), nor once ``stop`` is set."""
    where = {"resource": promise.resource, "path": promise.path}
    try:
        size = promise.file.stat().st_size
    except OSError:
        return []
    problems = []
    if promise.hash is not None:
        algorithm, _, expected = promise.hash.rpartition(":")
        algorithm = algorithm.lower() or "md5"
        if algorithm not in HASHES:
            params = {"algorithm": algorithm, "expected": promise.hash}
            problems.append(Problem("hash-unsupported", "warning", params=params, **where))
        else:
            try:
                actual = _digest(promise.file, algorithm, stop)
            except (OSError, Stopped):
                return []
            # hex digits in either case are the same checksum (PowerShell's Get-FileHash
            # writes capitals), where Frictionless compares the text
            written = actual if algorithm == "md5" else f"{algorithm}:{actual}"
            params = {"expected": promise.hash, "actual": written, "algorithm": algorithm}
            if not re.fullmatch(f"[0-9a-f]{{{HASHES[algorithm]}}}", expected.strip().lower()):
                # «garbage» is no checksum at all: the descriptor is wrong, not the file
                problems.append(
                    Problem("hash-invalid", params={**params, "digits": HASHES[algorithm]}, **where)
                )
            elif actual != expected.strip().lower():
                problems.append(Problem("hash-count", params=params, **where))
    if promise.bytes is not None and promise.bytes != size:
        params = {"expected": promise.bytes, "actual": size}
        problems.append(Problem("byte-count", params=params, **where))
    return problems


class Stopped(Exception):
    """The validation ended before the checksum: nobody waits for it."""


def _digest(file: Path, algorithm: str, stop: threading.Event | None) -> str:
    """The file's checksum, read a chunk at a time."""
    digest = hashlib.new(algorithm)
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    with file.open("rb") as stream:
        while read := stream.readinto(buffer):
            if stop is not None and stop.is_set():
                raise Stopped
            digest.update(view[:read])
    return digest.hexdigest()


class InBackground:
    """The promises of RESOURCES checked one at a time in a thread, started at once:
    hashing overlaps with checking the tables, and big files are not read side by side.
    Used as ``with InBackground(resources) as files:``, ``files.problems()`` at the end;
    leaving the block early (an error, Ctrl-C) stops the thread at its next chunk."""

    def __init__(self, resources: Iterable[frictionless.Resource]) -> None:
        self._promises = [promise for resource in resources if (promise := promise_of(resource))]
        self._stop = threading.Event()
        self._found: Future[list[Problem]] = Future()
        if self._promises:
            threading.Thread(target=self._run, name="integrity", daemon=True).start()
        else:
            self._found.set_result([])

    def _run(self) -> None:
        try:
            self._found.set_result([p for promise in self._promises for p in check(promise, self._stop)])
        except BaseException as exc:  # re-raised by whoever asks for the problems
            self._found.set_exception(exc)

    def problems(self) -> list[Problem]:
        """Every file's problems, in the resources' order (waits for the checks)."""
        return self._found.result()

    def __enter__(self) -> InBackground:
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()


def frictionless_params(code: str, note: str | None) -> dict:
    """``expected`` and ``actual`` of a hash or size Frictionless found wrong itself. Its
    checksum has no algorithm's prefix: an sha256 is given one, as the «hash» to write."""
    found = FRICTIONLESS_NOTE.search(note or "")
    if not found:
        return {}
    params = found.groupdict()
    if code == "hash-count" and len(params["actual"]) == HASHES["sha256"]:
        params["actual"] = f"sha256:{params['actual']}"
    return params
