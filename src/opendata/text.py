"""Small helpers for Ukrainian text: whitespace, alphabetical order, Latin slugs, dates."""

from __future__ import annotations

import re
from datetime import date

import translitua

# The Ukrainian alphabet in its official order. Python's default string order
# puts Є, І, Ї and Ґ before А (their code points are lower or higher than the
# rest), and the Unicode root collation shipped by pure-Python UCA packages
# files Ґ under Г, so neither gives the order a Ukrainian reader expects.
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_RANK = {letter: index for index, letter in enumerate(UKRAINIAN_ALPHABET)}
_IGNORED_IN_SORT = "'’ʼ"
# the apostrophe as typed («'»), as the Unicode letter («ʼ») or as Word writes it («’»,
# the committed package's): «Дем'янчук» and «Дем’янчук» are one name
_APOSTROPHES = str.maketrans({"'": "’", "ʼ": "’"})


def one_apostrophe(text: str) -> str:
    return text.translate(_APOSTROPHES)


def formula_sign(text: str) -> bool:
    """Whether Excel runs the text as a formula: it starts with «=», «@», or «+» or «-»
    not before a number («- зустріч», «+380 67 …» are formulas; «-5» is minus five)."""
    if text[:1] in ("=", "@"):
        return True
    if text[:1] in ("+", "-") and len(text) > 1:
        try:
            float(text.replace(",", "."))
        except ValueError:
            return True
    return False


def spreadsheet_text(cell: object) -> object:
    """CELL with «'» before it where a spreadsheet would run it as a formula, or a tab or a
    carriage return leads it (some strip them first): OWASP's defence against CSV
    injection, for text this program does not control (a portal's titles).  Anything else,
    numbers included, is CELL itself."""
    if isinstance(cell, str) and (formula_sign(cell) or cell[:1] in ("\t", "\r")):
        return "'" + cell
    return cell


def spreadsheet_original(cell: object) -> object:
    """What CELL was before `spreadsheet_text` put a «'» before it."""
    if isinstance(cell, str) and cell.startswith("'") and spreadsheet_text(cell[1:]) == cell:
        return cell[1:]
    return cell


def ukrainian_date(value: date | str) -> str:
    """«14.05.2021», as a Ukrainian reader writes a date; the data keep ISO 8601."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return day.strftime("%d.%m.%Y")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (tabs, line breaks, no-break spaces) to one space."""
    return " ".join(text.split())


def ukrainian_sort_key(text: str) -> tuple:
    """Key that sorts Ukrainian words alphabetically (Латиниця after кирилиця, case-insensitive).

    Apostrophes are ignored, as in Ukrainian dictionaries; characters outside the
    alphabet sort after it by code point, so mixed strings stay deterministic.
    """
    folded = [ch for ch in text.lower() if ch not in _IGNORED_IN_SORT]
    primary = tuple((0, _RANK[ch]) if ch in _RANK else (1, ord(ch)) for ch in folded)
    return (primary, text)


def transliterate(text: str) -> str:
    """Latin spelling of a Ukrainian name by the official (KMU 2010) rules."""
    return translitua.translit(normalize_space(text), translitua.UkrainianKMU)


def latin_slug(text: str) -> str:
    """ASCII identifier from Ukrainian text, by the official (KMU 2010) transliteration."""
    return re.sub(r"[^a-z0-9]+", "-", transliterate(text).lower()).strip("-")


MARKDOWN_MARKS = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)|`([^`]*)`|\*\*(.+?)\*\*")


def plain_text(markdown: str | None) -> str:
    """A descriptor's Markdown description (CKAN renders it) as the plain text a page or
    a CSV cell shows: «`opendata import-plan`» loses its backticks, bold its stars, a
    link becomes «text (address)»."""

    def unmarked(match: re.Match) -> str:
        text, link, code, bold = match.groups()
        return f"{text} ({link})" if link is not None else code if code is not None else bold

    return MARKDOWN_MARKS.sub(unmarked, markdown or "")


# the encodings Ukrainian text comes in besides UTF-8 (Python's codec -> the name people know)
# the first bytes of what is saved where text is expected: a zip (XLSX, DOCX, ODS, ODT),
# an OLE compound file (XLS, DOC), a PDF, or a text compressed with gzip (a .csv.gz)
BINARY_MAGIC = {b"PK\x03\x04": "zip", b"\xd0\xcf\x11\xe0": "ole", b"%PDF-": "pdf", b"\x1f\x8b": "gzip"}
ARCHIVES = {"gzip": "gz"}  # the kinds that hold a compressed text: Table Schema's "compression" for it


def binary_kind(start: bytes) -> str | None:
    """The kind ("zip", "ole", "pdf" or "gzip") of a file that begins with ``start``, else None."""
    return next((kind for magic, kind in BINARY_MAGIC.items() if start.startswith(magic)), None)


ENCODING_NAMES = {
    "cp1251": "windows-1251",
    "koi8_u": "KOI8-U",
    "cp866": "CP866",
    "latin_1": "ISO-8859-1",
    "utf_16": "UTF-16",
}


def guess_encoding(sample: bytes) -> str | None:
    """The codec bytes that are not UTF-8 are most likely in (``ENCODING_NAMES``' keys)."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(ENCODING_NAMES)).best()
    return best.encoding if best else None


def encoding_name(codec: str | None) -> str | None:
    """The name people know an encoding by: "windows-1251", not "cp1251"."""
    return ENCODING_NAMES.get(codec, codec) if codec else None


# what a Ukrainian export from Word, Excel or an old system may be saved in besides UTF-8
CYRILLIC_CODECS = ("cp1251", "koi8_u", "cp866", "utf_16")


class NotUkrainianText(ValueError):
    """Bytes neither in UTF-8 nor in a recognised encoding of Cyrillic text; ``detected``
    names the encoding they seem to be in (None: no text encoding at all)."""

    def __init__(self, detected: str | None) -> None:
        super().__init__(f"in {detected}, not UTF-8" if detected else "not text in any known encoding")
        self.detected = detected


def decode_ukrainian(data: bytes) -> tuple[str, str]:
    """The text and the codec it was in: UTF-8 (a byte-order mark allowed), or an
    encoding of Cyrillic text that is recognised (windows-1251, most often).  Anything
    else is ``NotUkrainianText``, never mojibake."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        codec = guess_encoding(data)
        if codec not in CYRILLIC_CODECS:
            raise NotUkrainianText(encoding_name(codec)) from error
        return data.decode(codec), codec


# Cyrillic letters that look like Latin ones: a name copied from a Ukrainian document
# can hold "а" where the schema has "a", and the two show the same
_CYRILLIC_TWINS, _LATIN_TWINS = "аеіорсухАВЕІКМНОРСТУХ", "aeiopcyxABEIKMHOPCTYX"
_LOOKALIKES = dict(zip(_CYRILLIC_TWINS, _LATIN_TWINS, strict=True))
_LOOKALIKES.update({latin: cyrillic for cyrillic, latin in _LOOKALIKES.items()})
_TO_LATIN = str.maketrans(_CYRILLIC_TWINS, _LATIN_TWINS)
_TO_CYRILLIC = str.maketrans(_LATIN_TWINS, _CYRILLIC_TWINS)


def lookalike_letters(written: str, meant: str) -> list[str]:
    """The letters of ``written`` that only look like those of ``meant`` (Cyrillic for
    Latin or the other way); empty unless that is the only difference."""
    if len(written) != len(meant) or written == meant:
        return []
    differing = [(w, m) for w, m in zip(written, meant, strict=True) if w != m]
    return [w for w, m in differing] if all(_LOOKALIKES.get(w) == m for w, m in differing) else []


def fold_lookalikes(text: str, to: str = "latin") -> str:
    """``text`` with the letters that look alike in Latin and Cyrillic all in one of the
    two (``to``: "latin" or "cyrillic"): «dоne» with a Cyrillic «о» folds as «done»."""
    return text.translate(_TO_LATIN if to == "latin" else _TO_CYRILLIC)


def is_cyrillic(letter: str) -> bool:
    return "\u0400" <= letter <= "\u04ff"


def cyrillic_words(text: str) -> str:
    """``text`` with each word that has a Cyrillic letter wholly in Cyrillic: «TKAЧУКА», typed
    with a Latin T and K, is «ТКАЧУКА», as a Ukrainian name is meant; a word all in Latin
    («IT», «Covid») stays as written. Letter for letter, so offsets in the two are the same."""
    return re.sub(
        r"[^\W\d_]+",
        lambda word: fold_lookalikes(word[0], to="cyrillic") if any(map(is_cyrillic, word[0])) else word[0],
        text,
    )


def foreign_letters(written: str, meant: str) -> list[str]:
    """The look-alike letters of ``written`` from the alphabet its other letters are not
    in: «о» in «dоne» (Cyrillic among Latin), «I» in «Коба I.Ю.».  The letters without a
    twin decide the alphabet, or where there are none, those of ``meant`` («р16» for
    «p16»); none where they mix the two."""

    def alphabets(letters) -> set[bool]:
        return {is_cyrillic(letter) for letter in letters if letter.isalpha()}

    own = alphabets(letter for letter in written if letter not in _LOOKALIKES) or alphabets(meant)
    if len(own) != 1:
        return []
    cyrillic = own.pop()
    found = [letter for letter in written if letter in _LOOKALIKES and is_cyrillic(letter) != cyrillic]
    return list(dict.fromkeys(found))
