"""What a wrongly written cell probably meant: the fixes of its errors name it."""

from __future__ import annotations

import frictionless
import pytest

from opendata.suggest import (
    KeyGuesser,
    allowed_value,
    boolean_value,
    month_without_the_day,
    pattern_value,
    suggestion,
)


@pytest.mark.parametrize(
    ("field_type", "field_format", "cell", "meant"),
    [
        ("date", "default", "15.06.2021", "2021-06-15"),
        ("date", None, "5.6.2021", "2021-06-05"),
        ("date", "default", "15/06/2021", "2021-06-15"),
        ("date", "default", "2021.06.15", "2021-06-15"),
        ("date", "default", " 15.06.2021 ", "2021-06-15"),
        ("datetime", "default", "15.06.2021 10:30", "2021-06-15T10:30:00"),
        ("datetime", "default", "2024-01-05 10:00", "2024-01-05T10:00:00"),
        ("datetime", "default", "2024-01-05T10:00", "2024-01-05T10:00:00"),
        ("yearmonth", "default", "06.2021", "2021-06"),
        ("integer", "default", "1 200", "1200"),
        ("integer", "default", "1\u00a0200\u00a0000", "1200000"),
        ("integer", "default", "-12'500", "-12500"),
        ("number", "default", "3,5", "3.5"),
        ("number", "default", "1 200,50", "1200.50"),
        ("string", "uri", "www.kolomyia.gov.ua/news", "https://www.kolomyia.gov.ua/news"),
        ("string", "uri", "kolomyia.gov.ua", "https://kolomyia.gov.ua"),
        ("string", "uri", "коломия.укр", "https://коломия.укр"),
        # the right spelling but for spaces around it, which a spreadsheet does not show
        ("date", "default", " 2021-06-16", "2021-06-16"),
        ("yearmonth", "default", "2021-06 ", "2021-06"),
        ("integer", "default", " 100", "100"),
        # as a spreadsheet writes a date cell, a two-digit year, a whole number
        ("date", "default", "2021-06-15 00:00:00", "2021-06-15"),
        ("date", "default", "15.06.2021 0:00", "2021-06-15"),
        ("date", "default", "14.05.21", "2021-05-14"),
        ("date", "default", "14.05.99", "1999-05-14"),
        ("integer", "default", "1500.0", "1500"),
        ("integer", "default", "1 500.00", "1500"),
        ("integer", "default", "1 200,00", "1200"),  # as a Ukrainian spreadsheet writes it
        ("integer", "default", "1\u202f200,0", "1200"),  # a narrow no-break space
        ("integer", "default", "1200,00", "1200"),
        ("string", "uri", " https://kolomyia.gov.ua/a ", "https://kolomyia.gov.ua/a"),
    ],
)
def test_the_meant_value_is_suggested(field_type, field_format, cell, meant):
    assert suggestion(field_type, field_format, cell) == meant


@pytest.mark.parametrize(
    ("decimal_char", "group_char", "cell", "meant"),
    [
        (",", " ", "12 345.00", "12345,00"),
        (",", "", "1 234,5", "1234,5"),
        (",", " ", "1.5", "1,5"),
        (",", ".", "1 234,5", "1234,5"),
        (".", "", "1 234,5", "1234.5"),
        (",", " ", "1.234.5", None),  # two marks: which is the decimal one?
        (".", "", "1,000", None),  # a thousand in English groups, or one with a decimal comma?
        (",", " ", "12.500", None),  # a dot the field does not declare, before three digits
        (".", "", "1 234,567", "1234.567"),  # spaces are its groups: the comma is the decimal mark
        (".", "", "1234,567", "1234.567"),  # no group has four digits
    ],
)
def test_a_number_is_suggested_in_its_fields_own_notation(decimal_char, group_char, cell, meant):
    """«1.5» in a field whose decimal mark is a comma is «1,5», not nothing, and «1 234,5»
    is not «1234.5», which that field would refuse too."""
    assert suggestion("number", None, cell, decimal_char, group_char) == meant
    if meant is not None:  # what the field itself reads
        field = frictionless.fields.NumberField(name="n", decimal_char=decimal_char, group_char=group_char)
        assert field.read_cell(meant)[1] is None


@pytest.mark.parametrize(
    ("field_type", "field_format", "cell"),
    [
        ("date", "default", "31.02.2021"),  # no such day
        ("date", "default", "13.13.2021"),
        ("date", "default", "вчора"),
        ("date", "%d.%m.%Y", "2021-06-15"),  # a format of its own: its fix says what it wants
        ("datetime", "default", "2024-01-05T25:00:00"),
        ("datetime", "default", "15.06.2021"),  # a day without a time: which time?
        ("yearmonth", "default", "13.2021"),
        ("integer", "default", "1.5"),
        ("integer", "default", "1,5"),
        ("integer", "default", "1,000"),  # a thousand, or one with a comma as the decimal mark?
        ("integer", "default", "1,000,000"),  # English groups: the field declares no «,» groups
        ("integer", "default", "1.000"),  # a thousand in German-style groups, or one?
        ("date", "default", "2021-06-15 10:30:00"),  # a time of day: not just a date cell
        ("integer", "default", "12 34"),  # not groups of three
        ("integer", "default", "x1"),
        ("number", "default", "1,200,300"),  # English groups or two decimal marks: unclear
        ("number", "default", "abc"),
        ("string", "uri", "not a uri"),
        ("string", "uri", "//city.ua/x"),
        ("string", "email", "a@b"),
        ("boolean", "default", "так"),  # the field's own true values decide
    ],
)
def test_no_suggestion_where_the_meaning_is_not_clear(field_type, field_format, cell):
    assert suggestion(field_type, field_format, cell) is None


@pytest.mark.parametrize(
    ("field_format", "cell", "month"),
    [
        ("default", "2021-09-31", (2021, 9)),
        (None, "31.09.2021", (2021, 9)),
        ("default", "31/09/2021", (2021, 9)),
        ("default", "31.09.21", (2021, 9)),  # a two-digit year, as the suggestion reads it
        ("default", " 2021-09-31 00:00:00", (2021, 9)),  # a spreadsheet's date cell
        ("default", "29.02.2021", (2021, 2)),
        ("default", "29.02.2024", None),  # a leap year has it
        ("default", "07.15.2021", None),  # no 15th month: not a day of one
        ("default", "32.01.2021", None),  # no month has a 32nd
        ("default", "00.09.2021", None),
        ("default", "2021-09-30", None),
        ("%d.%m.%Y", "31.09.2021", (2021, 9)),  # read in the field's own format
        ("%d.%m.%Y", "2021-09-31", None),  # not written in it: a wrong notation
        ("%Y/%m/%d", "2021/02/29", (2021, 2)),
        ("%d.%m.%y", "31.04.21", (2021, 4)),
        ("%d.%m.%y", "29.02.96", None),  # 1996 was a leap year, as strptime reads «96»
        ("%d %B %Y", "31 September 2021", None),  # a month's name: not read here
        ("%d.%m.%Y", "30.09.2021", None),
        ("%d.%m.%Y %d", "31.09.2021 31", None),  # a day twice: not read here
    ],
)
def test_a_date_of_a_day_its_month_does_not_have_is_told(field_format, cell, month):
    assert month_without_the_day(field_format, cell) == month


@pytest.mark.parametrize(
    ("field_format", "cell", "month"),
    [
        ("default", "2021-02-29T10:00:00Z", (2021, 2)),
        ("default", "2021-04-31 00:00:00", (2021, 4)),
        ("default", "2020-02-29T10:00:00", None),  # a leap year has it
        ("%d.%m.%Y %H:%M", "31.04.2021 10:30", (2021, 4)),
        ("%d.%m.%Y %H:%M", "30.04.2021 10:30", None),
        ("%d.%m.%Y %H:%M:%S.%f", "31.04.2021 10:30:00.5", None),  # a directive not read here
        ("default", "2021-02-29", None),  # no time: not a datetime whatever the day
        ("default", "2021-02-30T25:00:00Z", None),  # its time is wrong too
        ("default", "30.04.2021 10:00", None),  # not the ISO notation a datetime is read in
        ("%d.%m.%Y %H:%M", "31.04.2021 25:30", None),
    ],
)
def test_a_datetime_on_a_day_its_month_does_not_have_is_told(field_format, cell, month):
    assert month_without_the_day(field_format, cell, "datetime") == month


@pytest.mark.parametrize(
    ("decimal_char", "group_char", "cell", "meant"),
    [
        (".", ",", "1,000", "1000"),
        (".", ",", "1,200,000", "1200000"),
        (".", ",", "1200,00", "1200"),  # no group of three: a decimal mark
        (",", "", "1,000", "1"),
        (",", "", "1,200", None),  # 1.2
        (".", ".", "1.000", "1000"),
        (".", ",", "1.000", "1"),  # groups are commas: the dot is the decimal mark
        (".", "", "1500.000", None),  # a dot before three digits, no groups declared
    ],
)
def test_a_comma_in_an_integer_is_read_by_its_fields_declared_notation(decimal_char, group_char, cell, meant):
    assert suggestion("integer", None, cell, decimal_char, group_char) == meant


DEFAULT_TRUE, DEFAULT_FALSE = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")


@pytest.mark.parametrize(
    ("true_values", "false_values", "cell", "meant"),
    [
        (DEFAULT_TRUE, DEFAULT_FALSE, "так", "true"),
        (DEFAULT_TRUE, DEFAULT_FALSE, "Ні", "false"),
        (DEFAULT_TRUE, DEFAULT_FALSE, "ІСТИНА", "true"),  # Excel's TRUE in Ukrainian
        (DEFAULT_TRUE, DEFAULT_FALSE, "ЛОЖЬ", "false"),  # and its FALSE in Russian
        (DEFAULT_TRUE, DEFAULT_FALSE, "Yes", "true"),
        (DEFAULT_TRUE, DEFAULT_FALSE, " true ", "true"),
        (DEFAULT_TRUE, DEFAULT_FALSE, "tRUE", "true"),
        (DEFAULT_TRUE, DEFAULT_FALSE, "0 ", "0"),  # the field's own value, kept as spelt
        (DEFAULT_TRUE, DEFAULT_FALSE, "maybe", None),
        (DEFAULT_TRUE, DEFAULT_FALSE, "+", None),
        (("так",), ("ні",), "true", "так"),  # a field of its own words gets them
        (("так",), ("ні",), "Так", "так"),
        (("так",), ("ні",), "0", "ні"),
        (("yes", "1"), ("no", "1"), "1", None),  # declared both ways: no telling
    ],
)
def test_the_yes_or_no_meant_is_named_in_the_fields_own_words(true_values, false_values, cell, meant):
    assert boolean_value(true_values, false_values, cell) == meant



@pytest.mark.parametrize(
    ("pattern", "cell", "meant"),
    [
        ("[0-9]{4}-Q[1-4]", "2021-q3", "2021-Q3"),
        ("[0-9]{4}-Q[1-4]", " 2021-Q3", "2021-Q3"),
        ("[a-z0-9-]+", "Kachanskyi-M-Yu", "kachanskyi-m-yu"),
        # a quarter as people write it
        ("[0-9]{4}-Q[1-4]", "II кв. 2021", "2021-Q2"),
        ("[0-9]{4}-Q[1-4]", "Q2 2021", "2021-Q2"),
        ("[0-9]{4}-Q[1-4]", "IV квартал 2021 року", "2021-Q4"),
        ("[0-9]{4}-Q[1-4]", "3 квартал 2021", "2021-Q3"),
        ("[0-9]{4}-Q[1-4]", "5 квартал 2021", None),
        ("[0-9]{4}-Q[1-4]", "квартал 2021", None),
        ("[", "x", None),  # no pattern Python reads: no suggestion
        # a letter that only looks like the one wanted, from the other alphabet
        ("[a-z0-9-]+", "kоba-i-yu", "koba-i-yu"),  # Cyrillic о
        ("[А-ЯІЇЄҐ]\\.[А-ЯІЇЄҐ]\\.", "M.М.", "М.М."),  # a Latin M among Cyrillic initials
        ("[А-ЯІЇЄҐ]\\.[А-ЯІЇЄҐ]\\.", "м.ю.", "М.Ю."),
        # a name or a text is not a code: upper case is not what was meant
        ("[А-ЯІЇЄҐ][А-ЯІЇЄҐа-яіїєґ'’ \"«»-]+", "іваненко", None),
        ("[А-ЯІЇЄҐ][А-ЯІЇЄҐа-яіїєґ'’ \"«»-]+", "тов «будсервіс»", None),
    ],
)
def test_a_patterns_value_meant_is_named(pattern, cell, meant):
    found = pattern_value(pattern, cell)
    assert (found.value if found else None) == meant


@pytest.mark.parametrize(
    ("pattern", "cell", "lookalikes"),
    [
        ("[0-9]{4}-Q[1-4]", "III квартал 2021", False),  # Latin numerals: how quarters are written
        ("[0-9]{4}-Q[1-4]", "ІІІ квартал 2021", False),  # Cyrillic ones read the same
        ("[0-9]{4}-Q[1-4]", "2021-q3", False),
        ("[a-z0-9-]+", "kоba-i-yu", True),  # Cyrillic о
        ("[А-ЯІЇЄҐ]\\.[А-ЯІЇЄҐ]\\.", "M.М.", True),  # a Latin M
    ],
)
def test_a_patterns_value_says_whether_look_alike_letters_were_read_as_one(pattern, cell, lookalikes):
    """Only then does the fix name the cell's letters from the other alphabet."""
    assert pattern_value(pattern, cell).lookalikes is lookalikes


ENUM = ("planned", "in_progress", "done", "partially_done", "not_done", "cancelled")


@pytest.mark.parametrize(
    ("cell", "meant"),
    [
        ("Done", "done"),
        (" done ", "done"),
        ("in progress", "in_progress"),
        ("Not-Done", "not_done"),
        ("canceled", "cancelled"),  # a close spelling, and only one
        ("finished", None),
        ("виконано", None),
        ("done!", "done"),
    ],
)
def test_the_allowed_value_meant_is_named(cell, meant):
    assert allowed_value(ENUM, cell) == meant


@pytest.mark.parametrize(
    ("allowed", "cell", "meant"),
    [
        (ENUM, "dоne", "done"),  # Cyrillic о
        (ENUM, "Dоne", "done"),
        (("website", "social media", "TV"), "сосial media", "social media"),  # Cyrillic с, о, с
        (("website", "social media", "TV"), "ТV", "TV"),  # Cyrillic Т
        (ENUM, "дане", None),  # Cyrillic letters that are no look-alikes
    ],
)
def test_letters_that_look_alike_in_latin_and_cyrillic_are_one_for_an_allowed_value(allowed, cell, meant):
    assert allowed_value(allowed, cell) == meant


@pytest.mark.parametrize("cell", ["undone", "unplanned", "Uncancelled", "not cancelled", "non-planned"])
def test_a_negated_value_is_never_suggested_as_its_opposite(cell):
    """«undone» is a close spelling of done, and means the opposite."""
    assert allowed_value(ENUM, cell) is None


def test_a_negated_label_is_the_negated_value():
    labels = (("done", "виконано"), ("not_done", "не виконано"), ("cancelled", "скасовано"))
    assert allowed_value(ENUM, "невиконано", labels) == "not_done"
    assert allowed_value(ENUM, "Не виконано", labels) == "not_done"
    assert allowed_value(ENUM, "not dne", labels) == "not_done"  # a misspelt negation is still one
    assert allowed_value(ENUM, "нескасовано", labels) is None


def test_an_allowed_value_is_found_by_its_label():
    labels = (("done", "виконано"), ("partially_done", "виконано частково"), ("not_done", "не виконано"))
    assert allowed_value(ENUM, "Виконано", labels) == "done"
    assert allowed_value(ENUM, "виконано  частково", labels) == "partially_done"
    assert allowed_value(ENUM, "Частково виконано", labels) == "partially_done"  # the words reordered
    assert allowed_value(ENUM, "виконано", ()) is None
    assert allowed_value(ENUM, "викoнано", labels) == "done"  # a Latin o in the label
    assert allowed_value(ENUM, "Не виконано", labels) == "not_done"  # Н and H look alike, н and h not


def test_a_key_is_guessed_only_from_one_row(tmp_path):
    """A text in the rows of two keys (two people named Коба) suggests neither."""
    (tmp_path / "people.csv").write_text(
        "person_id,surname,display_name\nkoba-i-yu,Коба,Коба І.Ю.\nkoba-o-p,Коба,Коба О.П.\n",
        encoding="utf-8",
    )
    package = frictionless.Package(
        {"resources": [{"name": "people", "path": "people.csv", "type": "table"}]}, basepath=str(tmp_path)
    )
    keys = KeyGuesser(package)
    assert keys.guess("people", "person_id", "коба  о.п.") == "koba-o-p"
    assert keys.guess("people", "person_id", "Koba-O-P ") == "koba-o-p"  # the key but for case, spaces
    assert keys.guess("people", "person_id", "Коба") is None
    assert keys.guess("people", "person_id", "Коба O.П.") == "koba-o-p"  # a Latin O
    assert keys.guess("people", "person_id", "kоba-o-p") == "koba-o-p"  # a Cyrillic о
    assert keys.guess("people", "no_such_field", "Коба О.П.") is None
    assert keys.guess("no_such_table", "person_id", "Коба О.П.") is None
    assert KeyGuesser(None).guess("people", "person_id", "Коба О.П.") is None


def test_only_letters_that_look_alike_are_named():
    from opendata.text import lookalike_letters

    assert lookalike_letters("stаtus", "status") == ["а"]  # Cyrillic а
    assert lookalike_letters("Cтатус", "Статус") == ["C"]  # a Latin C in a Cyrillic word
    assert lookalike_letters("stadus", "status") == []  # a real misspelling
    assert lookalike_letters("status", "status") == []


def test_the_letters_from_the_other_alphabet_are_named():
    """Those that differ from the alphabet of the cell's other letters, or where every
    letter has a twin, from the value meant's."""
    from opendata.text import foreign_letters

    assert foreign_letters("dоne", "done") == ["о"]
    assert foreign_letters("сосial media", "social media") == ["с", "о"]  # each once
    assert foreign_letters("Коба I.Ю.", "koba-i-yu") == ["I"]  # the key is Latin, the name not
    assert foreign_letters("р16", "p16") == ["р"]
    assert foreign_letters("виконано", "done") == []
    assert foreign_letters("Kachanskyi Ю.", "x") == []  # the two mixed: no telling


def test_a_number_typed_without_its_dot_is_guessed_only_where_one_key_has_it(tmp_path):
    """«21» for task 2.1, never the task whose sequence number is 21; «111» could be 1.11
    or 11.1: neither."""
    (tmp_path / "tasks.csv").write_text(
        "task_id,sequence\n1.11,1\n2.1,2\n11.1,3\n3.4,21\n", encoding="utf-8"
    )
    fields = [{"name": "task_id", "type": "string"}, {"name": "sequence", "type": "integer"}]
    resource = {"name": "tasks", "path": "tasks.csv", "type": "table", "schema": {"fields": fields}}
    keys = KeyGuesser(frictionless.Package({"resources": [resource]}, basepath=str(tmp_path)))
    assert keys.guess("tasks", "task_id", "21") == "2.1"
    assert keys.guess("tasks", "task_id", "111") is None
    assert keys.guess("tasks", "task_id", "3") is None  # a sequence number


def test_the_two_apostrophes_are_one_for_a_persons_key(tmp_path):
    """«Дем’янчук І.В.» typed with the other apostrophe got no suggestion."""
    (tmp_path / "people.csv").write_text(
        "person_id,surname,display_name\ndemianchuk-i-v,Дем'янчук,Дем'янчук І.В.\n", encoding="utf-8"
    )
    package = frictionless.Package(
        {"resources": [{"name": "people", "path": "people.csv", "type": "table"}]}, basepath=str(tmp_path)
    )
    keys = KeyGuesser(package)
    assert keys.guess("people", "person_id", "Дем'янчук І.В.") == "demianchuk-i-v"
    assert keys.guess("people", "person_id", "Дем’янчук І.В.") == "demianchuk-i-v"
    assert keys.guess("people", "person_id", "Демʼянчук І. В.") == "demianchuk-i-v"
