"""Vectorised type/constraint screens plus exact re-check of suspect cells.

Design: for every field a Polars *screen* recognises the cells it is certain the
reference accepts (a strict subset of the reference's grammar) and computes their
value; the constraint checks are then evaluated on those values, conservatively
(a near-boundary float is "suspect", not "valid").  Every cell that is not proven
valid -- a possible type error, a possible constraint failure, an exotic but
perhaps valid spelling such as " 7", "+7" or "٣" -- is re-checked by the
reference's own cell reader (``frictionless.Field.create_cell_reader``), which
yields the exact value and the exact notes.  So a screen may be too strict
(costs time) but must never be too lenient (would miss errors); the property
tests in ``tests/engine`` check that direction.

Keys: unique / primary-key / foreign-key checks compare *canonical key strings*
(``"7"`` for 7 and Decimal("7.00"), ISO day numbers for dates, UTC microseconds
for aware datetimes, ...), chosen so that two values are equal in Python iff
their keys are equal.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from .errors import UnsupportedSchema

if TYPE_CHECKING:  # not imported at run time: a head start builds plans before Frictionless loads
    import frictionless

NUMERIC_GROUP = {"integer", "number", "year"}
# cells kept per field by FieldPlan.read (~350 B each): enough for the values a file
# repeats (dates, codes), not a copy of a column whose every value is wrong
READ_CACHE_SIZE = 16_384
SUPPORTED_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "time", "year", "yearmonth"}
_EPOCH_NAIVE = dt.datetime(1970, 1, 1)
_EPOCH_AWARE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)

# --- strict screens (ASCII only; everything else goes to the exact re-check) ---
RE_INT = r"^(0|-?[1-9][0-9]{0,17})$"  # canonical spelling only: the cell is its own key
RE_DEC = r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$"
# a real calendar day: months with 31/30 days, February 28, and February 29 of leap
# years (a multiple of 4 that is not a century, or a century that is a multiple of
# 400); so a date needs no strptime unless its value is wanted.  Year 0000 is
# excluded separately (Python's dates start at year 1).
_CALENDAR_DAY = (
    r"(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:[02468][48]|[13579][26]|[2468]0)|(?:[02468][048]|[13579][26])00)-02-29)"
)
RE_DATE = "^" + _CALENDAR_DAY + "$"
RE_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
RE_DATETIME = "^" + _CALENDAR_DAY + "T" + RE_TIME + r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$"
RE_EMAIL = (
    r"^[0-9A-Za-z!#$%&'*+/=?^_`{}|~-]{1,30}(\.[0-9A-Za-z!#$%&'*+/=?^_`{}|~-]{1,30})?"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?\.){1,4}[A-Za-z]{2,20}$"
)
RE_URI = r"^[A-Za-z][A-Za-z0-9+.-]{0,15}:[\x21-\x7e]*$"
RE_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

# strptime directives we can screen exactly: directive -> (regex, polars directive)
_FMT_DIRECTIVES = {
    "Y": r"[1-9][0-9]{3}",
    "m": r"(0[1-9]|1[0-2])",
    "d": r"(0[1-9]|[12][0-9]|3[01])",
    "H": r"([01][0-9]|2[0-3])",
    "M": r"[0-5][0-9]",
    "S": r"[0-5][0-9]",
}


def _format_regex(fmt: str, allowed: set[str]) -> str | None:
    """Translate a strptime format into a strict regex, or None if unsupported."""
    out = ["^"]
    i = 0
    seen = set()
    while i < len(fmt):
        ch = fmt[i]
        if ch == "%":
            if i + 1 >= len(fmt) or fmt[i + 1] not in allowed:
                return None
            out.append(_FMT_DIRECTIVES[fmt[i + 1]])
            seen.add(fmt[i + 1])
            i += 2
            continue
        if ch.isspace() or (ch.isalnum() and not ch.isascii()):
            return None  # strptime treats whitespace loosely; keep exact path
        out.append(re.escape(ch))
        i += 1
    out.append("$")
    return "".join(out)


# --- canonical keys for Python values (the exact path) ---------------------------


def _canon_decimal_str(text: str) -> str:
    neg = text.startswith("-")
    body = text.lstrip("+-")
    ip, _, fp = body.partition(".")
    ip = ip.lstrip("0")
    fp = fp.rstrip("0")
    zero = not ip and not fp
    ip = ip or "0"
    s = ip + ("." + fp if fp else "")
    return s if (zero or not neg) else "-" + s


def py_key(ftype: str, value: Any, row_number: int = 0) -> str | None:
    """Canonical key of a value produced by the reference's value reader."""
    if value is None:
        return None
    if ftype == "string":
        return value
    if ftype in NUMERIC_GROUP:
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            value = Decimal(repr(value)) if math.isfinite(value) else Decimal(str(value))
        if value.is_nan():
            return f"nan#{row_number}#{id(value)}"  # NaN never equals anything
        if value.is_infinite():
            return "-inf" if value < 0 else "inf"
        return _canon_decimal_str(format(value, "f"))
    if ftype == "boolean":
        return "1" if value else "0"
    if ftype == "date":
        return value.isoformat()  # "YYYY-MM-DD": equal iff the dates are, ordered like them
    if ftype == "datetime":
        if value.tzinfo is not None and value.utcoffset() is not None:
            return "a" + str((value - _EPOCH_AWARE) // _US)
        return "n" + str((value - _EPOCH_NAIVE) // _US)
    if ftype == "time":
        us = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000
        us += value.microsecond
        off = value.utcoffset()
        if off is not None:
            return "a" + str(us - off // _US)
        return "n" + str(us)
    if ftype == "yearmonth":
        return f"{value.year}-{value.month}"
    raise UnsupportedSchema(f"no key for type {ftype}")


def _ordinal(ftype: str, value: Any) -> tuple[str, float | int] | None:
    """Comparable number for a constraint bound, tagged with awareness for datetimes."""
    if value is None:
        return None
    if ftype in ("integer", "year"):
        return ("n", int(value))
    if ftype == "number":
        return ("n", float(value))
    if ftype == "date":
        return ("n", value.isoformat())  # compared as text: ISO dates sort like dates
    if ftype in ("datetime", "time"):
        k = py_key(ftype, value)
        return (k[0], int(k[1:]))
    if ftype == "yearmonth":
        return ("n", value.year * 100 + value.month)
    return None


# --- the per-field plan ----------------------------------------------------------


@dataclass
class FieldPlan:
    field: frictionless.Field
    index: int  # 0-based column position
    missing_values: list[str]
    need_key: bool = False
    python_all: bool = False  # no screen: every non-missing cell goes to the exact path
    reason: str | None = None
    reader: Any = None
    value_reader: Any = None
    enum_keys: list[str] | None = None
    bounds: list[tuple[str, str, tuple]] = field(default_factory=list)
    pattern_rx: str | None = None
    pattern_python_all: bool = False

    _cache: dict = field(default_factory=dict)

    def read(self, raw: str) -> tuple[Any, dict | None]:
        """The reference's cell reader, memoised (it is a pure function of the text).

        The notes dict is shared by every cell with the same text: do not modify it."""
        hit = self._cache.get(raw)
        if hit is None:
            try:
                value, notes = self.reader(raw)
            except TypeError:
                value, notes = self._read_incomparable(raw)
            # the same note text for many cells (e-mails, say) is kept once: a big file's
            # errors can hold millions of them
            hit = (value, {name: sys.intern(note) for name, note in notes.items()} if notes else None)
            if len(self._cache) < READ_CACHE_SIZE:
                self._cache[raw] = hit
        return hit  # shared between calls: callers only read the notes

    def _read_incomparable(self, raw: str) -> tuple[Any, dict | None]:
        """The reference raises TypeError comparing an aware datetime/time with a naive
        bound (or vice versa) and aborts the whole validation.  Decision: report a
        constraint-error for that bound instead (see docs/engine.md)."""
        import operator

        value = self.value_reader(raw)
        notes: dict[str, str] = {}
        cons = self.field.constraints
        ops = {
            "minimum": operator.ge,
            "maximum": operator.le,
            "exclusiveMinimum": operator.gt,
            "exclusiveMaximum": operator.lt,
        }
        for name in self.field.supported_constraints:
            if cons.get(name) is None or name not in ops:
                continue
            try:
                good = ops[name](value, self.value_reader(cons[name]))
            except TypeError:
                good = False
            if not good:
                notes[name] = f'constraint "{name}" is "{cons[name]}"'
        return value, notes or None

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def type(self) -> str:
        return self.field.type


def _field_missing_values(fld: frictionless.Field, schema: frictionless.Schema) -> list[str]:
    if fld.has_defined("missing_values") or not schema:
        return list(fld.missing_values)
    return list(schema.missing_values)


_SAFE_ESCAPES = set(".-+*?()[]{}|^$\\/ ")


def translate_pattern(pattern: str) -> str | None:
    """Rust-regex screen for a Python ``re.match('^' + p + '$')`` constraint.

    The result only matches strings the Python pattern matches: ``\\d`` becomes
    ``[0-9]``, ``$`` becomes end-of-text (Python's ``$`` also accepts a trailing
    newline; such cells fall to the exact path), and anything outside a small
    well-understood subset returns ``None`` (the whole column goes to Python).
    """
    if not pattern.isascii() or "(?" in pattern:
        return None
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= len(pattern):
                return None
            nxt = pattern[i + 1]
            if nxt == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif nxt in _SAFE_ESCAPES:
                out.append("\\" + nxt)
            else:
                return None
            i += 2
            continue
        if ch == "[":
            if in_class:
                out.append("\\[")
            else:
                in_class = True
                out.append("[")
                if pattern[i + 1 : i + 2] == "^":
                    out.append("^")
                    i += 1
                if pattern[i + 1 : i + 2] == "]":
                    out.append("\\]")
                    i += 1
            i += 1
            continue
        if ch == "]" and in_class:
            in_class = False
        elif in_class and ch in "&~-" and pattern[i + 1 : i + 2] == ch:
            return None  # rust class set operations
        elif ch == "{" and not in_class and not re.match(r"\{\d+(,\d*)?\}", pattern[i:]):
            return None  # python treats it literally, rust errors
        out.append(ch)
        i += 1
    if in_class:
        return None
    rx = r"\A(?:^" + "".join(out) + r"$)\z"
    try:
        pl.Series(["x"]).str.contains(rx)
    except Exception:
        return None
    return rx


def build_plan(fld: frictionless.Field, index: int, schema: frictionless.Schema) -> FieldPlan:
    """The plan of a field as Frictionless read it, with the reference's own readers."""
    if fld.type not in SUPPORTED_TYPES:
        raise UnsupportedSchema(f'field "{fld.name}" has unsupported type "{fld.type}"')
    for name in fld.constraints:
        if name not in fld.supported_constraints and name != "unique":
            raise UnsupportedSchema(f'field "{fld.name}": constraint "{name}" unsupported')
    missing_values = _field_missing_values(fld, schema)
    if fld.type == "string" and fld.format == "uri":
        plan = screen_plan(fld, index, missing_values, uri_value)
        plan.reader = _uri_cell_reader(fld, missing_values)
    else:
        plan = screen_plan(fld, index, missing_values, fld.create_value_reader())
        plan.reader = fld.create_cell_reader()
    return plan


# The reference's uri is rfc3986's parser with one rule, "a scheme is present", and
# that parser finds a scheme exactly when the text starts with one and a colon (its
# URL_PARSING_RE; the authority, path, query and fragment always match, and no other
# component is validated).  Importing rfc3986 costs ~40 ms (it compiles its grammar):
# a third of what a file's first bad link added to a run.  tests/engine compares
# the two on every spelling of the workload and of the fuzzer.
URI_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def uri_value(cell: Any) -> str | None:
    """The reference's uri value reader, without rfc3986."""
    return cell if isinstance(cell, str) and URI_SCHEME.match(cell) and _encodes(cell) else None


def _encodes(text: str) -> bool:
    """rfc3986 encodes the path as UTF-8: a lone surrogate makes the reference raise, so
    such a cell is left to the reference itself."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _uri_cell_reader(fld: frictionless.Field, missing_values: list[str]) -> Callable[[str], tuple]:
    """The reference's cell reader of a uri field: a plain string's (the same missing
    values and constraints) once the scheme is there, the type note when it is not."""
    plain = fld.to_copy()
    plain.format = "default"
    plain.missing_values = missing_values  # a copy has no schema to take them from
    plain_reader = plain.create_cell_reader()
    type_note = f'type is "{fld.type}/{fld.format}"'

    def read(raw: str | None) -> tuple[Any, dict | None]:
        if not isinstance(raw, str) or not _encodes(raw):  # None: a short row's missing cell
            return fld.create_cell_reader()(raw)
        if raw in missing_values or URI_SCHEME.match(raw):
            return plain_reader(raw)
        return None, {"type": type_note}

    return read


def screen_plan(
    fld: Any, index: int, missing_values: list[str], value_reader: Callable[[Any], Any]
) -> FieldPlan:
    """What the screens of a field need: ``fld`` has a Frictionless field's attributes
    (``type``, ``format``, ``constraints``, ...) and ``value_reader`` reads the values of
    its enum and bounds.  No cell reader: ``build_plan`` adds the reference's."""
    plan = FieldPlan(fld, index, missing_values)
    plan.value_reader = value_reader
    t, fmt = fld.type, fld.format
    if t == "string" and fmt not in ("default", "email", "uri", "uuid"):
        plan.python_all, plan.reason = True, f"string format {fmt}"
    if t in ("integer", "number") and not getattr(fld, "bare_number", True):
        plan.python_all, plan.reason = True, "bareNumber false"
    if t == "number" and getattr(fld, "float_number", False):
        plan.python_all, plan.reason = True, "floatNumber"
    if t == "number" and (len(fld.decimal_char) != 1 or len(fld.group_char) > 1):
        plan.python_all, plan.reason = True, "multi-char decimalChar/groupChar"
    if t in ("date", "datetime", "time") and fmt != "default":
        allowed = {"date": {"Y", "m", "d"}, "datetime": set(_FMT_DIRECTIVES), "time": {"H", "M", "S"}}[t]
        if fmt == "any" or _format_regex(fmt, allowed) is None:
            plan.python_all, plan.reason = True, f"{t} format {fmt}"
    if t == "boolean":
        plan.python_all = False
    cons = fld.constraints
    if "enum" in cons:
        plan.enum_keys = [k for v in cons["enum"] if (k := py_key(t, plan.value_reader(v))) is not None]
    for name, op in (
        ("minimum", "ge"),
        ("maximum", "le"),
        ("exclusiveMinimum", "gt"),
        ("exclusiveMaximum", "lt"),
    ):
        if cons.get(name) is not None:
            bound = _ordinal(t, plan.value_reader(cons[name]))
            if bound is None:
                plan.python_all, plan.reason = True, f"unparsable {name}"
            else:
                plan.bounds.append((name, op, bound))
    if cons.get("pattern") is not None:
        rx = translate_pattern(str(cons["pattern"]))
        if rx is None:
            plan.pattern_python_all = True
        plan.pattern_rx = rx
    return plan


# --- vectorised expressions -------------------------------------------------------


def _screen(plan: FieldPlan, c: pl.Expr) -> tuple[pl.Expr, pl.Expr | None, pl.Expr | None]:
    """Return (ok, ordinal value for bounds or None, canonical key expr or None)."""
    fld, t = plan.field, plan.type
    if t == "string":
        rx = {"email": RE_EMAIL, "uri": RE_URI, "uuid": RE_UUID}.get(fld.format)
        ok = c.str.contains(rx) if rx else pl.lit(True)
        return ok, None, c
    if t == "boolean":
        tv, fv = list(fld.true_values), list(fld.false_values)
        ok = c.is_in(tv + fv)
        key = pl.when(c.is_in(tv)).then(pl.lit("1")).otherwise(pl.lit("0"))
        return ok, None, key
    if t == "integer":  # "007", "+7", "-0": valid, but not str(int): the exact path keys them
        return c.str.contains(RE_INT), c.cast(pl.Int64, strict=False), c
    if t == "year":
        return c.str.contains(r"^[1-9][0-9]{3}$"), c.cast(pl.Int64, strict=False), c
    if t == "yearmonth":
        ok = c.str.contains(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
        y = c.str.slice(0, 4).cast(pl.Int64, strict=False)
        m = c.str.slice(5, 2).cast(pl.Int64, strict=False)
        return ok, y * 100 + m, pl.concat_str([y.cast(pl.String), m.cast(pl.String)], separator="-")
    if t == "number":
        s = c
        if fld.group_char:
            s = s.str.replace_all(fld.group_char, "", literal=True)
        ok = pl.lit(True)
        if fld.decimal_char != ".":
            ok = ~s.str.contains(".", literal=True)
            s = s.str.replace_all(fld.decimal_char, ".", literal=True)
        ok = ok & s.str.contains(RE_DEC)
        v = s.cast(pl.Float64, strict=False)
        neg = s.str.starts_with("-")
        ip = s.str.extract(r"^-?0*([0-9]*)", 1)
        fp = s.str.extract(r"\.([0-9]*[1-9])", 1)
        zero = (ip == "") & fp.is_null()
        body = pl.concat_str(
            [
                pl.when(ip == "").then(pl.lit("0")).otherwise(ip),
                pl.when(fp.is_null()).then(pl.lit("")).otherwise("." + fp),
            ]
        )
        key = pl.when(neg & ~zero).then("-" + body).otherwise(body)
        return ok, v, key
    if t == "date":
        # value and key are the ISO text (see py_key): the cell itself in the default format
        if fld.format == "default":
            ok = c.str.contains(RE_DATE) & ~c.str.starts_with("0000")
            return ok, c, c
        d = c.str.strptime(pl.Date, fld.format, strict=False)
        ok = c.str.contains(_format_regex(fld.format, {"Y", "m", "d"})) & d.is_not_null()
        iso = d.dt.to_string("%Y-%m-%d")
        return ok, iso, iso
    if t == "datetime":
        if fld.format == "default":
            # the calendar regex proves the cell valid; strptime only for a wanted value
            ok = c.str.contains(RE_DATETIME) & ~c.str.starts_with("0000")
            naive = c.str.slice(0, 19).str.strptime(pl.Datetime("us"), "%Y-%m-%dT%H:%M:%S", strict=False)
            tail = c.str.slice(19)
            sign = pl.when(tail.str.starts_with("-")).then(-1).otherwise(1)
            off = (
                pl.when((tail == "") | (tail == "Z"))
                .then(0)
                .otherwise(
                    sign
                    * (
                        tail.str.slice(1, 2).cast(pl.Int64, strict=False) * 60
                        + tail.str.slice(4, 2).cast(pl.Int64, strict=False)
                    )
                )
            )
            aware = tail != ""
        else:
            naive = c.str.strptime(pl.Datetime("us"), fld.format, strict=False)
            ok = c.str.contains(_format_regex(fld.format, set(_FMT_DIRECTIVES))) & naive.is_not_null()
            off, aware = pl.lit(0), pl.lit(False)
        us = naive.cast(pl.Int64) - off * 60_000_000
        tag = pl.when(aware).then(pl.lit("a")).otherwise(pl.lit("n"))
        return ok, pl.struct(tag.alias("t"), us.alias("v")), pl.concat_str([tag, us.cast(pl.String)])
    if t == "time":
        if fld.format == "default":
            rx, pfmt = "^" + RE_TIME + "$", "%H:%M:%S"
        else:
            rx, pfmt = _format_regex(fld.format, {"H", "M", "S"}), fld.format
        tm = c.str.strptime(pl.Time, pfmt, strict=False)
        ok = c.str.contains(rx) & tm.is_not_null()
        us = tm.cast(pl.Int64) // 1000
        return (
            ok,
            pl.struct(pl.lit("n").alias("t"), us.alias("v")),
            pl.concat_str([pl.lit("n"), us.cast(pl.String)]),
        )
    raise UnsupportedSchema(t)


_OPS = {"ge": "__ge__", "le": "__le__", "gt": "__gt__", "lt": "__lt__"}


def missing_expr(plan: FieldPlan, c: pl.Expr) -> pl.Expr:
    """Whether a cell is one of the field's missing values (usually just "")."""
    if len(plan.missing_values) == 1:
        return c == plan.missing_values[0]
    return c.is_in(plan.missing_values) if plan.missing_values else pl.lit(False)


def field_exprs(plan: FieldPlan, col: str) -> list[pl.Expr]:
    """Expressions producing ``m<i>`` (missing), ``s<i>`` (suspect), ``k<i>`` (key)."""
    c = pl.col(col)
    i = plan.index
    missing = missing_expr(plan, c)
    required = bool(plan.field.constraints.get("required"))
    out = [missing.alias(f"m{i}")]
    if plan.python_all:
        suspect = (~missing | missing) if required else ~missing
        out.append(suspect.alias(f"s{i}"))
        if plan.need_key:
            out.append(pl.lit(None, dtype=pl.String).alias(f"k{i}"))
        return out
    ok, val, key = _screen(plan, c)
    good = ok
    if plan.type == "string":
        cons = plan.field.constraints
        if cons.get("minLength") is not None or cons.get("maxLength") is not None:
            n = c.str.len_chars()
            if cons.get("minLength") is not None:
                good = good & (n >= int(cons["minLength"]))
            if cons.get("maxLength") is not None:
                good = good & (n <= int(cons["maxLength"]))
        if plan.pattern_python_all:
            good = pl.lit(False)
        elif plan.pattern_rx is not None:
            good = good & c.str.contains(plan.pattern_rx)
    if plan.enum_keys is not None:
        good = good & key.is_in(plan.enum_keys)
    for _name, op, (tag, bound) in plan.bounds:
        if plan.type == "number":
            tol = 1e-9 * max(1.0, abs(bound))
            b = bound + tol if op in ("ge", "gt") else bound - tol
            good = good & getattr(val, _OPS[op])(b)
        elif plan.type in ("datetime", "time"):
            good = good & (val.struct.field("t") == tag) & getattr(val.struct.field("v"), _OPS[op])(bound)
        else:
            good = good & getattr(val, _OPS[op])(bound)
    suspect = ~missing & ~good.fill_null(False)
    if required:
        suspect = suspect | missing
    out.append(suspect.alias(f"s{i}"))
    if plan.need_key:
        out.append(pl.when(missing | ~ok.fill_null(False)).then(None).otherwise(key).alias(f"k{i}"))
    return out


def keeps_raw(plan: FieldPlan) -> bool:
    """Whether ``str(value)`` cannot be rebuilt from the canonical key (then the raw text
    of every row is kept for the key field; otherwise only the key is kept)."""
    return plan.type in ("number", "datetime", "time")


@dataclass
class ScreenQuery:
    """What Polars computes for each batch of a scan, and the columns the scan reads."""

    active: list[FieldPlan]  # the fields screened (s<i>: the cell needs the exact re-check)
    key_columns: list[str]  # k<i> canonical keys and r<i> raw cells of the key fields
    evaluate: Callable[[pl.LazyFrame], pl.LazyFrame]


def screen_query(plans: list[FieldPlan], check: bool) -> ScreenQuery:
    """The screens of ``plans`` as one query over a batch of raw cells (``c<i>``, ``_row``).

    ``check=False`` only computes the key fields' keys (``FieldPlan.need_key``)."""
    active = plans if check else [p for p in plans if p.need_key]
    key_plans = [p for p in plans if p.need_key]
    exprs = [e for p in active for e in field_exprs(p, f"c{p.index}")]
    blank_expr = (
        pl.all_horizontal([missing_expr(p, pl.col(f"c{p.index}")) for p in plans]) if check else pl.lit(False)
    )
    scols = [f"s{p.index}" for p in active]
    key_cols = [
        *[pl.col(f"k{p.index}") for p in key_plans],
        *[pl.col(f"c{p.index}").alias(f"r{p.index}") for p in key_plans if keeps_raw(p)],
    ]

    def evaluate(lf: pl.LazyFrame) -> pl.LazyFrame:
        """Only what the scan reads: the row, the suspect flag, keys, raw cells and flags."""
        suspect = pl.any_horizontal(*scols, "_blank") if scols else pl.col("_blank")
        return (
            lf.with_columns(*exprs, blank_expr.alias("_blank"))
            .with_columns(suspect.alias("_suspect"))
            .select("_row", "_suspect", "_blank", *key_cols, *scols, *[f"c{p.index}" for p in active])
        )

    return ScreenQuery(active, [c.meta.output_name() for c in key_cols], evaluate)
