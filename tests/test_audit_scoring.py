"""Scoring rules in isolation: MQA bands and totals, stars, freshness limits."""

from __future__ import annotations

from datetime import date

import pytest

from opendata.audit import freshness, mqa, stars, validity
from opendata.audit.model import DatasetResult, ResourceResult


def test_mqa_points_add_up_to_405_and_bands():
    assert sum(i.points for i in mqa.INDICATORS) + sum(p for _, p, _ in mqa.UNAWARDABLE.values()) == 405
    assert [mqa.band(s) for s in (405, 351, 350, 221, 220, 121, 120, 0)] == [
        "excellent", "excellent", "good", "good", "sufficient", "sufficient", "bad", "bad",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("fmt", "licence", "status", "expected"),
    [
        ("CSV", "cc-by", 200, 3),
        ("json", "cc-by", 200, 3),
        ("XLSX", "cc-by", 200, 2),
        ("PDF", "cc-by", 200, 1),
        ("TTL", "odc-odbl", 200, 5),
        ("CSV", "cc-by", 404, 0),
        ("CSV", "other-closed", 200, 0),
        ("CSV", "cc-by", None, 3),  # not checked: scored by format
    ],
)
def test_stars(fmt, licence, status, expected):
    resource = ResourceResult("d", "r", "data", "https://x/data", fmt, status=status)
    assert stars.resource_stars(resource, licence in stars.OPEN_LICENCES) == expected


@pytest.mark.parametrize(
    ("fmt", "content_type", "expected"),
    [
        ("CSV", "text/html", 1),  # a page declared CSV is a page, as ckanext-qa sees it
        ("CSV", "text/csv", 3),
        ("CSV", "application/vnd.ms-excel", 3),  # how some servers send CSV
        ("CSV", "text/x-csv", 3),
        ("CSV", "text/comma-separated-values", 3),
        ("CSV", "application/octet-stream", 3),  # says nothing: the declared format
        ("CSV", "application/x-unknown", 3),  # unknown here: the declared format
        ("PDF", "text/csv", 3),
        ("JSON", "application/vnd.ms-excel", 2),  # CSV or XLS: the lower
    ],
)
def test_stars_follow_what_the_link_serves(fmt, content_type, expected):
    resource = ResourceResult("d", "r", "data", "https://x/data", fmt, status=200, content_type=content_type)
    assert stars.resource_stars(resource, True) == expected


def test_data_only_in_xlsx_is_said_to_be_proprietary_not_unreadable_by_machines():
    """«Дані є лише у форматі XLSX (2★), не придатному для машинної обробки»: XLSX is
    machine-readable, but a proprietary format."""
    resource = ResourceResult("d", "r", "tariffs.xlsx", "https://x/tariffs.xlsx", "XLSX", status=200)
    best, [finding] = stars.score("d", "cc-by", [resource], set())
    assert (best, finding.code) == (2, "stars-proprietary")
    message, fix = finding.render("uk")
    assert message == "Дані є лише у форматі XLSX (2★): він машиночитний, але закритий (пропрієтарний)."
    assert "CSV або JSON" in fix and "не придатному" not in message


def test_a_page_declared_csv_is_said_to_be_html():
    resource = ResourceResult("d", "r", "data", "https://x/", "CSV", status=200, content_type="text/html")
    best, found = stars.score("d", "cc-by", [resource], set())
    assert best == 1 and [f.code for f in found] == ["stars-not-machine-readable"]
    assert found[0].params["format"] == "HTML"


@pytest.mark.parametrize(("age", "frequency", "overdue"), [(31, "Щомісяця", False), (32, "щомісяця", True),
                                                           (8, "Щотижня", True), (366, "Щороку", False),
                                                           (400, "позапланово", None)])  # fmt: skip
def test_freshness_limits(age, frequency, overdue):
    day = date(2026, 11, 26)
    result = DatasetResult(
        "d", "t", "o", "", "cc-by", frequency, date.fromordinal(day.toordinal() - age).isoformat()
    )
    found = freshness.check(result, day)
    assert result.overdue is overdue and bool(found) is bool(overdue) and result.days_since_modified == age


def test_validity_finding_counts_errors_in_the_form_each_language_needs(tmp_path):
    table = tmp_path / "dates.csv"
    table.write_text("day\n2024-01-05\n05.01.2024\n06.01.2024\n07.01.2024\n", encoding="utf-8")
    schema = tmp_path / "schema.json"
    schema.write_text('{"fields": [{"name": "day", "type": "date"}]}', encoding="utf-8")
    result = ResourceResult("ds", "r1", "r", "https://example.org/dates.csv", "CSV", local_file=str(table))
    [finding] = validity.check(result, schema)
    assert result.error_count == 3
    assert "схемі набору: 3 помилки, наприклад, рядок 3, поле «day»: Значення «05.01.2024»" in finding.render("uk")[0]
    assert "schema: 3 errors, e.g. row 3, field «day»: Value «05.01.2024»" in finding.render("en")[0]


def test_a_file_cut_short_is_found_in_its_own_words_not_as_an_encoding(tmp_path):
    """A download cut off in the middle of a letter is no file "in an unknown encoding":
    the finding quotes the validation's message, in each language."""
    table = tmp_path / "streets.csv"
    table.write_bytes("street\nФранка\nКоломия".encode()[:-1])
    result = ResourceResult("ds", "r1", "r", "https://example.org/streets.csv", "CSV", local_file=str(table))
    [finding] = validity.check(result, None)
    assert (finding.code, result.encoding) == ("validity-unreadable", None)
    assert "обривається посеред символу" in finding.render("uk")[0]
    assert "ends in the middle of a character" in finding.render("en")[0]


def test_a_json_document_is_not_checked_as_a_table_and_messages_name_the_resource(tmp_path):
    """The tool's own plan.json (one nested object) was "a table that could not be read",
    quoting the downloaded copy's temporary path."""
    document = tmp_path / "e0c3.json"
    document.write_text('{"campaigns": [{"tasks": []}]}', encoding="utf-8")
    plan = ResourceResult("ds", "r1", "plan.json", "https://example.org/plan.json", "JSON", local_file=str(document))
    assert validity.check(plan, None) == []
    table = tmp_path / "5f1a.csv"
    table.write_bytes("street\nФранка\nКоломия".encode()[:-1])
    streets = ResourceResult("ds", "r2", "streets.csv", "https://example.org/s.csv", "CSV", local_file=str(table))
    [finding] = validity.check(streets, None)
    assert "«streets.csv»" in finding.render("uk")[0] and str(tmp_path) not in finding.render("uk")[0]


def test_a_dataset_with_no_frequency_is_no_mismatch_with_the_register():
    """"Частота оновлення на порталі «» не збігається з реєстром": the missing frequency
    is the passport's finding already."""
    from opendata.audit import register

    row = {"uid": "d", "url": "https://x/dataset/d", "title": "D", "accrualPeriodicity": "щороку"}
    empty = DatasetResult("d", "t", "o", "", "cc-by", "", "2026-01-01")
    assert [f.code for f in register.compare([row], [empty])] == []
    yearly = DatasetResult("d", "t", "o", "", "cc-by", "щомісяця", "2026-01-01")
    assert [f.code for f in register.compare([row], [yearly])] == ["register-frequency"]
