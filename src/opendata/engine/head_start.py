"""A head start: ``opendata validate`` scans a table before Frictionless loads.

Before the engine can build its query, the command imports Frictionless and reads the
descriptors with it: ~0.7 s of one core, while the other waits.  The scan then keeps
both cores busy.  So the command starts the scan at once, from the schema's JSON
(``begin`` for a table and its schema, ``begin_for_descriptor`` for a resource
descriptor), and imports the rest meanwhile; ``validate_resource`` does the same for
its callers (``begin_for_resource``), before Frictionless opens the resource.  The
engine takes its batches over (``claim``) only if the query it builds itself is the
same, to the byte (``LazyFrame.serialize``): the file, the dialect, every screen,
bound and key.  Any other query discards the head start, which can make a run
faster, never different.

What this module predicts is Frictionless' reading of a plain schema (its defaults
for a field, the values of an enum or a bound).  A schema it cannot predict gets no
head start; one it predicts wrongly only loses the time the head start saved.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from ..paths import escapes_folder
from .cells import FieldPlan, screen_plan, screen_query

if TYPE_CHECKING:
    import frictionless

log = logging.getLogger(__name__)

# batches a head start holds before the engine claims them; past that it waits (bounded
# memory: the engine claims after its imports, ~0.5 s on, by when ~60-100 MiB are read)
HELD_BYTES = 128 << 20
# the API's head start only pays where the scan outlasts its setup (~5 ms)
RESOURCE_MIN_BYTES = 4 << 20
_DELIMITERS = {".csv": ",", ".tsv": "\t"}
# a dialect read as none: the header row that `validate` declares (Frictionless' default)
PLAIN_DIALECTS = ({}, {"headerRows": [1]})
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class DescriptorField:
    """A field descriptor with Frictionless' defaults: the attributes the screens read."""

    name: str
    type: str
    format: str = "default"
    constraints: dict = field(default_factory=dict)
    true_values: list[str] = field(default_factory=lambda: ["true", "True", "TRUE", "1"])
    false_values: list[str] = field(default_factory=lambda: ["false", "False", "FALSE", "0"])
    decimal_char: str = "."
    group_char: str = ""
    bare_number: bool = True
    float_number: bool = False

    @classmethod
    def from_descriptor(cls, descriptor: dict) -> DescriptorField:
        names = {
            "format": "format",
            "constraints": "constraints",
            "trueValues": "true_values",
            "falseValues": "false_values",
            "decimalChar": "decimal_char",
            "groupChar": "group_char",
            "bareNumber": "bare_number",
            "floatNumber": "float_number",
        }
        options = {names[key]: value for key, value in descriptor.items() if key in names}
        return cls(name=descriptor["name"], type=descriptor["type"], **options)


def constraint_value(ftype: str, value: Any) -> Any:
    """An enum's or a bound's value, as Frictionless reads the plain cases; else ValueError."""
    if ftype == "string" and isinstance(value, str):
        return value
    if ftype in ("integer", "year") and isinstance(value, int) and not isinstance(value, bool):
        return value
    if ftype == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if ftype == "boolean" and isinstance(value, bool):
        return value
    if ftype == "date" and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    raise ValueError(f"no prediction for a {ftype} constraint {value!r}")


def predicted_plans(schema: dict) -> list[FieldPlan]:
    """The check pass's field plans for ``schema`` (a Table Schema's JSON)."""
    fields = [DescriptorField.from_descriptor(f) for f in schema["fields"]]
    schema_missing = list(schema.get("missingValues", [""]))
    plans = []
    for index, (fld, descriptor) in enumerate(zip(fields, schema["fields"], strict=True)):
        missing = list(descriptor.get("missingValues", schema_missing))
        plans.append(screen_plan(fld, index, missing, lambda v, t=fld.type: constraint_value(t, v)))
    key_fields = {f.name for f in fields if f.constraints.get("unique")}
    primary_key = schema.get("primaryKey") or []
    key_fields |= {primary_key} if isinstance(primary_key, str) else set(primary_key)
    for fk in schema.get("foreignKeys", []):
        reference = fk["reference"]
        if not reference.get("resource"):  # to the table itself; others are not checked here
            for names in (fk["fields"], reference["fields"]):
                key_fields |= {names} if isinstance(names, str) else set(names)
    for plan in plans:
        plan.need_key = plan.name in key_fields
    return plans


class _Run:
    """A query's batches, pulled in a thread until claimed or ``HELD_BYTES`` are held."""

    def __init__(self, query: pl.LazyFrame, batch_rows: int) -> None:
        self.signature = query.serialize()
        self.frames: deque[pl.DataFrame] = deque()
        self.claimed = threading.Event()
        self.pulled = threading.Event()  # the thread is done (not held by self: no cycle)
        self.finished = False
        self.error: BaseException | None = None
        self.batches = query.collect_batches(chunk_size=batch_rows)
        threading.Thread(target=self._pull, name="head-start", daemon=True).start()

    def _pull(self) -> None:
        held = 0
        try:
            while not self.claimed.is_set() and held < HELD_BYTES:
                frame = next(self.batches, None)
                if frame is None:
                    self.finished = True
                    return
                self.frames.append(frame)
                held += frame.estimated_size()
        except BaseException as exc:  # re-raised where the engine reads the batches
            self.error = exc
        finally:
            self.pulled.set()

    def take(self) -> Iterator[pl.DataFrame]:
        self.claimed.set()
        while self.frames or not self.pulled.is_set():  # the held batches first, then
            if self.frames:  # the one the thread may still be waiting for
                yield self.frames.popleft()
            else:
                self.pulled.wait()
        if self.error is not None:
            raise self.error
        if not self.finished:
            yield from self.batches

    def stop(self) -> None:
        """Stop pulling; the batches go with the last reference (Polars stops the query)."""
        self.claimed.set()
        self.frames.clear()


_pending: _Run | None = None


def begin(table: Path, schema: Path) -> None:
    """Start the check pass's scan of ``table`` as the engine would read it with ``schema``.

    Best effort: a file or schema it cannot predict starts nothing, and says why in the
    debug log only (the command reports real problems itself)."""
    try:
        _start(table, json.loads(schema.read_text(encoding="utf-8-sig")))
    except Exception as exc:  # the descriptor's problems are the command's to report
        log.debug("no head start for %s: %s", table, exc)


def begin_for_descriptor(descriptor: Path) -> None:
    """``begin`` for a resource descriptor (``resource.json``) of a local CSV table, its
    schema inline or in a file beside it.  A path the command would refuse (absolute,
    outside the folder, remote) or a dialect of its own starts nothing."""
    try:
        resource = json.loads(descriptor.read_text(encoding="utf-8-sig"))
        path, schema = resource.get("path"), resource.get("schema")
        if not _local(path) or "dialect" in resource or "encoding" in resource:
            return
        if isinstance(schema, str) and _local(schema):
            schema = json.loads((descriptor.parent / schema).read_text(encoding="utf-8-sig"))
        if isinstance(schema, dict):
            _start(descriptor.parent / path, schema)
    except Exception as exc:
        log.debug("no head start for %s: %s", descriptor, exc)


def begin_for_resource(resource: frictionless.Resource) -> None:
    """``begin`` for ``validate_resource``, unless the command has begun already: the
    scan starts before Frictionless opens the resource and sniffs its dialect, and
    Polars' pipeline starts (~0.2 s together).  Small files, a dialect (but the first
    row as the header) or encoding of their own, or foreign keys to other resources
    (read first) start nothing."""
    if _pending is not None or resource.data is not None or resource.multipart:
        return
    try:
        table = Path(resource.normpath)
        from .reader import is_utf8

        if resource.dialect.to_descriptor() not in PLAIN_DIALECTS:
            return
        if not is_utf8(resource.encoding or "utf-8"):
            return
        if not table.is_file() or table.stat().st_size < RESOURCE_MIN_BYTES:
            return
        schema = resource.schema.to_descriptor()
        if any(fk.get("reference", {}).get("resource") for fk in schema.get("foreignKeys", [])):
            return
        _start(table, schema)
    except Exception as exc:
        log.debug("no head start for %s: %s", resource.name, exc)


def _local(path: object) -> bool:
    """A relative path inside the descriptor's folder (what ``validate`` would follow)."""
    return isinstance(path, str) and "://" not in path and not escapes_folder(path)


def _start(table: Path, schema: dict) -> None:
    global _pending
    discard()
    delimiter = _DELIMITERS.get(table.suffix.lower())
    if delimiter is None or not table.is_file():
        return
    plans = predicted_plans(schema)
    from .reader import MIN_BATCH_ROWS, polars_source

    source = polars_source(str(table), n_columns=len(plans), delimiter=delimiter, quote_char='"')
    _pending = _Run(screen_query(plans, check=True).evaluate(source), MIN_BATCH_ROWS)


def claim(query: pl.LazyFrame) -> Iterator[pl.DataFrame] | None:
    """The head start's batches if it runs ``query``; None otherwise (and it is stopped)."""
    global _pending
    run, _pending = _pending, None
    if run is None:
        return None
    if run.signature != query.serialize():
        log.debug("head start discarded: the engine's query differs")
        run.stop()
        return None
    log.debug("head start claimed")
    return run.take()


def discard() -> None:
    """Stop a head start the engine did not claim (another reader, a fallback, an error)."""
    global _pending
    run, _pending = _pending, None
    if run is not None:
        log.debug("head start discarded: not claimed")
        run.stop()
