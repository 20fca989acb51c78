"""What a wrongly written cell probably meant, for the fix of its error.

The cells an officer types into a spreadsheet are written the way Ukrainian
documents write them: "15.06.2021" for a date, "1 200" for a count, "3,5" for a
number, "www.kolomyia.gov.ua" for a link, "Done" for done, "так" or Excel's "ІСТИНА"
for true, a person's name where the table wants the person's id.  Where the value
meant is unambiguous, the fix names it ("Імовірно, «2021-06-15»"); where it is not
(a date that is no calendar day, a word, a name two people share), there is no
suggestion.

Only a field's default format is guessed: a field with a format of its own
("%d.%m.%Y") declares what it wants, and its fix says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from opendata.text import fold_lookalikes, one_apostrophe

if TYPE_CHECKING:
    import frictionless

# digits are ASCII ones (re.ASCII): a suggestion is written as the field wants it
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)  # 2021-06-15
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", re.ASCII)  # 15.06.2021, 5/6/2021
_DAY_FIRST_SHORT = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{2})", re.ASCII)  # 15.06.21: this century
_MIDNIGHT = re.compile(r"[ T]0{1,2}:00(?::00(?:\.0+)?)?", re.ASCII)  # a spreadsheet's date cell: 00:00:00
# 1500.0 as a spreadsheet writes a whole number, 1200,00 as a Ukrainian one does
_WHOLE = re.compile(r"(-?\d+)(?:([.,])(0+))?", re.ASCII)
# a quarter as people write it: «Q2 2021», «2021 Q2», «II квартал 2021», «2 кв. 2021 р.»
_QUARTER_NUMBER = r"(?P<q>[1-4]|I{1,3}|IV|І{1,3}|ІV)"
_YEAR_WORD = r"(?:\s*(?:Р\.?|РОКУ|РІК))?"
_QUARTERS = (
    re.compile(rf"(?:Q|КВ\.?|КВАРТАЛ)\s*{_QUARTER_NUMBER}\W*(?P<y>\d{{4}}){_YEAR_WORD}"),
    re.compile(rf"{_QUARTER_NUMBER}\s*[-–]?\s*(?:Q|КВ\.?|КВАРТАЛ\w*)\W*(?P<y>\d{{4}}){_YEAR_WORD}"),
    re.compile(rf"(?P<y>\d{{4}}){_YEAR_WORD}\W*(?:Q|КВ\.?|КВАРТАЛ)\s*{_QUARTER_NUMBER}"),
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_YEAR_FIRST = re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})", re.ASCII)  # 2021.06.15, 2021/06/15
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)
_MONTH_YEAR = re.compile(r"(?P<month>\d{1,2})[./](?P<year>\d{4})", re.ASCII)  # 06.2021
_YEAR_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})", re.ASCII)  # 2021-06, with spaces around
# group separators in numbers: space, no-break space, narrow no-break space, apostrophe
_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f'](?=\d{3}(?:\D|$))", re.ASCII)
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
_ONE_GROUP = re.compile(r"-?\d{1,3}[.,]\d{3}", re.ASCII)  # «1,000», «12.500»: a group or a decimal mark
CODE_MAX_LENGTH = 40  # a code longer than this is a text, whose case is its own (`_is_code`)
_BARE_HOST = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-zа-яіїєґ]{2,}(?:[/?#]\S*)?", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # a file repeats its wrong spellings; a report may hold millions
def suggestion(
    field_type: str, field_format: str | None, cell: str, decimal_char: str = ".", group_char: str = ""
) -> str | None:
    """The value the cell was probably meant to be, written as the field wants it (a
    number with the field's ``decimal_char``; ``group_char`` is the field's own too)."""
    if field_format not in (None, "", "default") and not (field_type == "string" and field_format == "uri"):
        return None
    text = cell.strip()
    if field_type == "date":
        day = day_meant(_date_text(text))
        return day.isoformat() if day else None
    if field_type == "datetime":
        return _datetime(text)
    if field_type == "yearmonth":
        match = _MONTH_YEAR.fullmatch(text) or _YEAR_MONTH.fullmatch(text)
        if match and 1 <= int(match["month"]) <= 12:
            return f"{match['year']}-{int(match['month']):02d}"
        return None
    if field_type == "integer":
        return _integer(text, cell, decimal_char, group_char)
    if field_type == "number":
        return _number(text, cell, decimal_char, group_char)
    if field_type == "string" and field_format == "uri":
        if text != cell and text.lower().startswith(("http://", "https://")):
            return text  # a link with spaces around it
        return "https://" + text if _BARE_HOST.fullmatch(text) else None
    return None


class Meant(NamedTuple):
    """A value meant, and whether it was found by reading letters that look alike in Latin
    and Cyrillic as one: only then are the cell's letters from the other alphabet the
    cause, for the fix to name («М.M.» with a Latin «M»); the Latin «III» of a quarter
    read as «2021-Q3» is how quarters are written."""

    value: str
    lookalikes: bool = False


@functools.lru_cache(maxsize=1024)
def pattern_value(pattern: str, cell: str) -> Meant | None:
    """The cell but for spaces around it, its letters' case or letters that look alike in
    Latin and Cyrillic, or a quarter as people write it, where that is what the field's
    pattern wants: «2021-q3» and «II кв. 2021» → «2021-Q3», «2021-Q2» for
    ``[0-9]{4}-Q[1-4]``; «М.M.» with a Latin «M» → «М.М.» for ``[А-Я]\\.[А-Я]\\.``."""
    try:
        wanted = re.compile(pattern)
    except re.error:
        return None
    text = cell.strip()
    for written in (text, fold_lookalikes(text), fold_lookalikes(text, to="cyrillic")):
        cases = (written.upper(), written.lower()) if _is_code(written) else ()
        candidates = (written, *cases, _quarter(written))
        found = next((c for c in candidates if c and c != cell and wanted.fullmatch(c)), None)
        if found:
            return Meant(found, lookalikes=written != text)
    return None


def _number(text: str, cell: str, decimal_char: str, group_char: str) -> str | None:
    """A number as the field writes it: without group separators (spaces, apostrophes, the
    field's own), and its one decimal mark, a dot or a comma, as the field's: «1 234,5»
    is «1234.5» by default, «1.5» is «1,5» in a field whose ``decimalChar`` is «,».  A mark
    the field does not declare before three digits and nothing else («1,000») may be either
    a group or a decimal mark: no suggestion, as for an integer."""
    joined = _GROUPS.sub("", text)
    if group_char and group_char not in ".,":
        joined = joined.replace(group_char, "")
    marks = joined.count(".") + joined.count(",")
    if marks == 1 and joined == text and _ONE_GROUP.fullmatch(joined):
        return None  # «1,000»: a thousand in English groups, or one with a Ukrainian decimal comma?
    canonical = joined.replace(",", ".") if marks == 1 else joined
    if not _DECIMAL.fullmatch(canonical):
        return None
    written = canonical.replace(".", decimal_char)
    return written if written != cell else None


def _integer(text: str, cell: str, decimal_char: str, group_char: str) -> str | None:
    """A whole number without its group separators (spaces, apostrophes, the field's
    declared ``group_char``) and a fraction of zeros: «1 200», «1500.0», «1 200,00» are «1200».

    A comma before three digits («1,000», «1,200») is read by the field's declared
    notation: a group separator where its ``groupChar`` is «,» (a thousand), the decimal
    mark where its ``decimalChar`` is (one; 1.2, no integer).  Where it declares neither,
    there is no suggestion: Ukrainian writes the comma as the decimal mark, English as the
    thousands separator, and a guess could be a thousand times wrong; an undeclared
    «1,000,000» gets none either.  So with a dot: «1.000» is a thousand where groups are
    dots (and so joined above), and one only where the groups are commas.  «1200,00», «1,5»
    and «1500.0» are read one way only."""
    joined = _GROUPS.sub("", text)
    if group_char:  # the field's own, between groups of three digits only: «1,200», not «1200,00»
        joined = re.sub(rf"(?<=\d){re.escape(group_char)}(?=\d{{3}}(?:\D|$))", "", joined)
    whole = _WHOLE.fullmatch(joined)
    if whole is None:
        return None
    number, mark, fraction = whole.groups()
    read_as_decimal = {",": decimal_char == ",", ".": group_char == ","}
    if mark and len(fraction) == 3 and not read_as_decimal[mark]:
        return None
    return number if number != cell else None


def _is_code(text: str) -> bool:
    """Whether a value is a code whose case alone may be wrong («2021-q3», «Kachanskyi-M-Yu»,
    «м.ю.»): one short word, Latin or with a digit, dot or underscore.  A name or a text
    is not: «іваненко» upper-cased is no name, and «ТОВ «БУДСЕРВІС»» no better than before."""
    if len(text) > CODE_MAX_LENGTH or any(c.isspace() for c in text):
        return False
    return text.isascii() or any(c.isdigit() or c in "._" for c in text)


def _quarter(text: str) -> str | None:
    """«Q2 2021», «II квартал 2021», «2 кв. 2021» as «2021-Q2»."""
    upper = text.upper()
    match = next((m for pattern in _QUARTERS if (m := pattern.fullmatch(upper))), None)
    if match is None:
        return None
    number = match["q"].replace("І", "I")
    return f"{match['y']}-Q{_ROMAN.get(number) or number}"


@functools.lru_cache(maxsize=4096)
def allowed_value(allowed: tuple, cell: str, labels: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The one allowed value an enum's cell was meant to be: the same but for case,
    spaces, "_", "-" and letters that look alike in Latin and Cyrillic ("Roads", "in
    progress", «dоne» with a Cyrillic «о»), the value's label ("виконано" for done, from
    ``labels``: (value, label) pairs; its words in any order), or a close spelling
    ("schols") that is not its opposite ("undone" is no misspelt done)."""
    texts = [str(value) for value in allowed]
    same = [text for text in texts if _loose(text) == _loose(cell)]
    same += [value for value, label in labels if _loose(label) == _loose(cell) and value not in same]
    words = sorted(_words(cell))  # «частково виконано» for «виконано частково»
    same += [value for value, label in labels if sorted(_words(label)) == words and value not in same]
    if len(same) == 1:
        return same[0]
    lowered = [" ".join(_words(text)) for text in texts]
    close = difflib.get_close_matches(" ".join(_words(cell)), lowered, n=2, cutoff=0.8)
    meant = texts[lowered.index(close[0])] if len(close) == 1 else None
    return meant if meant is not None and _negated(meant) == _negated(cell) else None


# Yes and no as people and spreadsheets write them: Ukrainian, English, the words of
# Excel's Ukrainian and Russian versions for TRUE and FALSE, and Table Schema's defaults
# (for a field that declares other values)
_YES = frozenset({"так", "yes", "істина", "истина", "true", "1"})
_NO = frozenset({"ні", "no", "хибність", "ложь", "false", "0"})


@functools.lru_cache(maxsize=1024)
def boolean_value(true_values: tuple[str, ...], false_values: tuple[str, ...], cell: str) -> str | None:
    """The field's own spelling of the yes or no a boolean's cell was meant to be:
    «так», «Yes», «ІСТИНА», « true » as «true» (or as the field's first true value)."""
    folded = cell.strip().casefold()
    as_true = [value for value in true_values if value.casefold() == folded]
    as_false = [value for value in false_values if value.casefold() == folded]
    if as_true or as_false:  # the field's own value but for case or spaces
        return None if as_true and as_false else (as_true or as_false)[0]
    if folded in _YES and true_values:
        return true_values[0]
    if folded in _NO and false_values:
        return false_values[0]
    return None


def _caseless(text: str) -> str:
    """Case, look-alike letters and the apostrophe's form aside: «Dоne» with a Cyrillic «о»
    is «done».  In upper case first: Cyrillic «Н» looks like Latin «H», but «н» not like «h»."""
    return one_apostrophe(fold_lookalikes(text.upper()).casefold())


def _loose(text: str) -> str:
    return re.sub(r"[\s_-]+", "", _caseless(text))


def _words(text: str) -> list[str]:
    return _caseless(text).split()


# a word's opposite is a close spelling of it: «undone», «not cancelled», «non-planned»
_NEGATION = re.compile(fold_lookalikes(r"(?:un|non|not|не)(?:[\s_-]|(?=\w{4}))"))


def _negated(text: str) -> bool:
    """Whether ``text`` begins with a negation: «undone», «not done», «невиконано»."""
    return _NEGATION.match(fold_lookalikes(text.strip().casefold())) is not None


# the notations of a day, and where each writes its year, month and day
_DAY_NOTATIONS = (
    (_ISO_DAY, (1, 2, 3)),
    (_DAY_FIRST, (3, 2, 1)),
    (_YEAR_FIRST, (1, 2, 3)),
    (_DAY_FIRST_SHORT, (3, 2, 1)),
)


def _date_numbers(text: str) -> tuple[int, int, int] | None:
    """The year, month and day a text written as a date has, whether or not the calendar
    has that day: «31.09.2021» is (2021, 9, 31)."""
    for pattern, order in _DAY_NOTATIONS:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(match[i]) for i in order)
            if len(match[order[0]]) == 2:  # «21» is 2021, «99» 1999: no later than next year
                year += 2000 if 2000 + year <= dt.date.today().year + 1 else 1900
            return year, month, day
    return None


def _date_text(text: str) -> str:
    """A date cell without the midnight a spreadsheet writes after it («… 00:00:00»)."""
    return _MIDNIGHT.sub("", text, count=1) if _MIDNIGHT.search(text[-12:]) else text


def day_meant(text: str) -> dt.date | None:
    """The calendar day a cell names in any usual notation («2021-04-01», «01.04.2021»,
    «2021/04/01»), or None."""
    numbers = _date_numbers(text)
    try:
        return dt.date(*numbers) if numbers else None
    except ValueError:
        return None  # 31.02.2021: no day to suggest


@functools.lru_cache(maxsize=1024)
def month_without_the_day(
    field_format: str | None, cell: str, field_type: str = "date"
) -> tuple[int, int] | None:
    """The year and month of a date cell written as one (as `suggestion` reads it) whose
    day that month does not have: «31.09.2021» and «2021-09-31» are (2021, 9).  Such a
    cell is no wrong notation but a wrong day, which the document it came from tells.
    A field's own format (``%d.%m.%Y``) reads the cell as it writes a day; a datetime's
    day is its part before the time («2021-02-29T10:00:00»)."""
    if field_format in (None, "", "default"):
        text = _date_text(cell.strip())
        if field_type == "datetime":
            text = text.replace("T", " ", 1).partition(" ")[0]
        numbers = _date_numbers(text)
    else:
        numbers = _numbers_in_format(field_format, cell)
    if numbers is None:
        return None
    year, month, day = numbers
    if not 1 <= month <= 12 or not calendar.monthrange(year, month)[1] < day <= 31:
        return None
    if field_type == "datetime" and not _readable_on_the_first(field_format, cell):
        return None  # its time is wrong too («25:00», or none): not just the day
    return year, month


_ISO_DAY_START = re.compile(r"\s*\d{4}-\d{2}-(?P<day>\d{2})", re.ASCII)


def _readable_on_the_first(field_format: str | None, cell: str) -> bool:
    """Whether a datetime cell is one but for its day: the field reads it with the day
    written as 01 («2021-02-29T10:00:00Z» yes, «2021-02-29T25:00» and «2021-02-29» no)."""
    if field_format in (None, "", "default"):
        match = _ISO_DAY_START.match(cell)
    else:
        pattern = _format_pattern(field_format)
        match = pattern.fullmatch(cell) if pattern else None
    if match is None:
        return False
    first = cell[: match.start("day")] + "01" + cell[match.end("day") :]
    if field_format in (None, "", "default"):
        from frictionless.fields import DatetimeField

        return DatetimeField(name="cell").read_cell(first)[1] is None
    try:
        dt.datetime.strptime(first, field_format)
    except ValueError:
        return False
    return True


# the directives of a day's numbers in a date format, read as `datetime.strptime` reads them,
# and of a time's, which only have to be there
_FORMAT_NUMBERS = {
    "%d": r"(?P<day>\d{1,2})",
    "%m": r"(?P<month>\d{1,2})",
    "%Y": r"(?P<year>\d{4})",
    "%y": r"(?P<short_year>\d{2})",
    **dict.fromkeys(("%H", "%M", "%S"), r"\d{1,2}"),
}


@functools.lru_cache(maxsize=64)
def _format_pattern(field_format: str) -> re.Pattern | None:
    """A format of a day's numbers (``%d.%m.%Y``, ``%Y/%m/%d``) as a pattern that reads any
    day number, even one the month lacks; None for a format with other directives."""
    pieces = []
    for part in re.split(r"(%.)", field_format):
        if not part.startswith("%"):
            pieces.append(re.escape(part))
        elif part in _FORMAT_NUMBERS:
            pieces.append(_FORMAT_NUMBERS[part])
        else:
            return None
    try:
        pattern = re.compile("".join(pieces), re.ASCII)
    except re.error:  # a directive twice («%d %d»): a group named twice
        return None
    named = set(pattern.groupindex)
    return pattern if {"day", "month"} <= named and named & {"year", "short_year"} else None


def _numbers_in_format(field_format: str, cell: str) -> tuple[int, int, int] | None:
    """The year, month and day a cell written in the field's FORMAT has («31.09.2021» in
    ``%d.%m.%Y``: (2021, 9, 31)); a two-digit year as `strptime` reads it (69–99: 1900s)."""
    pattern = _format_pattern(field_format)
    match = pattern.fullmatch(cell) if pattern else None
    if match is None:
        return None
    numbers = match.groupdict()
    if "year" in numbers:
        year = int(numbers["year"])
    else:
        short = int(numbers["short_year"])
        year = short + (1900 if short >= 69 else 2000)
    return year, int(numbers["month"]), int(numbers["day"])


def _datetime(text: str) -> str | None:
    day_text, _, time_text = text.replace("T", " ").partition(" ")
    day = day_meant(day_text)
    time = _TIME.fullmatch(time_text.strip()) if day else None
    if not time:
        return None
    hour, minute, second = int(time[1]), int(time[2]), int(time[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}"


class KeyGuesser:
    """The key a foreign key's cell probably meant: the one row of the referenced table
    where a text column holds what was written, case and spaces aside ("Андрусяк М.М."
    in people's display_name: "andrusiak-m-m"; the key itself, "Andrusiak-M-M "), or a
    person's name written another way (`_name_forms`).  An officer types the name she
    sees, not the id.

    Only tables up to ``MAX_BYTES`` are read (Frictionless reads ~6 MB a second; a
    lookup of people or tasks is kilobytes), once each, and only when a foreign key
    error is shown; a text found in the rows of two keys suggests neither, and neither
    does a number (a task's sequence is no task id) nor a part of a name alone
    (``NAME_PARTS``: «Михайло», «М.М.» name no one person)."""

    MAX_BYTES = 2 << 20
    NAME_PARTS = frozenset({"first_name", "given_name", "middle_name", "patronymic", "initials"})

    def __init__(self, package: frictionless.Package | None) -> None:
        self.package = package
        self.indexes: dict[tuple[str, str], _Lookup] = {}

    def guess(self, target: str, field: str, cell: str) -> str | None:
        index = self.indexes.get((target, field))
        if index is None:
            index = self.indexes[(target, field)] = self._index(target, field)
        texts = index.texts
        found = texts.get(_folded(cell)) or texts.get(_folded(_excel_date_undone(cell) or ""))
        return found or _one(_dotted(cell.strip()), texts) or _one_person(cell, index.names)

    def _index(self, target: str, field: str) -> _Lookup:
        if self.package is None or not self.package.has_resource(target):
            return _Lookup({}, {})
        resource = self.package.get_resource(target)
        try:
            if resource.remote or Path(resource.normpath).stat().st_size > self.MAX_BYTES:
                return _Lookup({}, {})
            header, *rows = resource.to_copy().read_cells()
        except Exception:  # an unreadable table has its own error; this is only a hint
            return _Lookup({}, {})
        if field not in header:
            return _Lookup({}, {})
        types = {f.name: f.type for f in resource.schema.fields} if resource.schema else {}
        written = [  # the key itself too: "Kachanskyi-M-Yu " is "kachanskyi-m-yu"
            i
            for i, name in enumerate(header)
            if name == field or (types.get(name, "string") == "string" and name not in self.NAME_PARTS)
        ]
        keys: dict[str, set[str]] = {}
        names: dict[str, set[tuple[str, str]]] = {}
        at = header.index(field)
        for row in rows:
            key = row[at] if at < len(row) else None
            if key in (None, ""):
                continue
            for text in (row[i] for i in written if i < len(row)):
                if isinstance(text, str) and text.strip():
                    keys.setdefault(_folded(text), set()).add(str(key))
                    for surname, initials in _name_forms(text, as_written=False):
                        names.setdefault(surname, set()).add((initials, str(key)))
        return _Lookup({text: next(iter(found)) for text, found in keys.items() if len(found) == 1}, names)


class _Lookup(NamedTuple):
    texts: dict[str, str]  # a text of a row, folded (`_folded`) -> the row's key
    names: dict[str, set[tuple[str, str]]]  # a surname -> the initials and key of each row


def _one(texts: Iterable[str], index: dict[str, str]) -> str | None:
    found = {index[text] for text in texts if text in index}
    return found.pop() if len(found) == 1 else None


def _dotted(cell: str) -> list[str]:
    """A number typed without its dot, as it may be: «21» as «2.1», «111» as «1.11» or
    «11.1» (`_one`: only where one of them is a key)."""
    if not (cell.isascii() and cell.isdigit()):
        return []
    return [f"{cell[:at]}.{cell[at:]}" for at in range(1, len(cell))]


def _one_person(cell: str, names: dict[str, set[tuple[str, str]]]) -> str | None:
    """The one person whose surname and initials a name written another way has:
    «М. Ю. Качанський», «Качанський М.Ю», «Михайло Качанський», «Качанський Михайло
    Юрійович», «kachanskyi_m_yu» for «Качанський М.Ю.» (or «Kachanskyi M.Yu.»)."""
    found = {
        key
        for surname, initials in _name_forms(cell, as_written=True)
        for known, key in names.get(surname, ())
        if known.startswith(initials)
    }
    return found.pop() if len(found) == 1 else None


_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’ʼ])*")


def _name_forms(text: str, *, as_written: bool) -> list[tuple[str, str]]:
    """A person's name as (surname, initials), case and look-alike letters aside: a
    surname and the initials of one or two names (a word of one or two letters; «Yu» is
    one in Latin), in any order.  ``as_written``: a name may also be a word, of which
    the first letter counts («Михайло Качанський»), and each word may be the surname;
    never a surname or initials alone."""
    words = _NAME_WORD.findall(_caseless(text))
    long = [at for at, word in enumerate(words) if len(word) > 2]
    if not 2 <= len(words) <= 3 or not long or (len(long) > 1 and not as_written):
        return []

    def initials(surname: int) -> str:
        return "".join(word if len(word) <= 2 else word[0] for at, word in enumerate(words) if at != surname)

    return [(words[at], initials(at)) for at in long]


# month abbreviations a Ukrainian or Russian Excel shows a date with ("01.січ")
_MONTHS = {
    name: number
    for names in (
        "січ лют бер кві тра чер лип сер вер жов лис гру",
        "янв фев мар апр май июн июл авг сен окт ноя дек",
    )
    for number, name in enumerate(names.split(), start=1)
}
_EXCEL_DAY = re.compile(r"(\d{1,2})[.\-/ ]([^\W\d_]{3})\.?", re.IGNORECASE)


def _excel_date_undone(cell: str) -> str | None:
    """The number Excel read as a day and month: a task id «1.10» opened in a
    spreadsheet shows as «01.жов» (1 October), and is saved so."""
    found = _EXCEL_DAY.fullmatch(cell.strip())
    month = _MONTHS.get(found.group(2).lower()) if found else None
    return f"{int(found.group(1))}.{month}" if month else None


def _folded(text: str) -> str:
    """Case, spacing and look-alike letters aside: "Андрусяк М. М." is "андрусяк м.м.",
    «Коба I.Ю.» with a Latin «I» is «Коба І.Ю.»."""
    return re.sub(r"\s+", "", _caseless(text))
