"""Every message is written in both languages and takes the same values in each.

A text missing in one language, or naming a value the other does not, is a
KeyError in front of the user who chose that language; these tests find it when
the message is written."""

import string

import pytest

from opendata import messages
from opendata.audit import messages as audit_messages

# Ukrainian declines a count's noun after a preposition ("до 5 символів"): the
# placeholder of the declined form stands for the English one
DECLINED = {"characters_after_to": "characters", "items_after_to": "items"}


def placeholders(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return {DECLINED.get(name, name) for name in names}


def two_language_tables() -> list[tuple[str, dict]]:
    """The module-level tables of words keyed by language, then by what they say."""
    tables = []
    for module in (messages, audit_messages):
        for name, value in vars(module).items():
            by_language = isinstance(value, dict) and set(value) == set(messages.LANGUAGES)
            if by_language and all(isinstance(words, dict) for words in value.values()):
                tables.append((f"{module.__name__}.{name}", value))
    return tables


@pytest.mark.parametrize("name, table", two_language_tables(), ids=lambda x: x if isinstance(x, str) else "")
def test_each_table_of_words_says_the_same_things_in_both_languages(name, table):
    uk, en = table["uk"], table["en"]
    assert set(uk) == set(en), f"{name}: only in one language: {set(uk) ^ set(en)}"
    for key in uk:
        if isinstance(uk[key], str):
            assert placeholders(uk[key]) == placeholders(en[key]), f"{name}[{key!r}]"


def test_the_tables_of_words_are_found():
    names = {name for name, _ in two_language_tables()}
    assert {"opendata.messages.UI", "opendata.messages.BUILD_UI", "opendata.messages.PUBLISH_UI"} <= names


@pytest.mark.parametrize(
    "name, catalog",
    [("CATALOG", messages.CATALOG), ("audit MESSAGES", audit_messages.MESSAGES)],
)
def test_each_problem_has_its_message_and_fix_in_both_languages_with_the_same_values(name, catalog):
    for code, texts in catalog.items():
        assert set(texts) == set(messages.LANGUAGES), f"{name} {code}"
        uk, en = texts["uk"], texts["en"]
        assert len(uk) == len(en), f"{name} {code}"
        for ukrainian, english in zip(uk, en, strict=True):
            assert placeholders(ukrainian) == placeholders(english), f"{name} {code}: {english!r}"


@pytest.mark.parametrize(
    ("value", "written"),
    [(1, "1-ше"), (2, "2-ге"), (3, "3-тє"), (4, "4-те"), (5, "5-те"), (6, "6-те"), (7, "7-ме"),
     (8, "8-ме"), (9, "9-те"), (10, "10-те"), (11, "11-те"), (13, "13-те"), (17, "17-те"),
     (20, "20-те"), (21, "21-ше"), (22, "22-ге"), (23, "23-тє"), (27, "27-ме"), (40, "40-ве"),
     (50, "50-те"), (90, "90-те"), (100, "100-те"), (112, "112-те"), (143, "143-тє"),
     (1000, "1000-не")],
)  # fmt: skip
def test_a_neuter_ordinal_takes_the_ending_of_its_last_word(value, written):
    """«на 2-те місце»: the ending follows the numeral's last word (друге, третє, сьоме, сорокове)."""
    from opendata.messages import neuter_ordinal

    assert neuter_ordinal(value, "uk") == written


def test_an_english_ordinal_has_its_suffix():
    from opendata.messages import neuter_ordinal

    assert [neuter_ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 103)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd"
    ]  # fmt: skip
