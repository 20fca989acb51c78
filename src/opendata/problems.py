"""A problem found in the data: what, where, and how to fix it, in two languages."""

from __future__ import annotations

import functools
import heapq
import itertools
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import NamedTuple, Protocol

from opendata.messages import (
    FILE_KINDS,
    LOOKALIKE_LETTERS,
    SUCH_AS_COLUMN,
    SUGGESTION,
    bound_reason,
    counted,
    descriptor_reason,
    json_reason,
    key_values,
    month_days,
    neuter_ordinal,
    render,
    type_phrase,
)
from opendata.suggest import (
    Meant,
    allowed_value,
    boolean_value,
    month_without_the_day,
    pattern_value,
    suggestion,
)
from opendata.text import foreign_letters, is_cyrillic


class PartRow(NamedTuple):
    """A row of a multipart table in the part that holds it: the problem's ``row`` is
    Frictionless', of the stream of the parts, a number in no file the clerk opens."""

    path: str
    row: int


@dataclass(slots=True)  # no per-instance __dict__: a report can hold millions of problems
class Problem:
    code: str
    severity: str = "error"  # or "warning"
    resource: str | None = None
    path: str | None = None
    row: int | None = None
    field: str | None = None
    cell: str | None = None
    params: dict = dataclass_field(default_factory=dict)  # may be shared by many problems: read only
    part: PartRow | None = None  # the row in its part, of a multipart table

    def render(self, lang: str, *, short: bool = False) -> tuple[str, str]:
        """(message, fix); ``short``: with the cell and the value meant as a text report
        shows them (`shown_cell`), where JSON keeps them whole."""
        return self._render_with(lang, self.meant(), short=short)

    def _render_with(self, lang: str, meant: Meant | None, *, short: bool = False) -> tuple[str, str]:
        shown = functools.partial(shown_cell, lang=lang) if short else lambda text: text
        # a unique value's message quotes it as written, where the JSON's cell is Frictionless'
        message, fix = self._rendered(lang, shown(self.params.get("written", self.cell)))
        if not meant:
            return message, fix
        letters = _foreign_letters(self.cell, meant.value) if meant.lookalikes else []
        value = shown(meant.value)
        if not letters:
            return message, f"{fix} {SUGGESTION[lang]['value'].format(value=value)}"
        alphabet = "cyrillic" if is_cyrillic(letters[0]) else "latin"
        words = SUGGESTION[lang][f"{alphabet}_letter{'s' if len(letters) > 1 else ''}"]
        return message, f"{fix} {words.format(value=value, letters=', '.join(f'«{x}»' for x in letters))}"

    @property
    def kind(self) -> str:
        """Which message the problem gets: its code, or a variant of it (a constraint
        error's constraint, "constraint-error:enum", a date's day its month does not have,
        "type-error:no-such-day", an empty cell the missingValues do not name, "type-error:empty",
        or the ``variant`` its params name: "primary-key:blank"
        for a key left empty, "wrong-encoding:mixed")."""
        if self.code == "constraint-error" and self.params.get("constraint"):
            return f"constraint-error:{self.params['constraint']}"
        if self._month_without_the_day():
            return "type-error:no-such-day"
        if self.code == "type-error" and self.cell == "" and "missing_values" in self.params:
            return "type-error:empty"  # the schema's missingValues leave out the empty cell
        if self.params.get("variant"):
            return f"{self.code}:{self.params['variant']}"
        return self.code

    def suggestion(self) -> str | None:
        """The value the cell was probably meant to be (`meant`)."""
        meant = self.meant()
        return meant.value if meant else None

    def meant(self) -> Meant | None:
        """The value the cell was probably meant to be (``suggest``): for a type error,
        its spelling; for an enum or a pattern, the value allowed; for a foreign key, the
        key found beside it (``KeyGuesser``); and whether look-alike letters were read as
        one to find it (an enum's values and a key are always found so)."""
        params = self.params
        if self.code == "type-error" and self.cell is not None:
            if "true_values" in params:
                return _plain(boolean_value(params["true_values"], params["false_values"], self.cell))
            notation = params.get("decimal_char", "."), params.get("group_char", "")
            field_type, field_format = params.get("field_type", ""), params.get("field_format")
            return _plain(suggestion(field_type, field_format, self.cell, *notation))
        if self.kind == "constraint-error:enum" and self.cell is not None:
            labels = tuple((params.get("labels") or {}).items())
            value = allowed_value(tuple(params.get("limit") or ()), self.cell, labels)
            return Meant(value, lookalikes=True) if value else None
        if self.kind == "constraint-error:pattern" and self.cell is not None and params.get("limit"):
            return pattern_value(str(params["limit"]), self.cell)
        value = params.get("suggestion")
        return Meant(value, lookalikes=self.code == "foreign-key") if value else None

    def _month_without_the_day(self) -> tuple[int, int] | None:
        """The year and month of a date or datetime cell whose day that month does not have
        («31.09.2021»: September 2021)."""
        field_type = self.params.get("field_type")
        if self.code != "type-error" or self.cell is None or field_type not in ("date", "datetime"):
            return None
        return month_without_the_day(self.params.get("field_format"), self.cell, field_type)

    def _rendered(self, lang: str, cell: str | None) -> tuple[str, str]:
        if self.code not in SHARED_PARAMS or self._month_without_the_day():  # a message of the cell's own
            return self._render(lang, self.row, cell)
        # the messages of a field's type or constraint errors differ only in row and cell
        key = (id(self.params), self.code, lang, self.resource, self.path, self.field)
        hit = _TEMPLATES.get(key)
        if hit is None or hit[0] is not self.params:  # a new dict at a freed one's address
            if len(_TEMPLATES) >= _MAX_TEMPLATES:
                _TEMPLATES.clear()
            message, fix = self._render(lang, _Placeholder("row"), _Placeholder("cell"))
            hit = _TEMPLATES[key] = (self.params, message, fix)
        return hit[1].format(row=self.row, cell=cell), hit[2].format(row=self.row, cell=cell)

    def _render(self, lang: str, row: object, cell: object) -> tuple[str, str]:
        params = {
            "resource": self.resource,
            "path": self.path,
            "row": row,
            "field": self.field,
            "cell": cell,
            **self.params,
        }
        code = self.kind
        if self.code == "type-error":
            field_type, field_format = params.get("field_type", ""), params.get("field_format")
            booleans = (params["true_values"], params["false_values"]) if "true_values" in params else None
            shapes = {
                "booleans": booleans,
                "delimiter": params.get("delimiter", ","),
                "item_type": params.get("item_type"),
            }
            params["expected"] = type_phrase(lang, field_type, field_format, **shapes)
            params["expected_fix"] = type_phrase(lang, field_type, field_format, in_fix=True, **shapes)
        if code == "type-error:no-such-day":
            params["month_days"] = month_days(*self._month_without_the_day(), lang)
        if code in ("constraint-error:minLength", "constraint-error:maxLength") and isinstance(
            params.get("limit"), int
        ):
            unit = "characters"
            if params.get("field_type") in ITEMS_COUNTED:
                code, unit = f"{code}:items", "items"
            params[unit] = counted(params["limit"], lang, unit)
            params[f"{unit}_after_to"] = counted(params["limit"], lang, f"{unit}_after_to")
        if "key_parts" in params:
            params["key_values"] = key_values(params["key_parts"], lang)
        if code == "column-moved":
            params["expected_place"] = neuter_ordinal(params["expected"], lang)
        if code == "incorrect-label:lookalike":
            letters = params["letters"]
            words = LOOKALIKE_LETTERS[lang][len(letters) > 1]
            params["letters"] = words.format(letters=", ".join(f"«{letter}»" for letter in letters))
        if code.startswith("extra-cells"):
            text_field = params.get("text_field")
            params["such_as"] = SUCH_AS_COLUMN[lang].format(field=text_field) if text_field else ""
        if self.code == "binary-file":
            params["kind_words"] = FILE_KINDS[lang].get(params.get("kind"), params.get("kind"))
        if code == "descriptor-not-json" and "detail" in params:
            params["detail"] = json_reason(params["detail"], lang)
        if code == "constraint-error:pattern" and params.get("example"):
            code += ":example"  # what to write, not only the regular expression
        if code == "schema-bound":
            params["detail"] = "; ".join(bound_reason(bound, lang) for bound in params["bounds"])
        if code in ("descriptor-invalid", "schema-invalid") and "reasons" in params:
            params["detail"] = "; ".join(descriptor_reason(reason, lang) for reason in params["reasons"])
            if all(r.startswith('constraint "') for r in params["reasons"]):
                code += ":constraints"  # the fix is about them, not the schema's «fields» or the spec
        if code == "constraint-error:enum" and lang == "uk" and params.get("labels"):
            # the codes with the words an officer knows them by: "done (виконано)"
            labels = params["labels"]
            params["allowed"] = ", ".join(
                f"{value} ({labels[value]})" if value in labels else value
                for value in map(str, params.get("limit") or [])
            )
        if isinstance(cell, _Placeholder):  # a template: every other value's braces are text
            params = {k: v if isinstance(v, _Placeholder) else _Escaped(v) for k, v in params.items()}
        return render(code, lang, params)

    def to_dict(self, lang: str) -> dict:
        meant = self.meant()
        message, fix = self._render_with(lang, meant)
        data = {  # spelled out, not asdict(): a report may hold half a million problems
            "type": self.code,
            "severity": self.severity,
            "resource": self.resource,
            "path": self.path,
            "row": self.row,
            "field": self.field,
            "cell": self.cell,
            "message": message,
            "fix": fix,
        }
        if "constraint" in self.params:
            data["constraint"] = self.params["constraint"]
        if meant:
            data["suggestion"] = meant.value
        if self.part is not None:
            data["part"] = self.part._asdict()
        return data


CELL_SHOWN = 80  # characters of a cell a text report shows


def shown_cell(text: str | None, lang: str) -> str | None:
    """A cell as a text report shows it: its line breaks as «⏎», other control characters
    as their symbols (`without_controls`), and past ``CELL_SHOWN`` characters cut, with its
    length («… (200 000 символів)»): a cell of a whole text was printed whole, 100,000
    lines for three errors."""
    if text is None:
        return None
    shown = without_controls(text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎"))
    if len(shown) <= CELL_SHOWN:
        return shown
    return f"{shown[:CELL_SHOWN]}… ({counted(len(text), lang, 'characters')})"


def _control_symbol(code: int) -> str:
    """A control character's symbol: U+2400's block pictures C0 and DEL, not C1."""
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"<U+{code:04X}>"


# control characters but tab and line break (C0, DEL, C1), as their symbols
CONTROL_SYMBOLS = {
    code: _control_symbol(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\t\n"
}


def without_controls(text: str) -> str:
    """TEXT with the control characters a terminal would run shown as symbols («␛», or
    «<U+009B>»): printed raw from a cell or a column's name, they coloured the terminal or
    set its window's title."""
    return text.translate(CONTROL_SYMBOLS)


def _plain(value: str | None) -> Meant | None:
    """A value meant found without reading look-alike letters as one."""
    return Meant(value) if value else None


@functools.lru_cache(maxsize=1024)
def _foreign_letters(cell: str | None, suggested: str) -> list[str]:
    """The cell's letters from the other alphabet than the value meant's, which the fix
    names: on screen «dоne» with a Cyrillic «о» is done, and the error is not seen."""
    return foreign_letters(cell, suggested) if cell else []


# the types whose minLength and maxLength count items, not characters
ITEMS_COUNTED = frozenset({"list", "array"})
# codes whose problems share one params dict per field and kind (validate._problem_from
# makes them so): their messages are rendered once as templates of the row and the cell
SHARED_PARAMS = frozenset({"type-error", "constraint-error"})
_TEMPLATES: dict[tuple, tuple[dict, str, str]] = {}
_MAX_TEMPLATES = 4_096


class _Placeholder(str):
    """``{name}`` in a template, filled per problem."""

    def __new__(cls, name: str) -> _Placeholder:
        return super().__new__(cls, "{" + name + "}")


class _Escaped(str):
    """A value written into a template, its braces doubled so ``format`` keeps them."""

    def __new__(cls, value: object) -> _Escaped:
        return super().__new__(cls, str(value).replace("{", "{{").replace("}", "}}"))


class ProblemSource(Sized, Protocol):
    """Problems made while they are read (a table's, from the engine's errors): all
    errors, re-iterable, in row order (the header's first), counted without being made."""

    path: str | None  # the table's file

    def __iter__(self) -> Iterator[Problem]: ...


def _row_order(problem: Problem) -> int:
    """Where a problem stands in its file: the file's and the header's (no row) first."""
    return problem.row or 0


class RowMerged:
    """A table's problems (a ``ProblemSource``) with a few found apart (a row's cause, the
    plan's rules) merged into row order as they are read: the source's, maybe millions
    spilled to disk, are neither held nor sorted.  ``leading``: each found one before the
    source's of its row (the cause before what follows from it), else after them."""

    def __init__(self, source: ProblemSource, found: list[Problem], *, leading: bool = False) -> None:
        self.source = source
        self.path = source.path
        self.found = sorted(found, key=_row_order)  # stable: a row's keep their order
        self.leading = leading

    def __iter__(self) -> Iterator[Problem]:
        parts = (self.found, self.source) if self.leading else (self.source, self.found)
        return heapq.merge(*parts, key=_row_order)  # stable: a row's from the first part first

    def __len__(self) -> int:
        return len(self.source) + len(self.found)

    def of(self, severity: str) -> RowMerged | list[Problem]:
        """Only the errors, or only the warnings (the source's are all errors)."""
        found = [p for p in self.found if p.severity == severity]
        return RowMerged(self.source, found, leading=self.leading) if severity == "error" else found


class ProblemLog:
    """A report's problems: each file's in the order found, a table's in row order.

    Problems found one by one are kept as objects; a table's problems are a
    ``ProblemSource``, made each time they are read, because a big file can have
    millions (kept on disk by the engine).  Iterate, count and index it like a list."""

    def __init__(self, parts: list[list[Problem] | ProblemSource] | None = None) -> None:
        self._parts: list[list[Problem] | ProblemSource] = parts if parts is not None else []

    def append(self, problem: Problem) -> None:
        if not self._parts or not isinstance(self._parts[-1], list):
            self._parts.append([])
        self._parts[-1].append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def add_source(self, source: ProblemSource) -> None:
        self._parts.append(source)

    def merge(self, problems: Iterable[Problem]) -> None:
        """Add problems found after the tables' (the plan's rules') in their rows' places
        among their table's: a clerk working down the sheet meets each in its row.  Those
        of a file with no table's problems are added at the end."""
        by_path: dict[str | None, list[Problem]] = {}
        for problem in problems:
            by_path.setdefault(problem.path, []).append(problem)
        for index, part in enumerate(self._parts):
            if not isinstance(part, list) and part.path in by_path:
                self._parts[index] = RowMerged(part, by_path.pop(part.path))
        for rest in by_path.values():
            self.extend(rest)

    def of(self, severity: str) -> ProblemLog:
        """Only the errors, or only the warnings (a source's problems are all errors)."""
        return ProblemLog([kept for part in self._parts if (kept := _of(part, severity)) is not None])

    def __iter__(self) -> Iterator[Problem]:
        return itertools.chain.from_iterable(self._parts)

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts)

    def __bool__(self) -> bool:
        return any(len(part) for part in self._parts)

    def __getitem__(self, index: int) -> Problem:
        if index < 0:
            index += len(self)
        found = next(itertools.islice(self, index, None), None) if index >= 0 else None
        if found is None:
            raise IndexError(index)
        return found


def _of(part: list[Problem] | ProblemSource, severity: str) -> list[Problem] | ProblemSource | None:
    """A part's problems of the severity; None for a source's, all errors, when warnings."""
    if isinstance(part, list):
        return [p for p in part if p.severity == severity]
    if isinstance(part, RowMerged):
        return part.of(severity)
    return part if severity == "error" else None
