"""Small helpers for Ukrainian text: whitespace, alphabetical order, Latin slugs."""

from __future__ import annotations

import re

import translitua

# The Ukrainian alphabet in its official order. Python's default string order
# puts Є, І, Ї and Ґ before А (their code points are lower or higher than the
# rest), and the Unicode root collation shipped by pure-Python UCA packages
# files Ґ under Г, so neither gives the order a Ukrainian reader expects.
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_RANK = {letter: index for index, letter in enumerate(UKRAINIAN_ALPHABET)}
_IGNORED_IN_SORT = "'’ʼ"


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
