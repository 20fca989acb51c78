"""`opendata build`: every download, round-tripped to the package's rows, byte-reproducible."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import frictionless
import pytest
from openpyxl import load_workbook

from opendata.build import build
from opendata.national import EXPORTS, Publisher, check_export, csvw_schema, table_schema
from opendata.page import page_for_portal
from opendata.publish import Passport, dataset_dict, files_to_publish, read_descriptor
from opendata.tables import read_package
from opendata.validate import InvalidPackage
from tests.helpers import (
    PACKAGE,
    add_counts_table,
    contrast,
    plan_with_an_empty_campaign,
    rewrite_field,
    run_cli,
    untranslate_campaign_4,
    write_cells_in_own_notation,
)

TABLES = ["decision", "campaigns", "tasks", "people", "task_roles", "progress_reports"]
PUBLISHER = Publisher(  # made-up values, for the tests only
    executant_id="00000000",
    publisher_id="00000001",
    program_url="https://example.org/plan",
    legal_act_url="https://example.org/decision",
    reports_url="https://example.org/reports",
    dataset_url="https://data.gov.ua/dataset/example",
    contact_name="Приклад Контакт",
    contact_email="contact@example.org",
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = run_cli("build", PACKAGE, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def package():
    return read_package(PACKAGE)


def _source_rows(name: str) -> list[dict]:
    with (PACKAGE / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("name", TABLES)
def test_csv_round_trips_to_the_package_rows(dist, name):
    assert (dist / "csv" / f"{name}.csv").read_bytes() == (PACKAGE / f"{name}.csv").read_bytes()
    # the copy for Excel as a Ukrainian Excel saves and opens CSV: a BOM, ";" and CRLF
    excel = (dist / "csv-excel" / f"{name}.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf") and excel.split(b"\n")[0].endswith(b"\r")
    rows = list(csv.DictReader(io.StringIO(excel.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == _source_rows(name)


@pytest.mark.parametrize("name", TABLES)
def test_json_round_trips_with_types(dist, package, name):
    records = json.loads((dist / "json" / f"{name}.json").read_text("utf-8"))
    table = package.tables[name]
    assert len(records) == len(table.rows)
    for record, row in zip(records, table.rows, strict=True):
        assert list(record) == table.fields
        for spec in table.schema["fields"]:
            value, expected = record[spec["name"]], row[spec["name"]]
            if expected is None:
                assert value is None
            elif spec["type"] == "date":
                assert value == expected.isoformat()
            else:
                assert value == expected and type(value) is type(expected)


def test_json_keeps_integers_booleans_and_iso_dates(dist):
    task = json.loads((dist / "json" / "tasks.json").read_text("utf-8"))[0]
    assert task["sequence"] == 1 and task["campaign_id"] == 1 and task["number_is_duplicate"] is False
    decision = json.loads((dist / "json" / "decision.json").read_text("utf-8"))[0]
    assert decision["period_start"] == "2021-04-01" and decision["date"] is None


def test_json_writes_number_fields_as_json_numbers(plan_copy, tmp_path):
    schema_path = plan_copy / "schemas" / "tasks.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == "sequence")["type"] = "number"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    build(plan_copy, tmp_path / "dist")
    tasks = json.loads((tmp_path / "dist" / "json" / "tasks.json").read_text(encoding="utf-8"))
    assert [task["sequence"] for task in tasks] == list(range(1, 36))


def test_plan_json_nests_campaigns_tasks_people(dist):
    plan = json.loads((dist / "plan.json").read_text("utf-8"))
    assert [c["campaign_id"] for c in plan["campaigns"]] == [1, 2, 3, 4, 5]
    tasks = [t for c in plan["campaigns"] for t in c["tasks"]]
    assert len(tasks) == 35
    roles = _source_rows("task_roles")
    for task in tasks:
        assert task["leaders"] and task["executors"]
        assert task["reports"] == []
    assert sum(len(t["leaders"]) + len(t["executors"]) for t in tasks) == len(roles)
    first = tasks[0]
    assert first["task_id"] == "1.1"
    assert [p["person_id"] for p in first["leaders"]] == ["tokarchuk-o-v"]


def test_database_holds_every_table_typed_with_its_keys(dist, package):
    """An analyst's SQL: the rows of every table, their types, the keys to join on."""
    connection = sqlite3.connect(dist / "kolomyia-communication-plan-2021.sqlite")
    for name, table in package.tables.items():
        assert connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(table.rows), name
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = connection.execute("PRAGMA foreign_key_list(task_roles)").fetchall()
    assert {(key[2], key[3]) for key in keys} == {("tasks", "task_id"), ("people", "person_id")}
    primary = [row[1] for row in connection.execute("PRAGMA table_info(tasks)") if row[5]]
    assert primary == ["task_id"]
    sequence, duplicate = connection.execute(
        "SELECT sequence, number_is_duplicate FROM tasks WHERE task_id = '1.8-2'"
    ).fetchone()
    assert isinstance(sequence, int) and duplicate == 1
    leaders = connection.execute(
        "SELECT count(DISTINCT task_id) FROM task_roles JOIN people USING (person_id) WHERE role = 'leader'"
    ).fetchone()[0]
    assert leaders == len(package.tables["tasks"].rows)
    fields = sum(len(table.schema["fields"]) for table in package.tables.values())
    assert connection.execute("SELECT count(*) FROM dictionary").fetchone()[0] == fields
    with pytest.raises(sqlite3.IntegrityError):  # the enum is a CHECK
        connection.execute("INSERT INTO task_roles VALUES ('1.1', 'x', 9, 'y')")


def test_workbook_has_a_sheet_per_table_and_the_dictionary(dist, package):
    book = load_workbook(dist / "kolomyia-communication-plan-2021.xlsx")
    assert book.sheetnames == [*TABLES, "dictionary", "about"]
    for name in TABLES:
        sheet = book[name]
        assert sheet.max_row == len(package.tables[name].rows) + 1
        assert [c.value for c in sheet[1]] == package.tables[name].fields
    fields = sum(len(t.fields) for t in package.tables.values())
    assert book["dictionary"].max_row == fields + 1
    tasks = book["tasks"]
    assert tasks["B2"].value == 1 and tasks["E2"].value is False


def test_dictionary_lists_every_field(dist, package):
    markdown = (dist / "dictionary.md").read_text("utf-8")
    html = (dist / "dictionary.html").read_text("utf-8")
    for table in package.tables.values():
        for spec in table.schema["fields"]:
            assert f"`{spec['name']}`" in markdown
            assert f"<code>{spec['name']}</code>" in html
            assert spec["title_en"] in markdown
    assert "refers to tasks.task_id" in markdown and "primary key" in markdown
    # both languages at once, the type in words for a Ukrainian reader as well
    assert '<span class="t-uk" lang="uk">Поле</span> / <span class="t-en" lang="en">Field</span>' in html
    assert 'lang="uk">текст (посилання)</span> / <span class="t-en" lang="en">string (uri)' in html


def test_the_dictionary_describes_every_column_of_the_national_exports(dist):
    """An analyst of national/programs.csv found «executantId» and «legalActType» described
    nowhere: the dictionary covered the package's own tables only."""
    markdown = (dist / "dictionary.md").read_text("utf-8")
    _, national = markdown.split("## Національні формати / National formats")
    sections = {part.split("`")[1]: part for part in national.split("\n### ")[1:]}  # by the file's path
    html = (dist / "dictionary.html").read_text("utf-8")
    for export in sorted((dist / "national").glob("*.csv")):
        with export.open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        described = [line.split("`")[1] for line in sections[f"national/{export.name}"].splitlines()
                     if line.startswith("| `")]  # fmt: skip
        assert described == header
        assert all(f"<code>{name}</code>" in html for name in header)
    executant = "| `executantId` | текст / string | Ідентифікатор виконавця | Код ЄДРПОУ відповідального"
    assert executant in sections["national/programs.csv"]


def test_the_dictionary_names_types_in_words_that_are_not_a_row_or_a_wrong_value(dist, plan_copy, tmp_path):
    """«рядок» is also a table's row, and a boolean shown as «так/ні» had officers write
    «так», which the schema refuses; dictionary.md's «Тип / Type» showed English codes only."""
    markdown = (dist / "dictionary.md").read_text("utf-8")
    assert "| `number_is_duplicate` | логічне (true/false) / boolean |" in markdown
    assert "| `evidence_url` | текст (посилання) / string (uri) |" in markdown
    write_cells_in_own_notation(plan_copy)
    assert run_cli("build", plan_copy, "--out", tmp_path / "out").returncode == 0
    own = (tmp_path / "out" / "dictionary.md").read_text("utf-8")
    assert "| `number_is_duplicate` | логічне (так / ні) / boolean (так / ні) |" in own


def test_dictionary_says_each_constraint_in_ukrainian_and_english(dist):
    """Not «required; enum: planned, …» jargon: words in both languages, codes with their labels."""
    connection = sqlite3.connect(dist / "kolomyia-communication-plan-2021.sqlite")
    query = "SELECT constraints_uk, constraints_en FROM dictionary WHERE table_name = ? AND field = ?"
    uk, en = connection.execute(query, ("progress_reports", "status")).fetchone()
    assert uk.startswith("обов'язкове; допустимі значення: planned (заплановано), in_progress (виконується),")
    assert en.startswith("required; allowed values: planned, in_progress, done,")
    uk, en = connection.execute(query, ("task_roles", "person_id")).fetchone()
    key = "(task_id, role, person_id)"
    assert uk == f"обов'язкове; частина первинного ключа {key}; посилається на people.person_id"
    assert en == f"required; part of the primary key {key}; refers to people.person_id"
    sheet = load_workbook(dist / "kolomyia-communication-plan-2021.xlsx")["dictionary"]
    assert [c.value for c in sheet[1]][-2:] == ["constraints_uk", "constraints_en"]
    markdown = (dist / "dictionary.md").read_text("utf-8")
    assert "| Обмеження | Constraints |" in markdown
    assert "| обов'язкове; унікальне | required; unique |" in markdown
    html = (dist / "dictionary.html").read_text("utf-8")
    assert '<span class="t-uk" lang="uk">обов&#39;язкове; щонайменше 1; первинний ключ</span>' in html


def test_built_descriptor_lists_every_file_with_bytes_and_hash(dist):
    descriptor = json.loads((dist / "datapackage.json").read_text("utf-8"))
    paths = {r["path"] for r in descriptor["resources"]}
    on_disk = {p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()}
    assert on_disk - paths == {"datapackage.json", "kolomyia-communication-plan-2021.zip"}
    for resource in descriptor["resources"]:
        data = (dist / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert frictionless.validate(str(dist / "datapackage.json")).valid


def test_zip_holds_everything_with_fixed_dates(dist):
    with zipfile.ZipFile(dist / "kolomyia-communication-plan-2021.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in names:
            assert archive.read(name) == (dist / name).read_bytes()
    on_disk = {p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()}
    assert set(names) == on_disk - {"kolomyia-communication-plan-2021.zip"}


def test_two_builds_are_byte_identical(plan_with_reports, tmp_path):
    first = build(plan_with_reports, tmp_path / "a")
    second = build(plan_with_reports, tmp_path / "b")
    assert [f.path for f in first.files] == [f.path for f in second.files]
    for built in first.files:
        assert (tmp_path / "a" / built.path).read_bytes() == (tmp_path / "b" / built.path).read_bytes()


def test_build_result_lists_roles_for_publish(plan_copy, tmp_path):
    result = build(plan_copy, tmp_path / "out")
    roles = {f.role for f in result.files}
    assert roles == {
        "table",
        "table-excel",
        "plan",
        "workbook",
        "database",
        "dictionary",
        "national",
        "source",
        "page",
        "descriptor",
        "archive",
    }
    assert result.files[-1].path.endswith(".zip")
    data = result.to_dict()
    assert data["files"][0]["mediatype"] == "text/csv"


def test_page_lists_35_tasks_and_every_download(dist):
    page = (dist / "index.html").read_text("utf-8")
    assert page.count('<li class="task"') == 35
    for path in ["csv/tasks.csv", "json/tasks.json", "plan.json", "dictionary.md", "national/register.csv"]:
        assert f'href="{path}"' in page
    assert "Записів про виконання ще немає" in page
    # nothing fetched from the network (the text may quote an address: the national structures do)
    assert not re.search(r"""(?:src=|url\()["']?(?:https?:)?//""", page)


def test_page_for_portal_links_each_download_to_its_resource(dist):
    page = (dist / "index.html").read_text("utf-8")
    urls = {
        "csv/tasks.csv": "https://data.example.gov.ua/dataset/p/resource/1/download/tasks.csv",
        "plan.json": "https://data.example.gov.ua/dataset/p/resource/2/download/plan.json?a=1&b=2",
    }
    served = page_for_portal(page, urls)
    assert 'href="https://data.example.gov.ua/dataset/p/resource/1/download/tasks.csv" download' in served
    assert 'href="https://data.example.gov.ua/dataset/p/resource/2/download/plan.json?a=1&amp;b=2"' in served
    assert served.count("data-download=") == 2  # files the portal does not hold lose their rows
    assert 'href="json/tasks.json"' in page and "json/tasks.json" not in served
    # the rest of the page is the built page
    assert served.count('<li class="task"') == 35 and 'href="#downloads"' in served


def test_page_shows_progress_from_reports(plan_with_reports, tmp_path):
    build(plan_with_reports, tmp_path / "out")
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert 'id="progress-chart"' in page
    assert "ПРИКЛАД (синтетичні дані)" in page


def test_a_campaign_without_tasks_is_built_and_said_to_have_none(tmp_path):
    """Another council's campaign printed with no tasks: build stopped on a ZeroDivisionError
    (the page's bars divided by the campaign's task count) as soon as one report was kept."""
    package = plan_with_an_empty_campaign(tmp_path)
    result = run_cli("build", package, "--out", tmp_path / "out")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    chart = page[page.index('id="progress-chart"') : page.index('id="tasks"')]
    assert chart.count('class="bar"') == 4 * 3  # campaigns I–IV, a bar a quarter
    campaign_5 = chart[chart.index('<th scope="row">V. ') :]
    none = '<span class="t-uk" lang="uk">У рішенні в кампанії немає завдань</span>'
    en = '<span class="t-en" lang="en">The decision gives the campaign no tasks</span>'
    assert f'<td colspan="3">{none}{en}</td>' in campaign_5 and 'class="bar"' not in campaign_5
    assert re.search(r'class="reported" style="width: 8\.3%"', chart)  # 1 of campaign I's 12 tasks
    tasks = page[page.index('<section class="campaign" data-campaign="5"') :]
    assert none in tasks[: tasks.index("</section>")]


def test_page_writes_dates_quarters_and_numbers_as_its_reader_does(plan_with_reports, tmp_path):
    """Ukrainian: «14.05.2021» and «II кв. 2021», not ISO 8601; campaign «І.» in every place
    (the progress table said «1.»); the doubled number 1.8 explained; each national file
    described (three said the same «за національною рекомендованою структурою»)."""
    build(plan_with_reports, tmp_path / "out")
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    uk, en = '<span class="t-uk" lang="uk">', '</span><span class="t-en" lang="en">'
    shown = page[: page.index('<section id="dictionary"')]  # the dictionary documents the codes
    iso = [text for text in re.findall(f"{uk}([^<]*)<", shown) if re.search(r"\d{4}-(Q\d|\d\d-\d\d)", text)]
    assert iso == []
    assert f'<th scope="col">{uk}II кв. 2021{en}Q2 2021</span></th>' in page
    assert re.search(rf"{uk}II кв\. 2021, \d\d\.0[4-6]\.2021{en}Q2 2021, 2021-0[4-6]-\d\d<", page)
    numerals = [f"{c['numeral']}." for c in _source_rows("campaigns")]
    assert re.findall(r'<th scope="row">(\S+) ', page) == numerals
    assert page.count("(номер 1.8 у рішенні надруковано двічі)") == 2
    described = re.findall(rf'<tr data-download="national/[^"]*">.*?{uk}([^<]*)<', page)
    assert len(described) == len(set(described)) == 3 and all("(додаток " in text for text in described)
    # the publisher's name is Ukrainian in the English page too
    assert '<dd><span lang="uk">Відділ комунікації' in page


def test_page_progress_bars_stand_out_from_their_track(dist):
    """«є звіт» was #90caf9 on the bar's #eceff1: 1.5:1, where a graphic needs 3:1 (WCAG 1.4.11)."""
    page = (dist / "index.html").read_text("utf-8")
    track = re.search(r"\.bar \{[^}]*background: (#[0-9a-f]{6})", page).group(1)
    for bar in ("done", "reported"):
        assert contrast(re.search(rf"--{bar}: (#[0-9a-f]{{6}})", page).group(1), track) >= 3, bar


def test_a_summary_that_starts_with_equals_is_text_in_the_workbook(plan_with_reports, tmp_path):
    """openpyxl writes a string starting with "=" as a formula: a live HYPERLINK to
    anywhere, or a broken formula that makes Excel call the file damaged."""
    summaries = ['=HYPERLINK("http://evil.example/";"натисніть")', "= 5 заходів проведено"]
    with (plan_with_reports / "progress_reports.csv").open("a", encoding="utf-8", newline="") as table:
        for n, summary in enumerate(summaries):
            row = [f"I-{n}", "1.2", "2021-Q2", "2021-06-01", "done", summary, "https://example.org/a"]
            csv.writer(table).writerow([*row, "website", "", "koba-i-yu"])
    checked = run_cli("validate", plan_with_reports, "--format", "json")
    warnings = [(w["type"], w["field"]) for w in json.loads(checked.stdout)["warnings"]]
    assert warnings.count(("plan-formula", "summary")) == 2  # the CSV for Excel runs them: said
    build(plan_with_reports, tmp_path / "out")
    sheet = load_workbook(tmp_path / "out" / "kolomyia-communication-plan-2021.xlsx")["progress_reports"]
    cells = [row[5] for row in sheet.iter_rows(min_row=sheet.max_row - 1)]
    assert [(c.value, c.data_type) for c in cells] == [(text, "s") for text in summaries]


def test_a_status_the_officer_added_to_the_schema_is_built(plan_with_reports, tmp_path):
    """A status added to the enum (with its category) passed validate and report, then
    stopped build with a template traceback."""
    path = plan_with_reports / "schemas" / "progress_reports.json"
    schema = json.loads(path.read_text("utf-8"))
    status = next(f for f in schema["fields"] if f["name"] == "status")
    status["constraints"]["enum"].append("postponed")
    status["categories"].append({"value": "postponed", "label": "відкладено"})
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), "utf-8")
    with (plan_with_reports / "progress_reports.csv").open("a", encoding="utf-8") as table:
        table.write("P-1,2.2,2021-Q3,2021-08-01,postponed,відкладено,,event,10,koba-i-yu\n")
    result = run_cli("build", plan_with_reports, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert 'status-postponed"><span class="t-uk" lang="uk">відкладено</span>' in page


# --- national structures -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["programs", "programs-reports", "register"])
def test_vendored_structures_convert_to_table_schemas(name):
    columns = csvw_schema(name)["tableSchema"]["columns"]
    schema = table_schema(name)
    assert [f["name"] for f in schema["fields"]] == [c["name"].strip() for c in columns]
    frictionless.Schema.from_descriptor(schema)


def _complete_package(plan_with_reports: Path) -> Path:
    """The sample package with the decision adopted (made-up date and number)."""
    path = plan_with_reports / "decision.csv"
    header, row = path.read_text("utf-8").splitlines()
    values = next(csv.reader([row]))
    fields = header.split(",")
    values[fields.index("status")] = "adopted"
    values[fields.index("date")] = "2021-04-20"
    values[fields.index("number")] = "123"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([fields, values])
    path.write_text(buffer.getvalue(), "utf-8")
    return plan_with_reports


def test_national_exports_validate_when_complete(plan_with_reports, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("out")
    result = build(_complete_package(plan_with_reports), tmp_path, PUBLISHER)
    assert result.gaps == []
    for path, name in EXPORTS.items():
        assert check_export(tmp_path / path, name) == [], path
    programs = list(csv.DictReader((tmp_path / "national/programs.csv").open(encoding="utf-8")))
    assert programs[0]["uid"] == "123-2021-04-20" and programs[0]["status"] == "Чинна"
    reports = list(csv.DictReader((tmp_path / "national/programs-reports.csv").open(encoding="utf-8")))
    assert [(r["periodStartDate"], r["periodEndDate"]) for r in reports] == [
        ("2021-04-01", "2021-06-30"),
        ("2021-07-01", "2021-09-30"),
        ("2021-10-01", "2021-12-31"),
    ]
    register = next(csv.DictReader((tmp_path / "national/register.csv").open(encoding="utf-8")))
    # one body per row: the register names the department, so its code, not the committee's
    assert (register["publisherName"], register["publisherId"]) == (
        programs[0]["executantName"], programs[0]["executantId"]) == (
        "Відділ комунікації та інформаційних технологій Коломийської міської ради", "00000000")
    assert programs[0]["publisherId"] == "00000001"
    # what a portal gets: the dictionary as HTML only, the decision's text and the archive too
    assert register["distributionFormat"] == "CSV, HTML, JSON, SQLITE, TXT, XLSX, ZIP"
    assert register["purpose"].endswith("від 20.04.2021 № 123")  # a Ukrainian text's date, not ISO

def test_national_exports_report_gaps_instead_of_inventing(dist):
    errors = check_export(dist / "national/programs.csv", "programs")
    assert errors and all(e.startswith("constraint-error") for e in errors)
    assert check_export(dist / "national/register.csv", "register")
    result = json.loads(run_cli("build", PACKAGE, "--out", dist, "--format", "json").stdout)
    gaps = {(g["path"], g["column"]): g["reason"] for g in result["gaps"]}
    assert gaps[("national/programs.csv", "legalActAccepted")] == "draft-decision"
    assert gaps[("national/programs.csv", "programUrl")] == "needs-publisher"
    assert ("national/programs.csv", "title") not in gaps


def test_a_gap_names_the_publisher_files_key_that_fills_it(plan_copy, tmp_path):
    """«national/register.csv «url»: … вкажіть у файлі --publisher» named the national
    column, but the file takes `dataset_url`: the user had to guess the key."""
    result = run_cli("build", plan_copy, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "«url»: порожня обов'язкова клітинка в національному експорті — пакет цього не містить; " \
        "вкажіть dataset_url у файлі --publisher" in result.stdout
    assert "«contactPointName»" in result.stdout and "вкажіть contact_name у файлі" in result.stdout
    english = run_cli("--lang", "en", "build", plan_copy, "--out", tmp_path / "out", "--format", "json")
    keys = {(g["path"], g["column"]): g["key"] for g in json.loads(english.stdout)["gaps"]}
    assert keys[("national/register.csv", "url")] == "dataset_url"
    assert keys[("national/programs.csv", "executantId")] == "executant_id"
    assert keys[("national/programs.csv", "legalActAccepted")] is None  # the draft's, no key fills it


def test_the_sample_publisher_file_fills_every_gap_a_publisher_can(plan_copy, tmp_path):
    """`build --help` points to examples/publisher.sample.json: with it, only the draft's gaps stay."""
    sample = PACKAGE.parent / "examples" / "publisher.sample.json"
    result = run_cli("build", plan_copy, "--out", tmp_path / "out", "--publisher", sample, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert {g["reason"] for g in json.loads(result.stdout)["gaps"]} == {"draft-decision"}
    assert "examples/publisher.sample.json" in run_cli("build", "--help").stdout
    assert "examples/publisher.sample.json" in run_cli("--lang", "en", "build", "--help").stdout


def test_national_check_catches_a_bad_url_and_date(tmp_path):
    header = [f["name"] for f in table_schema("programs-reports")["fields"]]
    row = ["r1", "", "Звіт", "2021-13-01", "2021-06-30", "p1", "План", "ftp://example.org"]
    (tmp_path / "reports.csv").write_text(",".join(header) + "\n" + ",".join(row) + "\n", "utf-8")
    errors = check_export(tmp_path / "reports.csv", "programs-reports")
    assert any("type-error" in e for e in errors)
    assert any("constraint-error" in e for e in errors)


# --- the command ---------------------------------------------------------------------------------


def test_build_refuses_an_invalid_package(plan_copy, tmp_path):
    tasks = plan_copy / "tasks.csv"
    tasks.write_text(tasks.read_text("utf-8").replace("1.1,1,1,", "1.1,x,1,", 1), "utf-8")
    result = run_cli("build", plan_copy, "--out", tmp_path / "out", "--lang", "en")
    assert result.returncode == 1
    assert "has errors" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_exit_2_on_missing_input(tmp_path):
    result = run_cli("build", tmp_path / "nothing", "--out", tmp_path / "out")
    assert result.returncode == 2


def test_build_reads_a_publisher_file(plan_with_reports, tmp_path):
    publisher = tmp_path / "publisher.json"
    publisher.write_text(json.dumps({"contact_name": "Приклад", "contact_email": "a@example.org"}))
    result = run_cli(
        "build", plan_with_reports, "--out", tmp_path / "out", "--publisher", publisher, "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    columns = {g["column"] for g in json.loads(result.stdout)["gaps"]}
    assert "contactPointName" not in columns and "url" in columns
    publisher.write_text('{"phone": "1"}')
    bad = run_cli("build", plan_with_reports, "--out", tmp_path / "out", "--publisher", publisher)
    assert bad.returncode == 2


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "файлу розпорядника «{path}» немає"),
        ('{"contact_name": "x",}', "не є коректним JSON: очікувалася назва властивості в подвійних лапках"),
        ('{"contact_mail": "a@b.ua"}', "невідомий ключ «contact_mail» (імовірно, «contact_email»)"),
        ('{"executant_id": "12ab"}', "«executant_id»: «12ab» — не код ЄДРПОУ (вісім цифр)"),
        ('{"program_url": "kolomyia.gov.ua"}', "не посилання, що починається з http:// чи https://"),
        ('{"contact_email": "opendata"}', "«contact_email»: «opendata» — не адреса електронної пошти"),
        ('{"executant_id": 12345678}', "«executant_id»: 12345678 — не текст у лапках"),
    ],
    ids=["missing", "not-json", "misspelt-key", "edrpou", "link", "email", "number"],
)
def test_a_publisher_file_that_cannot_be_used_is_said_in_ukrainian(tmp_path, content, said):
    """The reasons were Python's, in English: "[Errno 2] No such file or directory",
    "Expecting property name…", "expected a JSON object with keys among …"."""
    publisher = tmp_path / "publisher.json"
    if content is not None:
        publisher.write_text(content, encoding="utf-8")
    result = run_cli("build", PACKAGE, "--out", tmp_path / "out", "--publisher", publisher)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert said.format(path=publisher) in result.stderr.replace("\n", "")


def test_every_problem_of_the_publisher_file_is_said_at_once(tmp_path):
    """An invalid ЄДРПОУ, then the link, then the e-mail: three runs to learn what one could say."""
    publisher = tmp_path / "publisher.json"
    given = {"executant_id": "0437123", "program_url": "berezivka.gov.ua", "contact_mail": "a@b.ua"}
    publisher.write_text(json.dumps({**given, "contact_email": "opendata(at)berezivka"}), encoding="utf-8")
    command = ("build", PACKAGE, "--out", tmp_path / "out", "--publisher", publisher)
    result = run_cli(*command, "--lang", "en", "--format", "json")
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    said = json.loads(result.stdout)["message"].splitlines()
    assert said == [
        f"publisher file «{publisher}», «executant_id»: «0437123» is not an ЄДРПОУ code (eight digits)",
        f"publisher file «{publisher}», «program_url»: «berezivka.gov.ua» is not a link starting with "
        "http:// or https://",
        f"publisher file «{publisher}» has an unknown key «contact_mail» (probably «contact_email»); the "
        "keys are: executant_id, publisher_id, program_url, legal_act_url, reports_url, dataset_url, "
        "contact_name, contact_email",
        f"publisher file «{publisher}», «contact_email»: «opendata(at)berezivka» is not an e-mail address",
    ]
    uk = run_cli(*command)
    assert uk.returncode == 2
    assert uk.stderr.replace("\n", "").count(f"у файлі розпорядника «{publisher}»") == 4


def test_the_package_folder_is_refused_as_the_output(plan_copy):
    """`import-plan --out datapackage` and then `build --out datapackage`: the built
    datapackage.json, naming csv/*.csv, would replace the package's, and from then on
    `validate` would check the built copies, never the tables the officer edits."""
    before = {p.name: p.read_bytes() for p in plan_copy.rglob("*") if p.is_file()}
    result = run_cli("build", plan_copy, "--out", plan_copy / ".")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "це папка самого пакета" in result.stderr
    assert {p.name: p.read_bytes() for p in plan_copy.rglob("*") if p.is_file()} == before


def test_an_invisible_control_character_stops_the_build_with_the_cell_named(plan_with_reports, tmp_path):
    """A Ctrl-Z pasted into a summary passed `validate` and then crashed the build with
    openpyxl's traceback: the XLSX cannot hold it."""
    reports = plan_with_reports / "progress_reports.csv"
    reports.write_text(reports.read_text(encoding="utf-8").replace("моніторинг", "моні\x1aторинг", 1))
    assert "\x1a" in reports.read_text(encoding="utf-8")
    result = run_cli("validate", plan_with_reports, "--format", "json")
    [error] = json.loads(result.stdout)["errors"]
    where = (error["type"], error["path"], error["row"], error["field"])
    assert where == ("plan-control-character", "progress_reports.csv", 2, "summary")
    assert "(U+001A)" in error["message"]
    result = run_cli("build", plan_with_reports, "--out", tmp_path / "dist")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def rename_column(package: Path, table: str, name: str, new: str | None) -> None:
    """Rename a column in its table's schema and header alike, as a user's consistent edit
    passes the schema check; None deletes it from both, with its cells."""
    schema_path = package / "schemas" / f"{table}.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    described = next(f for f in schema["fields"] if f["name"] == name)
    if new is None:
        schema["fields"].remove(described)
    else:
        described["name"] = new
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    with (package / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    place = header.index(name)
    with (package / f"{table}.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        if new is None:
            writer.writerows([*cells[:place], *cells[place + 1 :]] for cells in [header, *rows])
        else:
            writer.writerows([[*header[:place], new, *header[place + 1 :]], *rows])


@pytest.mark.parametrize(
    ("table", "name", "new", "said"),
    [
        (
            "progress_reports",
            "summary",
            "text",
            [
                "✗ field «summary»: The plan table's schema has no field «summary», and «text» stands in "
                "its place: build, report and publish make the plan from field «summary»",
                "Fix: Give field «text» its name «summary» back, in the table's schema and the header "
                "row of progress_reports.csv.",
            ],
        ),
        (
            "campaigns",
            "title_en",
            None,
            [
                "✗ field «title_en»: The plan table's schema has no field «title_en»: build, report and "
                "publish make the plan from it",
                "Fix: Put field «title_en» (type «string») back into the table's schema and the header "
                "row of campaigns.csv",
            ],
        ),
    ],
)
def test_a_plan_field_renamed_or_dropped_is_an_error_not_a_traceback(
    plan_with_reports, tmp_path, table, name, new, said
):
    """«summary» renamed «text» in both the schema and the header passed `validate`, and then
    the plan page stopped build and publish with jinja2's UndefinedError; a column deleted
    from both, with a KeyError."""
    rename_column(plan_with_reports, table, name, new)
    checked = run_cli("validate", plan_with_reports, "--lang", "en")
    assert checked.returncode == 1, checked.stdout
    assert f"{table}.csv  (1 error, 0 warnings)" in checked.stdout
    assert all(words in checked.stdout for words in said), checked.stdout
    assert_refused(plan_with_reports, tmp_path)


def test_a_plan_date_typed_as_text_is_an_error_not_a_traceback(plan_copy, tmp_path):
    """«period_start» typed "string" passed `validate` (its cells are text too), and then build
    and report stopped with "'str' object has no attribute 'year'"."""
    rewrite_field(plan_copy, "decision", "period_start", {"type": "string"}, lambda cell: cell)
    checked = run_cli("validate", plan_copy, "--lang", "en")
    assert checked.returncode == 1, checked.stdout
    assert (
        "✗ field «period_start»: Field «period_start» of the plan table has type «string» in its schema, "
        "but build, report and publish read it as «date»" in checked.stdout
    )
    assert 'Fix: Give field «period_start» type «date» back in the table\'s schema ("type": "date")' in (
        checked.stdout
    )
    assert_refused(plan_copy, tmp_path)


def assert_refused(package: Path, tmp_path: Path) -> None:
    """build, report and publish refuse the package as invalid: no traceback, nothing built
    (publish before it asks the portal anything: none answers at its address)."""
    publish = ["publish", package, "--dry-run", "--org", "my-city", "--portal", "http://127.0.0.1:9"]
    for command in (["build", package, "--out", tmp_path / "dist"], ["report", package], publish):
        refused = run_cli(*command, "--lang", "en")
        assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
        assert f"opendata validate {package}" in refused.stderr + refused.stdout
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("command", ["build", "report"])
def test_a_refusal_is_json_too_for_a_script(plan_copy, tmp_path, command):
    """`--format json` printed nothing on stdout when the package was invalid: a script
    read an empty string where it expected JSON."""
    (plan_copy / "people.csv").write_text("person_id\n", encoding="utf-8")  # a column missing
    out = ["--out", tmp_path / "o"] if command == "build" else []
    result = run_cli(command, plan_copy, "--format", "json", *out)
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert (answer["ok"], answer["error"]) == (False, "InvalidPackage")
    assert answer["message"] in result.stderr


UNKNOWN_TASK_REPORT = "R2,9.9,2021-Q2,2021-06-16,done,x,https://example.org/a,website,,nobody\n"


def test_the_library_builds_nothing_from_a_package_with_errors(plan_copy, tmp_path):
    """build() from Python wrote a report on a task and by a person that do not exist into
    every download (or crashed half-way with a TypeError): only the command refused it."""
    with (plan_copy / "progress_reports.csv").open("a", encoding="utf-8") as stream:
        stream.write(UNKNOWN_TASK_REPORT)
    with pytest.raises(InvalidPackage) as raised:
        build(plan_copy, tmp_path / "out")
    report = raised.value.report
    assert {(e.path, e.field) for e in report.errors} == {
        ("progress_reports.csv", "task_id"),
        ("progress_reports.csv", "reported_by"),
    }
    assert not (tmp_path / "out").exists()
    # its words name the first error, where it is and its fix, as a sentence
    words = str(raised.value)
    assert words.startswith(f"{plan_copy} has 2 errors; the first, progress_reports.csv, row ")
    assert "field «task_id»: Value «9.9» does not exist in «tasks». Use a value that exists" in words
    with pytest.raises(InvalidPackage) as raised:
        build(tmp_path / "nope", tmp_path / "out")
    assert not raised.value.report.readable and not (tmp_path / "out").exists()
    missing = f"cannot be read: Path «{tmp_path / 'nope'}» does not exist. Check the path;"
    assert f"{missing} by default the datapackage/ folder is checked." in str(raised.value)


def test_build_and_the_files_to_publish_take_paths_as_text(plan_copy, tmp_path):
    """A script's paths are often text: build() failed on «'str' object has no attribute
    'resolve'», read_descriptor() and dataset_dict() on «/» between two strings."""
    result = build(str(plan_copy), str(tmp_path / "out"))
    assert result.out_dir == tmp_path / "out" and (tmp_path / "out" / "datapackage.json").is_file()
    files = files_to_publish(str(plan_copy), str(tmp_path / "publish"))
    assert files[0].path == tmp_path / "publish" / "csv" / "decision.csv"
    name = read_descriptor(plan_copy)["name"]
    assert read_descriptor(str(plan_copy))["name"] == name
    assert dataset_dict(str(plan_copy), "org", Passport())["extras"]["opendata_package"] == name


def newer_workbook(package: Path) -> None:
    """The clerk's new rows saved only in progress_reports.xlsx, after the CSV."""
    table, workbook = package / "progress_reports.csv", package / "progress_reports.xlsx"
    workbook.write_bytes(b"PK\x03\x04")
    saved = table.stat().st_mtime
    os.utime(workbook, (saved + 60, saved + 60))


NEWER_WORKBOOK = "The workbook «progress_reports.xlsx» is newer than «progress_reports.csv»"


@pytest.mark.parametrize("command", ["build", "report"])
def test_build_and_report_tell_the_packages_warnings(plan_copy, tmp_path, command):
    """A workbook newer than its CSV: `validate` warned, `build` and `report` said nothing,
    and the officer's new rows were silently left out of the downloads and the counts."""
    newer_workbook(plan_copy)
    out = ["--out", tmp_path / "o"] if command == "build" else []
    text = run_cli(command, plan_copy, "--lang", "en", *out)
    assert text.returncode == 0, text.stderr
    shown = text.stdout if command == "build" else text.stderr
    assert f"! {NEWER_WORKBOOK}" in shown
    assert "printed twice" not in shown  # number 1.8: a fact of the decision, nothing to fix
    assert "save it as “CSV UTF-8 (Comma delimited)” named «progress_reports.csv»" in shown
    answer = run_cli(command, plan_copy, "--lang", "en", "--format", "json", *out)
    assert answer.returncode == 0, answer.stderr
    warnings = json.loads(answer.stdout)["warnings"]
    validated = run_cli("validate", plan_copy, "--lang", "en", "--format", "json")
    assert warnings == json.loads(validated.stdout)["warnings"]
    [warning] = [w for w in warnings if w["type"] == "newer-workbook"]
    assert warning["message"].startswith(NEWER_WORKBOOK) and warning["path"] == "progress_reports.csv"


def test_a_cell_longer_than_excel_holds_is_a_warning_before_the_xlsx_cuts_it(plan_with_reports, tmp_path):
    reports = plan_with_reports / "progress_reports.csv"
    reports.write_text(reports.read_text(encoding="utf-8").replace("моніторинг", "Д" * 40_000, 1))
    result = run_cli("validate", plan_with_reports, "--format", "json")
    assert result.returncode == 0
    [warning] = [w for w in json.loads(result.stdout)["warnings"] if w["type"] == "plan-cell-too-long"]
    assert (warning["path"], warning["row"], warning["field"]) == ("progress_reports.csv", 2, "summary")
    assert "32 767" in warning["message"]


def test_a_build_removes_what_an_earlier_build_wrote_and_this_one_does_not(plan_copy, tmp_path):
    """A renamed package: the earlier workbook and zip would still be offered by a folder
    copied to a web server.  Files edited since, and the officer's own, are kept."""
    out = tmp_path / "out"
    build(plan_copy, out)
    old = read_package(plan_copy).name
    (out / "notes.txt").write_text("the officer's own file")
    descriptor = plan_copy / "datapackage.json"
    descriptor.write_text(descriptor.read_text("utf-8").replace(f'"{old}"', '"renamed-plan"', 1), "utf-8")
    csv_copy = out / "csv" / "tasks.csv"
    csv_copy.write_bytes(csv_copy.read_bytes() + b"edited by hand\n")  # rebuilt anyway
    result = run_cli("build", plan_copy, "--out", out, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert f"- {old}.xlsx: removed: an earlier build wrote this file" in result.stdout
    assert not (out / f"{old}.xlsx").exists() and not (out / f"{old}.zip").exists()
    assert (out / "renamed-plan.zip").exists() and (out / "notes.txt").exists()
    again = run_cli("build", plan_copy, "--out", out, "--format", "json")
    assert json.loads(again.stdout)["removed"] == []


def test_an_earlier_file_edited_since_is_kept(plan_copy, tmp_path):
    out = tmp_path / "out"
    build(plan_copy, out)
    old = read_package(plan_copy).name
    workbook = out / f"{old}.xlsx"
    workbook.write_bytes(workbook.read_bytes() + b"\0")  # not the file the build wrote
    descriptor = plan_copy / "datapackage.json"
    descriptor.write_text(descriptor.read_text("utf-8").replace(f'"{old}"', '"renamed-plan"', 1), "utf-8")
    assert build(plan_copy, out).removed == [f"{old}.sqlite", f"{old}.zip"]
    assert workbook.exists()


def test_a_build_into_a_folder_of_other_files_is_refused(plan_copy, tmp_path):
    """Another data package's folder: its datapackage.json was replaced by the build's,
    and its tables deleted where that descriptor had their hashes."""
    other = tmp_path / "other"
    shutil.copytree(plan_copy, other)
    descriptor = json.loads((other / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        data = (other / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    (other / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    before = {p: p.read_bytes() for p in other.rglob("*") if p.is_file()}
    result = run_cli("build", plan_copy, "--out", other, "--format", "json")
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "OutputInUse"
    assert "«" + str(other) + "»: у папці вже є інші файли, не попередньої збірки" in result.stderr
    assert {p: p.read_bytes() for p in other.rglob("*") if p.is_file()} == before
    interrupted = tmp_path / "interrupted"  # a build's own files, without its datapackage.json: fine
    (interrupted / "csv").mkdir(parents=True)
    (interrupted / "csv" / "tasks.csv").write_text("partial", "utf-8")
    (interrupted / ".DS_Store").write_bytes(b"\0")  # what a file manager leaves: the folder looks empty
    (interrupted / "desktop.ini").write_text("[.ShellClassInfo]", "utf-8")
    assert run_cli("build", plan_copy, "--out", interrupted).returncode == 0


def test_a_link_in_the_output_folder_is_replaced_not_written_through(plan_copy, tmp_path):
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    (out / "csv").mkdir(parents=True)
    victim.write_text("IMPORTANT", "utf-8")
    (out / "csv" / "tasks.csv").symlink_to(victim)
    build(plan_copy, out)
    assert victim.read_text("utf-8") == "IMPORTANT"
    assert not (out / "csv" / "tasks.csv").is_symlink()
    assert (out / "csv" / "tasks.csv").read_bytes() == (plan_copy / "tasks.csv").read_bytes()


def test_fields_of_every_table_schema_type_are_built(plan_with_reports, tmp_path):
    """A column of a type the downloads cannot hold as a value stopped build with a
    traceback (yearmonth, a datetime with its offset and object in the XLSX; duration
    and geopoint in the JSON), and the CSV got Python's repr «yearmonth(year=2021, ...)»."""
    cells = {
        "month": ("yearmonth", "2021-05"),
        "moment": ("datetime", "2021-05-14T10:00:00+03:00"),
        "details": ("object", '{"a": 1}'),
        "items": ("array", "[1, 2]"),
        "lasted": ("duration", "P1D"),
        "place": ("geopoint", "30.5,50.4"),
    }
    path = plan_with_reports / "schemas" / "progress_reports.json"
    schema = json.loads(path.read_text("utf-8"))
    schema["fields"] += [{"name": name, "type": kind} for name, (kind, _) in cells.items()]
    path.write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    table = plan_with_reports / "progress_reports.csv"
    header, *rows = list(csv.reader(table.open(encoding="utf-8", newline="")))
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([*header, *cells])
        writer.writerows([*row, *(text for _, text in cells.values())] for row in rows)
    result = run_cli("build", plan_with_reports, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    row = next(csv.DictReader((tmp_path / "out" / "csv" / "progress_reports.csv").open(encoding="utf-8")))
    assert {name: row[name] for name in cells} == {
        "month": "2021-05",
        "moment": "2021-05-14T10:00:00+03:00",
        "details": '{"a": 1}',
        "items": "[1, 2]",
        "lasted": "P1D",
        "place": "30.5,50.4",
    }
    assert run_cli("validate", tmp_path / "out").returncode == 0


def test_cells_in_a_schemas_own_notation_are_built_as_the_schema_reads_them(plan_copy, tmp_path):
    """«так» for true and a day-first date were written as «true» and ISO dates under the
    same schema: the built package did not validate, and publish read every «true» as false."""
    write_cells_in_own_notation(plan_copy)
    assert run_cli("validate", plan_copy).returncode == 0
    build(plan_copy, tmp_path / "out")
    tasks = {row["task_id"]: row for row in csv.DictReader((tmp_path / "out" / "csv" / "tasks.csv").open())}
    assert (tasks["1.8"]["number_is_duplicate"], tasks["1.1"]["number_is_duplicate"]) == ("так", "ні")
    decision = next(csv.DictReader((tmp_path / "out" / "csv" / "decision.csv").open(encoding="utf-8")))
    assert decision["period_start"] == "01.04.2021"
    report = frictionless.validate(tmp_path / "out" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
    as_json = json.loads((tmp_path / "out" / "json" / "tasks.json").read_text(encoding="utf-8"))
    assert {task["task_id"]: task["number_is_duplicate"] for task in as_json}["1.8"] is True
    for page in ("dictionary.html", "index.html"):  # the format as a reader writes it
        text = (tmp_path / "out" / page).read_text(encoding="utf-8")
        assert "дата (ДД.ММ.РРРР)" in text and "дата (%d.%m.%Y)" not in text, page


def test_a_date_of_any_format_is_built_as_an_iso_date(plan_copy, tmp_path):
    """A date field of ``format: any`` (the schema reads whatever date it can) was written
    as the word «any» in every cell of the built CSV: Frictionless writes a date by its
    format as a strftime pattern."""
    rewrite_field(plan_copy, "decision", "period_start", {"format": "any"}, lambda cell: cell)
    result = run_cli("build", plan_copy, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    decision = next(csv.DictReader((tmp_path / "out" / "csv" / "decision.csv").open(encoding="utf-8")))
    assert decision["period_start"] == "2021-04-01"
    report = frictionless.validate(tmp_path / "out" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])


def test_a_number_that_is_not_finite_is_null_in_the_json_not_a_traceback(plan_with_reports, tmp_path):
    """«INF» stopped the build with a traceback (OverflowError), and «NaN» was written as
    NaN, which is not JSON."""
    path = plan_with_reports / "schemas" / "progress_reports.json"
    schema = json.loads(path.read_text("utf-8"))
    schema["fields"].append({"name": "budget", "type": "number"})
    path.write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    table = plan_with_reports / "progress_reports.csv"
    header, *rows = list(csv.reader(table.open(encoding="utf-8", newline="")))
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([*header, "budget"])
        writer.writerows([*row, ("INF", "NaN", "1500.5")[number % 3]] for number, row in enumerate(rows))
    result = run_cli("build", plan_with_reports, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr

    def no_constants(name):
        raise ValueError(f"{name} is not JSON")

    text = (tmp_path / "out" / "json" / "progress_reports.json").read_text(encoding="utf-8")
    budgets = [row["budget"] for row in json.loads(text, parse_constant=no_constants)]
    assert budgets[:3] == [None, None, 1500.5]
    built = list(csv.DictReader((tmp_path / "out" / "csv" / "progress_reports.csv").open(encoding="utf-8")))
    assert [row["budget"] for row in built[:3]] == ["Infinity", "NaN", "1500.5"]  # as the schema writes them


def test_a_tasks_reports_run_by_date_on_the_page_and_in_plan_json(plan_copy, tmp_path):
    """Reports typed in out of order (a late one first, two of a day by id reversed)."""
    rows = [
        ("R-3", "2021-Q4", "2021-11-02", "ПІЗНІЙ"),
        ("R-2", "2021-Q2", "2021-05-10", "ДРУГИЙ"),
        ("R-1", "2021-Q2", "2021-05-10", "ПЕРШИЙ"),
    ]
    with (plan_copy / "progress_reports.csv").open("a", encoding="utf-8", newline="") as table:
        for report_id, period, day, summary in rows:
            row = [report_id, "1.1", period, day, "in_progress", summary]
            csv.writer(table).writerow([*row, "", "", "", "koba-i-yu"])
    build(plan_copy, tmp_path / "out")
    plan = json.loads((tmp_path / "out" / "plan.json").read_text("utf-8"))
    reports = plan["campaigns"][0]["tasks"][0]["reports"]
    assert [r["report_id"] for r in reports] == ["R-1", "R-2", "R-3"]
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert page.index("ПЕРШИЙ") < page.index("ДРУГИЙ") < page.index("ПІЗНІЙ")


TOTAL = re.compile(
    r'<li><strong>(\d+)</strong><span class="t-uk" lang="uk">([^<]*)</span>'
    r'<span class="t-en" lang="en">([^<]*)</span>'
)


def test_page_totals_take_the_plural_their_count_takes(plan_with_reports, tmp_path):
    """«3 завдання виконано», «1 запис про виконання», «1 task done», never the «many» form for all."""
    build(plan_with_reports, tmp_path / "sample")  # 6 records on 6 tasks, 3 of them done
    page = (tmp_path / "sample" / "index.html").read_text("utf-8")
    assert TOTAL.findall(page) == [
        ("5", "кампаній", "campaigns"),
        ("35", "завдань", "tasks"),
        ("6", "завдань зі звітами", "tasks with reports"),
        ("3", "завдання виконано", "tasks done"),
        ("6", "записів про виконання", "execution records"),
    ]
    with (plan_with_reports / "progress_reports.csv").open("w", encoding="utf-8", newline="") as table:
        table.write("report_id,task_id,period,report_date,status,summary,evidence_url,channel,reach,reported_by\n")
        table.write("R-1,1.1,2021-Q2,2021-05-10,done,Зроблено,https://example.org/a,,,koba-i-yu\n")
    build(plan_with_reports, tmp_path / "one")
    page = (tmp_path / "one" / "index.html").read_text("utf-8")
    assert TOTAL.findall(page)[2:] == [
        ("1", "завдання зі звітами", "task with reports"),
        ("1", "завдання виконано", "task done"),
        ("1", "запис про виконання", "execution record"),
    ]


def test_the_dictionary_is_queried_by_table_name_not_a_keyword(dist, package):
    """`table` is an SQL keyword: `WHERE table = 'tasks'` would be a syntax error."""
    connection = sqlite3.connect(dist / "kolomyia-communication-plan-2021.sqlite")
    fields = connection.execute("SELECT field FROM dictionary WHERE table_name = 'tasks'").fetchall()
    assert [f for (f,) in fields] == package.tables["tasks"].fields
    sheet = load_workbook(dist / "kolomyia-communication-plan-2021.xlsx")["dictionary"]
    assert sheet["A1"].value == "table_name"


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Holders(HTMLParser):
    """The classes of the elements around each piece of a page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[set[str]] = []
        self.found: dict[str, list[set[str]]] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID_ELEMENTS:
            self.open.append(set((dict(attrs).get("class") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_ELEMENTS:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.found[data] = list(self.open)


def keeps_line_breaks(page: str, text: str) -> bool:
    """Whether the page shows ``text`` (several lines) on several lines: it is written
    whole, and a class of its element or one around it has a rule of the page's style
    «white-space: pre-line» (inherited, as the property is)."""
    holders = _Holders()
    holders.feed(page)
    if text not in holders.found:
        return False
    style = page[page.index("<style>") : page.index("</style>")]
    kept = {
        name
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", style)
        if re.search(r"white-space:\s*pre-(line|wrap)", body)
        for selector in selectors.split(",")
        for name in re.findall(r"^\s*\.([\w-]+)\s*$", selector)
    }
    return any(kept & classes for classes in holders.found[text])


def test_texts_typed_on_several_lines_keep_their_line_breaks(plan_copy, tmp_path):
    """A summary typed on three lines in a cell showed as one run-on line on the plan
    page (the CSV and the workbook keep the breaks); so would a description."""
    summary = "Опубліковано новину.\nПроведено прямий ефір.\nЗібрано 40 запитань."
    with (plan_copy / "progress_reports.csv").open("a", encoding="utf-8", newline="") as table:
        row = ["R-1", "1.10", "2021-Q3", "2021-07-15", "done", summary, "https://example.org/a"]
        csv.writer(table, lineterminator="\n").writerow([*row, "website", "", "koba-i-yu"])
    described = "Що зроблено за квартал.\nКожен захід — окремим рядком."
    schema_path = plan_copy / "schemas" / "progress_reports.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    next(f for f in schema["fields"] if f["name"] == "summary")["description"] = described
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    descriptor_path = plan_copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    descriptor["description"] = "План комунікації.\n\nЗаписи про виконання — щокварталу."
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")
    result = run_cli("build", plan_copy, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert keeps_line_breaks(page, summary)
    assert keeps_line_breaks(page, descriptor["description"])
    assert keeps_line_breaks(page, described)
    assert keeps_line_breaks((tmp_path / "out" / "dictionary.html").read_text("utf-8"), described)


def test_descriptions_show_no_markdown_marks(dist):
    """«`opendata import-plan`» is Markdown for CKAN; the page and the register show the text."""
    page = (dist / "index.html").read_text("utf-8")
    header = page[page.index("<header>") : page.index("</header>")]
    assert "by opendata import-plan." in header and "командою opendata import-plan." in header
    assert "`" not in header
    with (dist / "national" / "register.csv").open(encoding="utf-8", newline="") as f:
        register = next(csv.DictReader(f))
    assert register["description"].endswith("командою opendata import-plan.")


def test_every_download_says_where_it_comes_from_and_under_what_licence(plan_with_reports, tmp_path):
    """A file passed on alone still names its title, licence, version and the decision it is built from."""
    build(plan_with_reports, tmp_path / "out")
    out, name = tmp_path / "out", "kolomyia-communication-plan-2021"
    source = "sources/kolomyia-2021-communication-plan.txt"
    descriptor = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert [s["path"] for s in descriptor["sources"]] == [source]
    listed = next(r for r in descriptor["resources"] if r["path"] == source)
    assert listed["hash"] == "sha256:" + hashlib.sha256((plan_with_reports / source).read_bytes()).hexdigest()
    with zipfile.ZipFile(out / f"{name}.zip") as archive:
        assert archive.read(source) == (plan_with_reports / source).read_bytes()

    connection = sqlite3.connect(out / f"{name}.sqlite")
    facts = dict(connection.execute("SELECT key, value_en FROM metadata"))
    assert facts["title"] == descriptor["title_en"] and facts["version"] == "1.0.0"
    assert facts["licence"].startswith("Creative Commons Attribution 4.0 (CC-BY-4.0)")
    assert facts["latest_record"] == "2021-12-10" and facts["source"].endswith(source)
    assert facts["decision"] == "a draft, not yet dated or numbered"

    book = load_workbook(out / f"{name}.xlsx")
    assert book.properties.title == descriptor["title"]
    about = {row[0]: row[3] for row in book["about"].iter_rows(min_row=2, values_only=True)}
    assert about["licence"] == facts["licence"] and about["publisher"].startswith("Відділ комунікації")

    page = (out / "index.html").read_text("utf-8")
    block = page[page.index('<section id="about"') : page.index('<section id="downloads"')]
    for fact in ("1.0.0", "CC-BY-4.0", "2021-12-10", source, "проєкт, без дати й номера"):
        assert fact in block
    assert f'<tr data-download="{source}">' in page


def test_an_integer_beyond_64_bits_is_built_as_its_digits(plan_copy, tmp_path):
    """100000000000000000000 in an integer column with no maximum stopped the build with a
    traceback (OverflowError in the SQLite writer), and the XLSX would have kept 15 of the
    digits of 12345678901234567890: such a column is text there, every digit kept, and the
    dictionary says so."""
    add_counts_table(plan_copy, [("a", "100000000000000000000", "1"), ("b", "12345678901234567890", "2")])
    result = run_cli("build", plan_copy, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    connection = sqlite3.connect(out / "kolomyia-communication-plan-2021.sqlite")
    rows = connection.execute("SELECT big, typeof(big), small, typeof(small) FROM counts").fetchall()
    assert rows == [
        ("100000000000000000000", "text", 1, "integer"),
        ("12345678901234567890", "text", 2, "integer"),
    ]
    query = "SELECT field, constraints_uk FROM dictionary WHERE table_name = 'counts'"
    notes = dict(connection.execute(query))
    assert "текстом" in notes["big"] and "текстом" not in notes["small"]
    sheet = load_workbook(out / "kolomyia-communication-plan-2021.xlsx")["counts"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["a", "100000000000000000000", 1],
        ["b", "12345678901234567890", 2],
    ]
    records = json.loads((out / "json" / "counts.json").read_text("utf-8"))
    assert [r["big"] for r in records] == [100000000000000000000, 12345678901234567890]


def test_a_campaign_without_an_english_title_shows_its_ukrainian_one_on_the_page(plan_copy, tmp_path):
    """The page showed <span lang="en">None</span> and the option «ІV. None»."""
    untranslate_campaign_4(plan_copy)
    assert run_cli("build", plan_copy, "--out", tmp_path / "out").returncode == 0
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "None" not in page
    title = "Висвітлення роботи Коломийської міської ради"
    assert f'data-en="ІV. {title}"' in page
    assert f'<span class="t-en" lang="uk">{title}</span>' in page
