"""`opendata validate`: the real package, broken copies, and bad input of every kind."""

from __future__ import annotations

import codecs
import contextlib
import copy
import csv
import gc
import gzip
import json
import multiprocessing
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import frictionless
import orjson
import pytest

from opendata import cli
from opendata.messages import counted
from opendata.problems import Problem
from opendata.validate import validate
from tests.helpers import EXAMPLES, OPENDATA, PACKAGE, run_cli, save_as_ukrainian_excel, write_dates_day_first


def append_rows(path: Path, *rows: list[str]) -> None:
    with path.open("a", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        for row in rows:
            writer.writerow(row)


# runs a command; prints its exit code, peak memory (KiB) and output
PEAK_PROBE = (
    "import resource, subprocess, sys;"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
    "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.stdout)"
)


def report_json(*args) -> tuple[int, dict]:
    result = run_cli("validate", *args, "--format", "json")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


# --- the real package -------------------------------------------------------------------------


def test_reference_frictionless_reports_package_valid():
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(frictionless), "validate", str(PACKAGE / "datapackage.json"), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert json.loads(result.stdout)["valid"] is True, result.stdout[:2000]


def test_package_is_valid_with_one_warning_for_the_duplicate_number():
    code, report = report_json("datapackage")
    assert code == 0
    assert report["valid"] is True
    assert [w["type"] for w in report["warnings"]] == ["plan-duplicate-number"]
    warning = report["warnings"][0]
    assert (warning["resource"], warning["row"], warning["field"]) == ("tasks", 10, "source_number")
    assert {t["resource"] for t in report["tables"]} == {
        "decision",
        "campaigns",
        "tasks",
        "people",
        "task_roles",
        "progress_reports",
    }


def retype_task(package: Path, row: str, saved: str) -> None:
    """A row of tasks.csv as a spreadsheet (or a hand) saved it: its first cells changed."""
    tasks = package / "tasks.csv"
    text = tasks.read_text("utf-8")
    assert f"\n{row}" in text
    tasks.write_text(text.replace(f"\n{row}", f"\n{saved}"), "utf-8")


def test_a_number_a_spreadsheet_shortened_is_an_error_not_the_decisions_slip(plan_copy):
    """Task 1.10's source_number saved by a spreadsheet as 1.1, the number of task 1.1: the
    warning said «Номер 1.1 надруковано в рішенні двічі … виправляти нічого не треба», and
    build published 1.1. Only rows marked number_is_duplicate are the decision's slip."""
    retype_task(plan_copy, "1.10,11,1,1.10,false,", "1.10,11,1,1.1,false,")
    result = run_cli("validate", plan_copy)
    assert result.returncode == 1, result.stdout
    said = result.stdout.replace("\n", " ")
    assert "рядок 12, поле «source_number»: Номер 1.1 у source_number завдання 1.10 — номер завдання" in said
    assert "Імовірно, «1.10»." in said and "1.1, 1.10" not in said
    result = run_cli("validate", plan_copy, "--lang", "en", "--format", "json")
    (error,) = json.loads(result.stdout)["errors"]
    named = (error["row"], error["field"], error["cell"], error["suggestion"])
    assert named == (12, "source_number", "1.1", "1.10")
    assert "a spreadsheet read the number «1.10» as a number: write the number in task_id" in error["fix"]
    warnings = json.loads(result.stdout)["warnings"]
    assert [(w["type"], w["row"]) for w in warnings] == [("plan-duplicate-number", 10)]  # 1.8 still


def test_a_task_without_its_id_is_named_once_not_by_the_rules_about_its_id(plan_copy):
    """A task_id left empty is the field's own error; the plan's rules about the task's
    number and roles rendered it as «source_number завдання  — номер…», «прочитала номер «»
    як число», «Завдання  не має жодного керівника»."""
    retype_task(plan_copy, "1.10,11,1,1.10,false,", ",11,1,1.1,false,")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    tasks = [(e["type"], e["row"], e["field"]) for e in report["errors"] if e["path"] == "tasks.csv"]
    assert tasks == [("constraint-error", 12, "task_id"), ("primary-key", 12, None)]


def test_a_number_shared_by_rows_not_marked_as_the_decisions_slip_is_an_error(plan_copy):
    retype_task(plan_copy, "1.8-2,9,1,1.8,true,", "1.8-2,9,1,1.8,false,")
    result = run_cli("validate", plan_copy, "--lang", "en", "--format", "json")
    assert result.returncode == 1
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["type"], error["row"], error["field"], error["cell"]) == (
        "plan-duplicate-number-unmarked", 10, "number_is_duplicate", "false"
    )
    assert "Number 1.8 is in source_number of tasks 1.8, 1.8-2" in error["message"]
    assert json.loads(result.stdout)["warnings"] == []


def test_default_path_is_datapackage_and_text_output_is_ukrainian():
    result = run_cli("validate")
    assert result.returncode == 0
    assert "Дані коректні" in result.stdout



def test_a_table_of_the_package_given_alone_is_checked_with_the_packages_schema(plan_copy):
    """`opendata validate datapackage/progress_reports.csv`: Frictionless would guess a
    schema from the cells and call a report with a wrong status and an unknown person
    valid. The package's schema for it, and its foreign keys, are used; a table the
    package does not list is still checked with a guessed one."""
    append_rows(
        plan_copy / "progress_reports.csv",
        ["R-1", "1.1", "2021-Q2", "2021-06-15", "finished", "x", "https://x.ua/a", "", "", "nobody"],
    )
    code, report = report_json(plan_copy / "progress_reports.csv")
    assert code == 1
    assert [(e["type"], e["field"]) for e in report["errors"]] == [
        ("constraint-error", "status"),
        ("foreign-key", "reported_by"),
    ]
    assert [t["resource"] for t in report["tables"]] == ["progress_reports"]
    stray = plan_copy / "notes.csv"
    stray.write_text("id,status\n1,finished\n", encoding="utf-8")
    assert report_json(stray)[0] == 0



def test_inside_the_package_folder_the_folder_itself_is_checked(plan_copy):
    """Run where datapackage.json is, `opendata validate` said "Шлях «datapackage» не
    існує" and pointed at a folder that is not there."""
    append_rows(plan_copy / "task_roles.csv", ["1.1", "executor", "2", "nobody"])
    result = run_cli("validate", "--format", "json", cwd=plan_copy)
    assert result.returncode == 1
    [error] = json.loads(result.stdout)["errors"]
    assert (error["type"], error["path"]) == ("foreign-key", "task_roles.csv")



def test_a_check_stopped_by_the_error_limit_says_so(plan_with_reports):
    """With --limit-errors 2 a table with more errors showed "2 помилки" as if that
    were all of them."""
    rest = ["1.1", "2021-Q2", "15.06.2021", "done", "x", "", "", "", "kachanskyi-m-yu"]  # a date error
    append_rows(plan_with_reports / "progress_reports.csv", *([f"R-{n}", *rest] for n in range(3)))
    result = run_cli("validate", plan_with_reports, "--limit-errors", "2")
    assert result.returncode == 1
    words = " ".join(result.stdout.split())
    stopped = "у звіті лише 2 помилки цієї таблиці, з її початку (--limit-errors); інші перевірки виконано"
    assert f"{stopped} повністю" in words
    english = run_cli("validate", plan_with_reports, "--limit-errors", "1", "--lang", "en")
    one = " ".join(english.stdout.split())
    assert "the report lists only 1 error of this table, from its start (--limit-errors)" in one
    one = " ".join(run_cli("validate", plan_with_reports, "--limit-errors", "1").stdout.split())
    assert "у звіті лише 1 помилка цієї таблиці, з її початку" in one  # not «лише перші 1»
    assert "Знайдено помилки. 2 помилки, 4 попередження (не всі: помилки таблиць у звіті обмежено " in words
    _, report = report_json(plan_with_reports, "--limit-errors", "2")
    tables = {t["resource"]: t["stopped_at"] for t in report["tables"]}
    assert tables["progress_reports"] == 2 and tables["tasks"] is None


def _validated(table: Path, schema: Path):
    return validate(table, schema=schema)


def test_a_report_of_errors_kept_on_disk_is_whole_in_a_copy_and_from_a_process_pool(tmp_path, monkeypatch):
    """Past 100,000 errors a table's errors are kept on disk: a report copied, pickled or
    returned from a process pool read the original's files, gone with it (FileNotFoundError)."""
    spill = tmp_path / "tmp"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    monkeypatch.setenv("TMPDIR", str(spill))  # the worker's
    table, schema = tmp_path / "many.csv", tmp_path / "schema.json"
    table.write_text("id,n\n" + "".join(f"{i},x{i}\n" for i in range(120_000)), encoding="utf-8")
    schema.write_text(json.dumps({"fields": [{"name": name, "type": "integer"} for name in ("id", "n")]}))
    # spawned, not forked: a child forked from a process whose Polars threads run can hang for ever
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        report = pool.submit(_validated, table, schema).result()
    copied = copy.deepcopy(report)
    del report
    gc.collect()
    data = copied.to_dict("en")
    assert data["error_count"] == len(data["errors"]) == 120_000
    last = data["errors"][-1]
    assert (last["row"], last["message"]) == (120_001, "Value «x119999» is not an integer.")
    del copied, data, last
    gc.collect()
    assert not any(spill.iterdir())  # each copy's files went with it


def leave_the_reports_to_frictionless(package: Path) -> None:
    """Give progress_reports a dialect with comments: the engine leaves such a table to Frictionless."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in descriptor["resources"] if r["name"] == "progress_reports"]
    resource["dialect"] = {"commentChar": "#"}
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def test_the_error_limit_counts_the_problems_shown(plan_copy):
    """--limit-errors was spent on errors then hidden (those of a repeated header's row),
    and the summary said "only the first 10" beside four. The limit counts what is shown,
    in row order, by either engine, and the summary says it only when some are left out."""
    reports = plan_copy / "progress_reports.csv"
    dated = [ROW.replace("R1", f"R{n}").replace("2021-06-15", "15.06.2021") for n in (3, 4)]
    noted = ROW.replace("R1", "R2")
    reports.write_text("\n".join([HEADER, ROW, HEADER, f"{noted},нотатка", *dated]) + "\n", encoding="utf-8")
    every = [("header-repeated", 3), ("extra-cells", 4), ("type-error", 5), ("type-error", 6)]
    for engine in ("fast", "frictionless"):
        if engine == "frictionless":
            leave_the_reports_to_frictionless(plan_copy)
        for limit, stopped_at in ((3, 3), (4, None), (10, None)):
            _, report = report_json(plan_copy, "--limit-errors", str(limit))
            shown = [(e["type"], e["row"]) for e in report["errors"] if e["path"] == "progress_reports.csv"]
            assert shown == every[:limit]
            [table] = [t for t in report["tables"] if t["resource"] == "progress_reports"]
            assert (table["engine"], table["stopped_at"]) == (engine, stopped_at)
    words = " ".join(run_cli("validate", plan_copy, "--limit-errors", "10").stdout.split())
    assert "--limit-errors" not in words
    words = " ".join(run_cli("validate", plan_copy, "--limit-errors", "3").stdout.split())
    assert "у звіті лише 3 помилки цієї таблиці, з її початку (--limit-errors)" in words


def _header_deleted(rows: list[list[str]]) -> list[list[str]]:
    return rows[1:]


def _status_moved_to_the_end(rows: list[list[str]]) -> list[list[str]]:
    return [[*row[:4], *row[5:], row[4]] for row in rows]


def _a_text_split_by_a_comma(rows: list[list[str]]) -> list[list[str]]:
    split = [*rows[2][:5], "Анонс толоки", " на сайті", *rows[2][6:]]  # the comma typed without quotes
    return [*rows[:2], split, *rows[3:]]


@pytest.mark.parametrize(
    ("broken", "limit", "cause", "said"),
    [
        (_header_deleted, 1, "header-missing", "Рядка заголовків немає"),
        (_status_moved_to_the_end, 3, "column-moved", "Стовпець «status» стоїть 10-м, а має бути 5-м"),
        (_a_text_split_by_a_comma, 1, "split-row", "мабуть, текст однієї з клітинок містить кому без лапок"),
    ],
)
@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_the_error_limit_keeps_the_cause_of_the_errors_it_shows(
    plan_with_reports, broken, limit, cause, said, engine
):
    """Under --limit-errors the table's and the rows' causes were gone (a deleted header,
    a moved column, a text split by a comma) and only their consequences shown: the
    header rebuilt from the few label errors fetched, and a row's cause looked for only
    among the first errors. The limit shows the first problems of the whole report."""
    reports = plan_with_reports / "progress_reports.csv"
    with reports.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    with reports.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(broken(rows))
    if engine == "frictionless":
        leave_the_reports_to_frictionless(plan_with_reports)

    def shown(report: dict) -> list[tuple]:
        errors = [e for e in report["errors"] if e["path"] == "progress_reports.csv"]
        return [(e["type"], e["row"], e["field"]) for e in errors]

    _, whole = report_json(plan_with_reports)
    assert shown(whole)[0][0] == cause
    _, limited = report_json(plan_with_reports, "--limit-errors", str(limit))
    assert shown(limited) == shown(whole)[:limit]
    text = run_cli("validate", plan_with_reports, "--limit-errors", str(limit)).stdout
    assert said in " ".join(text.split())


def test_synthetic_reports_validate(plan_with_reports):
    report = validate(plan_with_reports)
    assert report.valid, [p.to_dict("en") for p in report.errors]
    # The synthetic "planned" record without evidence is fine; a "done" one would warn.
    assert {p.code for p in report.warnings} == {"plan-duplicate-number"}


# --- broken copies: exit 1, naming file, row and field --------------------------------------


def test_broken_foreign_key(plan_copy):
    append_rows(plan_copy / "task_roles.csv", ["9.9", "leader", "1", "tokarchuk-o-v"])
    code, report = report_json(plan_copy)
    assert code == 1
    [error] = report["errors"]
    assert error["type"] == "foreign-key"
    assert (error["resource"], error["path"], error["row"], error["field"]) == (
        "task_roles",
        "task_roles.csv",
        129,
        "task_id",
    )
    assert "9.9" in error["message"] and "tasks" in error["message"]


def test_duplicate_id(plan_copy):
    """One error: the plan's keys are not also declared unique, which Frictionless would
    report a second time for the same cell."""
    append_rows(
        plan_copy / "people.csv",
        ["koba-i-yu", "Коба", "І.Ю.", "Коба І.Ю. (дубль)", "", "Koba I.Yu.", "", ""],
    )
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    assert [(e["type"], e["path"], e["row"], e["message"]) for e in report["errors"]] == [
        ("primary-key", "people.csv", 12, "Identifier «koba-i-yu» (person_id) is already in row 6."),
    ]


@pytest.mark.parametrize(
    ("lang", "message", "fix"),
    [
        (
            "uk",
            "Поєднання «1.1», «leader», «tokarchuk-o-v» у полях task_id, role, person_id уже є в рядку 2.",
            "Кожен рядок мусить мати власне поєднання цих полів: змініть одне з них тут чи в рядку 2 "
            "або видаліть дубль.",
        ),
        (
            "en",
            "The combination «1.1», «leader», «tokarchuk-o-v» of fields task_id, role, person_id is "
            "already in row 2.",
            "Every row needs its own combination of these fields: change one of them here or in row 2, "
            "or delete the duplicate row.",
        ),
    ],
)
def test_a_repeated_role_names_the_combination_it_repeats(plan_copy, lang, message, fix):
    """A primary key of several fields: «the primary key repeats row 2» named no value,
    so the officer had to compare the two rows cell by cell to see what was the same."""
    rows = (plan_copy / "task_roles.csv").read_text(encoding="utf-8").splitlines()
    append_rows(plan_copy / "task_roles.csv", ["1.1", "leader", "2", "tokarchuk-o-v"])
    code, report = report_json(plan_copy, "--lang", lang)
    assert code == 1
    repeated = [e for e in report["errors"] if e["type"] == "primary-key"]
    assert [(e["path"], e["row"], e["message"], e["fix"]) for e in repeated] == [
        ("task_roles.csv", len(rows) + 1, message, fix)
    ]


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        (
            "uk",
            [
                "Первинний ключ (id) порожній.",
                "Значення «a@x.ua» у полі «email» уже є в рядку 2.",
                "Ідентифікатор «1» (id) уже є в рядку 2.",
            ],
        ),
        (
            "en",
            [
                "The primary key (id) is empty.",
                "Value «a@x.ua» in field «email» is already in row 2.",
                "Identifier «1» (id) is already in row 2.",
            ],
        ),
    ],
)
def test_a_repeated_key_names_the_row_it_repeats_and_an_empty_key_is_called_empty(tmp_path, lang, messages):
    """An empty key was reported as "repeats an earlier row", and a repeated unique
    value's fix ended in Frictionless' English note: "the same as in the row at position 2"."""
    table = tmp_path / "people.csv"
    table.write_text("id,email\n1,a@x.ua\n,b@x.ua\n3,a@x.ua\n1,c@x.ua\n", encoding="utf-8")
    schema = tmp_path / "people.schema.json"
    fields = [
        {"name": "id", "type": "integer"},
        {"name": "email", "type": "string", "constraints": {"unique": True}},
    ]
    schema.write_text(json.dumps({"fields": fields, "primaryKey": ["id"]}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", lang)
    assert code == 1
    assert [(e["type"], e["row"]) for e in report["errors"]] == [
        ("primary-key", 3),
        ("unique-error", 4),
        ("primary-key", 5),
    ]
    assert [e["message"] for e in report["errors"]] == messages
    assert all("position" not in e["fix"] for e in report["errors"])


@pytest.mark.parametrize("extra_column", [False, True])  # True: the reference engine reads it
@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        (
            "uk",
            [
                "Поєднання (порожньо), «z» у полях a, b уже є в рядку 2.",
                "Поєднання «5», (порожньо) у полях a, b уже є в рядку 4.",
                "Поєднання «abc», «w» у полях a, b уже є в рядку 6.",
            ],
        ),
        (
            "en",
            [
                "The combination (empty), «z» of fields a, b is already in row 2.",
                "The combination «5», (empty) of fields a, b is already in row 4.",
                "The combination «abc», «w» of fields a, b is already in row 6.",
            ],
        ),
    ],
)
def test_a_repeated_key_names_an_empty_part_as_empty_and_an_unreadable_one_as_written(
    tmp_path, lang, messages, extra_column
):
    """Each part Frictionless read as no value was quoted as Python's «None»."""
    table = tmp_path / "pairs.csv"
    rows = [",z", ",z", "5,", "5,", "abc,w", "abc,w"]
    extra = ",x" if extra_column else ""
    table.write_text("".join(f"{row}{extra}\n" for row in ["a,b", *rows]), encoding="utf-8")
    schema = tmp_path / "pairs.schema.json"
    fields = [{"name": "a", "type": "integer"}, {"name": "b", "type": "string"}]  # «abc»: no integer
    schema.write_text(json.dumps({"fields": fields, "primaryKey": ["a", "b"]}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", lang)
    assert code == 1
    assert [e["message"] for e in report["errors"] if e["type"] == "primary-key"] == messages


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("uk", "Поєднання «Коломия», «вул. Франка, 7», «1,5» у полях city, street, area уже є в рядку 2."),
        (
            "en",
            "The combination «Коломия», «вул. Франка, 7», «1,5» of fields city, street, area is already in "
            "row 2.",
        ),
    ],
)
def test_a_repeated_key_quotes_each_value_that_holds_a_comma(tmp_path, lang, message):
    """The values were joined into one quote: «Коломия, вул. Франка, 7, 1,5» could not be
    told apart where a value holds «, » itself or a decimal comma."""
    table = tmp_path / "addresses.csv"
    row = 'Коломия,"вул. Франка, 7","1,5"'
    table.write_text(f"city,street,area\n{row}\n{row}\n", encoding="utf-8")
    schema = tmp_path / "addresses.schema.json"
    fields = [{"name": "city"}, {"name": "street"}, {"name": "area", "type": "number", "decimalChar": ","}]
    key = ["city", "street", "area"]
    schema.write_text(json.dumps({"fields": fields, "primaryKey": key}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", lang)
    assert (code, [e["message"] for e in report["errors"]]) == (1, [message])


@pytest.mark.parametrize("extra_column", [False, True])  # True: the reference engine reads it
@pytest.mark.parametrize(
    ("lang", "message", "fix"),
    [
        (
            "uk",
            "Первинний ключ (id) не прочитано: «abc» — не значення типу поля, тож рядок лишився без "
            "ідентифікатора.",
            "Виправте id, як каже помилка типу в цьому рядку: кожен рядок мусить мати власний ідентифікатор.",
        ),
        (
            "en",
            "The primary key (id) could not be read: «abc» is not a value of its field's type, so the row "
            "has no identifier.",
            "Correct id as this row's type error says: every row needs its own identifier.",
        ),
    ],
    ids=["uk", "en"],
)
def test_a_key_cell_not_of_its_type_is_not_called_empty(tmp_path, lang, message, fix, extra_column):
    """Frictionless reads «abc» in an integer key as no value, and the key was said to be
    «порожній» beside the filled cell."""
    table = tmp_path / "ids.csv"
    extra = ",x" if extra_column else ""
    table.write_text("".join(f"{row}{extra}\n" for row in ["id,v", "abc,1", "7,2"]), encoding="utf-8")
    schema = tmp_path / "ids.schema.json"
    fields = [{"name": "id", "type": "integer"}, {"name": "v", "type": "string"}]
    schema.write_text(json.dumps({"fields": fields, "primaryKey": ["id"]}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", lang)
    assert code == 1
    keys = [(e["row"], e["message"], e["fix"]) for e in report["errors"] if e["type"] == "primary-key"]
    assert keys == [(2, message, fix)]


def test_report_date_outside_plan_period(plan_with_reports):
    append_rows(
        plan_with_reports / "progress_reports.csv",
        [
            "R-1",
            "1.1",
            "2021-Q2",
            "2020-05-01",
            "done",
            "x",
            "https://example.org/a",
            "website",
            "",
            "kachanskyi-m-yu",
        ],
    )
    code, report = report_json(plan_with_reports, "--lang", "en")
    assert code == 1
    [error] = report["errors"]
    assert (error["type"], error["path"], error["row"], error["field"]) == (
        "plan-date-outside-period",
        "progress_reports.csv",
        8,
        "report_date",
    )
    assert "2021-04-01" in error["message"]


def test_report_date_outside_its_quarter(plan_with_reports):
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-2", "1.1", "2021-Q2", "2021-08-01", "in_progress", "x", "", "", "", "kachanskyi-m-yu"],
    )
    report = validate(plan_with_reports)
    [error] = report.errors
    assert error.code == "plan-date-outside-quarter"
    assert "2021-Q3" in error.render("en")[1]


def test_report_dates_are_read_in_the_schemas_own_format(plan_with_reports):
    """A package whose schemas declare day-first dates («15.06.2021», ``%d.%m.%Y``): the
    plan's rules read the period and the reports' dates so, and name the period in it.
    They read ISO dates only, and checked none of them."""
    write_dates_day_first(plan_with_reports)
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-1", "1.1", "2021-Q2", "01.05.2020", "planned", "x", "", "", "", "kachanskyi-m-yu"],
        ["R-2", "1.1", "2021-Q2", "01.08.2021", "planned", "x", "", "", "", "kachanskyi-m-yu"],
        ["R-3", "1.1", "2021-Q2", "15.06.2021", "planned", "x", "", "", "", "kachanskyi-m-yu"],
    )
    code, report = report_json(plan_with_reports, "--lang", "en")
    assert code == 1
    errors = [(e["type"], e["row"], e["field"]) for e in report["errors"]]
    assert errors == [
        ("plan-date-outside-period", 8, "report_date"),
        ("plan-date-outside-quarter", 9, "report_date"),
    ]
    outside, other_quarter = (e["message"] for e in report["errors"])
    assert outside == "Date «01.05.2020» is outside the plan period (01.04.2021 – 31.12.2021)."
    assert "(01.04.2021 – 30.06.2021)" in other_quarter


def test_the_plans_rules_quote_the_value_as_a_cells_error_does(plan_with_reports):
    """«Звіт bad id! позначено як виконаний», «Квартал 2020-Q2 …», «Дата 2020-05-14 …»: the
    value was not told from the words around it, while a cell's errors quote it «так»."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["bad id!", "1.1", "2021-Q2", "2021-05-14", "done", "x", "", "", "", "kachanskyi-m-yu"],
        ["R-2", "1.1", "2020-Q2", "2021-05-14", "planned", "x", "", "", "", "kachanskyi-m-yu"],
        ["R-3", "1.1", "2021-Q2", "2020-05-14", "planned", "x", "", "", "", "kachanskyi-m-yu"],
        ["R-4", "1.1", "2021-Q3", "2021-05-14", "planned", "x", "", "", "", "kachanskyi-m-yu"],
    )
    result = run_cli("validate", plan_with_reports, "--show", "0")
    words = " ".join(result.stdout.split())
    assert "Звіт «bad id!» позначено як виконаний, але без посилання на підтвердження." in words
    assert "Квартал «2020-Q2» не входить до періоду плану (2021-Q2 – 2021-Q4)." in words
    assert "Дата «2020-05-14» поза періодом плану (2021-04-01 – 2021-12-31)." in words
    assert "Дата «2021-05-14» не належить до кварталу «2021-Q3» (2021-07-01 – 2021-09-30)." in words
    assert "для «2021-05-14» це «2021-Q2»" in words


def test_the_plans_rules_stand_in_row_order_among_the_tables_errors(plan_copy):
    """The plan's rules' errors (a date outside its quarter, a warning on a report done
    without evidence) came after all the schema's, rows 2 and 4 after row 5: a clerk
    working down the sheet missed them. Each file's problems are in row order, in the
    text and in JSON, and the tally of the rest still counts them."""
    reports = plan_copy / "progress_reports.csv"
    rows = [
        "R1,1.1,2021-Q2,2021-07-15,planned,x,,,,kachanskyi-m-yu",  # a date in Q3
        "R2,1.1,2021-Q2,2021-06-15,planned,x,,,1 200,kachanskyi-m-yu",  # not an integer
        "R3,1.1,2021-Q2,2021-06-15,done,x,,,,kachanskyi-m-yu",  # done, no evidence: a warning
        "R4,1.1,2021-Q2,2021-06-15,planned,x,,,1 500,kachanskyi-m-yu",
        "R5,1.1,2021-Q2,2021-09-15,planned,x,,,,kachanskyi-m-yu",
    ]
    reports.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    assert [(e["row"], e["type"]) for e in report["errors"]] == [
        (2, "plan-date-outside-quarter"),
        (3, "type-error"),
        (5, "type-error"),
        (6, "plan-date-outside-quarter"),
    ]
    warnings = [(w["row"], w["path"]) for w in report["warnings"]]
    assert warnings == [(10, "tasks.csv"), (4, "progress_reports.csv")]
    assert (report["error_count"], report["warning_count"]) == (4, 2)

    text = run_cli("validate", plan_copy, "--show", "0", "--lang", "en").stdout
    shown = re.findall(r"^  [✗!] row (\d+)", text.split("progress_reports.csv")[1], re.MULTILINE)
    assert shown == ["2", "3", "4", "5", "6"]
    tallied = run_cli("validate", plan_copy, "--show", "1", "--lang", "en").stdout
    assert "✗ row 2, field «report_date»: Date «2021-07-15» is not in quarter «2021-Q2»" in tallied
    assert "2 × row 3, field «reach»" in tallied and "1 × row 6, field «report_date»" in tallied


def test_quarter_outside_plan(plan_with_reports):
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-3", "1.1", "2022-Q1", "2021-06-01", "planned", "x", "", "", "", "kachanskyi-m-yu"],
    )
    codes = {p.code for p in validate(plan_with_reports).errors}
    assert "plan-period-outside-plan" in codes


def test_evidence_link_must_be_http(plan_with_reports):
    append_rows(
        plan_with_reports / "progress_reports.csv",
        [
            "R-4",
            "1.1",
            "2021-Q2",
            "2021-06-01",
            "done",
            "x",
            "ftp://files.example.org/a",
            "website",
            "",
            "kachanskyi-m-yu",
        ],
    )
    [error] = validate(plan_with_reports).errors
    assert (error.code, error.row, error.field) == ("plan-evidence-not-http", 8, "evidence_url")


@pytest.mark.parametrize(
    ("link", "code"),
    [
        ("https://", "plan-evidence-no-host"),
        ("https://example.org/a https://example.org/b", "plan-evidence-two-links"),
        ("https://example.org/a,https://example.org/b", "plan-evidence-two-links"),  # passed
        ("https://web.archive.org/web/2021/https://kolomyia.gov.ua/news/1", None),  # one link: an archive's
        ("https://example.org/x y", "plan-evidence-spaces"),
        ("https://example.org/a\u00a0", "plan-evidence-padded"),  # a no-break space from Word
        ("https://example.org/a ", "plan-evidence-padded"),  # was "two links in one cell"
        ("http://localhost/report", "plan-evidence-local"),  # passed
        ("http://192.168.1.5/docs/report.pdf", "plan-evidence-local"),
    ],
)
def test_an_evidence_link_that_would_not_open_the_page_is_an_error(plan_with_reports, link, code):
    """The uri format lets these through, and the plan page made dead links of them."""
    row = ["R-4", "1.1", "2021-Q2", "2021-06-01", "done", "x", link, "website", "", "kachanskyi-m-yu"]
    append_rows(plan_with_reports / "progress_reports.csv", row)
    errors = validate(plan_with_reports).errors
    expected = [(code, 8, "evidence_url", link)] if code else []
    assert [(e.code, e.row, e.field, e.cell) for e in errors] == expected


def test_text_excel_runs_as_a_formula_and_cells_of_only_spaces_are_said(plan_with_reports):
    """Excel runs «-», «+» and «@» as formula signs too («- зустріч» is #NAME?), and a
    required summary of a space passed, published as blank."""
    row = ["R-4", "1.1", "2021-Q2", "2021-06-01", "planned", "x", "", "website", "", "kachanskyi-m-yu"]
    for number, (summary, channel) in enumerate(
        [("- зустріч з громадою", "website"), ("+380 67 123 4567", "website"), ("@kolomyia_rada", "TV"),
         ("-5", "website"), (" ", "website"), ("Звіт", "\u00a0")]
    ):
        cells = [f"R-{number + 10}", *row[1:5], summary, "", channel, *row[8:]]
        append_rows(plan_with_reports / "progress_reports.csv", cells)
    _, report = report_json(plan_with_reports, "--lang", "en")
    formulas = [w["message"] for w in report["warnings"] if w["type"] == "plan-formula"]
    signs = [re.search("starts with «(.)»", text).group(1) for text in formulas]
    assert signs == ["-", "+", "@"]  # «-5» is a number
    problems = report["errors"] + report["warnings"]
    blank = {(p["severity"], p["field"]) for p in problems if p["type"] == "plan-blank-cell"}
    assert blank == {("error", "summary"), ("warning", "channel")}  # the summary is required
    ukrainian = report_json(plan_with_reports)[1]["errors"]
    [summary] = [p for p in ukrainian if p["type"] == "plan-blank-cell"]
    assert summary["fix"] == "Впишіть значення або очистіть клітинку."


def test_a_task_id_a_spreadsheet_read_as_a_number_is_told_by_the_report_id(plan_with_reports):
    """«1.10» saved back as 1.1 is another task that exists: nothing caught it. A report
    id naming its task tells them apart; one naming the same task says nothing, nor one
    naming a task the plan does not have (2.10: «Імовірно, «2.10»» sent her to no task),
    nor one whose task is written longer than it names (1.10 under «…-1.1-…»)."""
    row = ["1.1", "2021-Q3", "2021-07-15", "done", "x", "https://kolomyia.org/a", "website", "", "koba-i-yu"]
    append_rows(plan_with_reports / "progress_reports.csv", ["2021-Q3-1.10-01", *row])
    append_rows(plan_with_reports / "progress_reports.csv", ["2021-Q3-1.1-02", *row])
    append_rows(plan_with_reports / "progress_reports.csv", ["2021-Q3-2.10-01", "2.1", *row[1:]])
    # the other way round: a spreadsheet never writes 1.1 as «1.10», so this is a report id slip
    append_rows(plan_with_reports / "progress_reports.csv", ["2021-Q3-1.1-03", "1.10", *row[1:]])
    code, report = report_json(plan_with_reports)
    assert code == 0
    said = [w for w in report["warnings"] if w["type"] == "plan-task-id-as-number"]
    assert [(w["row"], w["field"], w["cell"]) for w in said] == [(8, "task_id", "1.1")]
    # the value once, as every suggestion is said: not «впишіть «1.10»» and then «Імовірно, «1.10»»
    assert said[0]["fix"] == (
        "Якщо звіт про завдання 1.10, виправте task_id, а стовпець task_id відкривайте як текст. "
        "Імовірно, «1.10»."
    )


def test_the_plans_rules_name_the_value_meant_as_a_cells_error_does(plan_with_reports):
    """A link with a space after it and «1.10» read as 1.1 got no `suggestion`, though the
    value meant is clear, and a schema error's trailing space gets «Імовірно, …»."""
    row = ["2021-Q3", "2021-07-15", "done", "x"]
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["2021-Q3-1.1-09", "1.1", *row, "https://kolomyia.org/a ", "website", "", "koba-i-yu"],
        ["2021-Q3-1.10-01", "1.1", *row, "https://kolomyia.org/b", "website", "", "koba-i-yu"],
    )
    _, report = report_json(plan_with_reports)
    said = [p for p in report["errors"] + report["warnings"] if p["path"] == "progress_reports.csv"]
    assert [(p["type"], p["row"], p.get("suggestion")) for p in said] == [
        ("plan-evidence-padded", 8, "https://kolomyia.org/a"),
        ("plan-task-id-as-number", 9, "1.10"),
    ]
    assert said[0]["fix"] == "Приберіть пробіли навколо адреси. Імовірно, «https://kolomyia.org/a»."
    text = run_cli("validate", plan_with_reports, "--lang", "en").stdout
    assert "Probably «https://kolomyia.org/a»." in text
    assert "Probably «1.10»." in text


def test_a_row_written_the_ukrainian_way_gets_the_values_it_meant(plan_with_reports):
    """A report typed as Ukrainian documents write it: each type error's fix names the
    value meant, in words and as `suggestion`; a link without https:// is one error."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-7", "1.1", "2021-Q2", "15.06.2021", "done", "x", "www.kolomyia.gov.ua/news", "", "1 200",
         "kachanskyi-m-yu"],
    )
    code, report = report_json(plan_with_reports)
    assert code == 1
    errors = {e["field"]: e for e in report["errors"]}
    assert [e["field"] for e in report["errors"]] == ["report_date", "evidence_url", "reach"]
    assert errors["report_date"]["suggestion"] == "2021-06-15"
    assert errors["report_date"]["fix"].endswith("(РРРР-ММ-ДД). Імовірно, «2021-06-15».")
    assert errors["evidence_url"]["suggestion"] == "https://www.kolomyia.gov.ua/news"
    assert errors["reach"]["suggestion"] == "1200"
    _, english = report_json(plan_with_reports, "--lang", "en")
    assert english["errors"][0]["fix"].endswith("Probably «2021-06-15».")
    assert "suggestion" not in report["warnings"][0]


@pytest.mark.parametrize(
    ("lang", "messages", "fix"),
    [
        (
            "uk",
            [
                "Дня «2021-09-31» немає в календарі: у вересні 30 днів.",
                "Дня «31.09.2021» немає в календарі: у вересні 30 днів.",
                "Дня «29.02.2021» немає в календарі: у лютому 2021 року 28 днів.",
                "Значення «07.15.2021» не є датою (РРРР-ММ-ДД).",  # no 15th month: not a day of one
            ],
            "Звірте дату з документом, з якого її взято, і запишіть значення поля «report_date» як дату "
            "(РРРР-ММ-ДД).",
        ),
        (
            "en",
            [
                "There is no day «2021-09-31» in the calendar: September has 30 days.",
                "There is no day «31.09.2021» in the calendar: September has 30 days.",
                "There is no day «29.02.2021» in the calendar: February 2021 has 28 days.",
                "Value «07.15.2021» is not a date (YYYY-MM-DD).",
            ],
            "Check the date in the document it was taken from, and write field «report_date» as a date "
            "(YYYY-MM-DD).",
        ),
    ],
)
def test_a_date_no_calendar_has_is_called_so_not_a_wrong_notation(plan_with_reports, lang, messages, fix):
    """«2021-09-31» was "not a date (РРРР-ММ-ДД)", to be written as РРРР-ММ-ДД, which it
    is: the day is what is wrong, and the document it was copied from has the right one."""
    days = ["2021-09-31", "31.09.2021", "29.02.2021", "07.15.2021"]
    row = ["done", "x", "", "", "", "koba-i-yu"]
    rows = [[f"R-{n}", "1.1", "2021-Q3", day, *row] for n, day in enumerate(days, 1)]
    append_rows(plan_with_reports / "progress_reports.csv", *rows)
    code, report = report_json(plan_with_reports, "--lang", lang)
    assert code == 1
    dates = [e for e in report["errors"] if e["field"] == "report_date"]
    assert [e["message"] for e in dates] == messages
    assert [e["fix"] for e in dates[:3]] == [fix] * 3
    assert [e["type"] for e in dates] == ["type-error"] * 4
    assert not any("suggestion" in e for e in dates)


def test_a_day_no_calendar_has_in_a_fields_own_format_is_called_so(tmp_path):
    """«31.09.2021» in a field whose format is ``%d.%m.%Y`` is written as the field wants:
    it was "not a date (ДД.ММ.РРРР)", to be written as ДД.ММ.РРРР."""
    table = tmp_path / "orders.csv"
    table.write_text("id,signed\n1,31.09.2021\n2,30.09.2021\n3,2021-09-30\n", encoding="utf-8")
    schema = tmp_path / "orders.schema.json"
    fields = [{"name": "id", "type": "integer"}, {"name": "signed", "type": "date", "format": "%d.%m.%Y"}]
    schema.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema)
    assert code == 1
    assert [(e["row"], e["message"]) for e in report["errors"]] == [
        (2, "Дня «31.09.2021» немає в календарі: у вересні 30 днів."),
        (4, "Значення «2021-09-30» не є датою (ДД.ММ.РРРР)."),
    ]
    assert report["errors"][0]["fix"].startswith("Звірте дату з документом")


def test_a_datetime_on_a_day_no_calendar_has_is_called_so(tmp_path):
    """«2021-02-29T10:00:00Z» was "not a date and time (РРРР-ММ-ДДTгг:хх:сс)", as dates were."""
    table = tmp_path / "visits.csv"
    table.write_text("id,at\n1,2021-02-29T10:00:00Z\n2,2021-04-30T00:00:00\n", encoding="utf-8")
    schema = tmp_path / "visits.schema.json"
    fields = [{"name": "id", "type": "integer"}, {"name": "at", "type": "datetime"}]
    schema.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", "en")
    assert code == 1
    assert [(e["row"], e["message"]) for e in report["errors"]] == [
        (2, "There is no day «2021-02-29T10:00:00Z» in the calendar: February 2021 has 28 days."),
    ]


def test_a_yes_or_no_written_in_words_gets_the_fields_own_value(tmp_path):
    """«так» and Excel's «ІСТИНА» in a boolean column: the fix names the value meant, and
    a field with values of its own is named with them, not Table Schema's true/false."""
    table = tmp_path / "containers.csv"
    table.write_text("id,recycling,open\n1,так,так\n2,ІСТИНА,true\n3,maybe,Ні\n", encoding="utf-8")
    schema = tmp_path / "containers.schema.json"
    schema.write_text(
        json.dumps(
            {
                "fields": [
                    {"name": "id", "type": "integer"},
                    {"name": "recycling", "type": "boolean"},
                    {"name": "open", "type": "boolean", "trueValues": ["так"], "falseValues": ["ні"]},
                ]
            }
        )
    )
    code, report = report_json(table, "--schema", schema)
    assert code == 1
    found = [(e["row"], e["field"], e["cell"], e.get("suggestion")) for e in report["errors"]]
    assert found == [
        (2, "recycling", "так", "true"),
        (3, "recycling", "ІСТИНА", "true"),
        (3, "open", "true", "так"),
        (4, "recycling", "maybe", None),
        (4, "open", "Ні", "ні"),
    ]
    assert report["errors"][0]["message"] == "Значення «так» не є логічним значенням (true/false)."
    assert report["errors"][2]["message"] == "Значення «true» не є логічним значенням (так/ні)."
    assert report["errors"][2]["fix"] == (
        "Запишіть значення поля «open» як логічне значення (так/ні). Імовірно, «так»."
    )
    _, english = report_json(table, "--schema", schema, "--lang", "en")
    assert english["errors"][2]["message"] == "Value «true» is not a boolean (так/ні)."


def test_a_number_meant_is_suggested_with_the_fields_own_decimal_mark(tmp_path):
    """A field of Ukrainian amounts («1 234,5»): the value meant is written with its comma,
    not the dot that field would refuse too."""
    table = tmp_path / "amounts.csv"
    table.write_text('amt\n"12 345.00"\n1.5\n', encoding="utf-8")
    schema = tmp_path / "amounts.schema.json"
    field = {"name": "amt", "type": "number", "decimalChar": ",", "groupChar": " "}
    schema.write_text(json.dumps({"fields": [field]}))
    code, report = report_json(table, "--schema", schema)
    assert code == 1
    assert [(e["cell"], e.get("suggestion")) for e in report["errors"]] == [
        ("12 345.00", "12345,00"),
        ("1.5", "1,5"),
    ]


def test_a_whole_number_written_the_ukrainian_way_gets_the_integer_meant(plan_with_reports):
    """Reach «1 200,00» or «1200,00», as a Ukrainian spreadsheet writes a whole number, got
    no suggestion though «1200.0» got «1200»; «1,5» is no integer, and «1,000» may be a
    thousand or one, so neither gets one."""
    cells = ["1 200,00", "1200,00", "1\u202f200,0", "-1\u00a0500,00", "1,5", "1,000", "1 200,50"]
    row = ["1.1", "2021-Q2", "2021-06-15", "done", "x", "", "website"]
    rows = [[f"R-{n}", *row, cell, "koba-i-yu"] for n, cell in enumerate(cells, 1)]
    append_rows(plan_with_reports / "progress_reports.csv", *rows)
    code, report = report_json(plan_with_reports)
    assert code == 1
    found = [(e["cell"], e.get("suggestion")) for e in report["errors"] if e["field"] == "reach"]
    assert found == [
        ("1 200,00", "1200"),
        ("1200,00", "1200"),
        ("1\u202f200,0", "1200"),
        ("-1\u00a0500,00", "-1500"),
        ("1,5", None),
        ("1,000", None),
        ("1 200,50", None),
    ]
    assert report["errors"][0]["fix"].endswith("Імовірно, «1200».")


@pytest.mark.parametrize(
    ("declared", "meant"),
    [
        ({}, [None, None, "1200"]),  # a comma before three digits: a thousand, or a decimal mark?
        ({"groupChar": ","}, ["1200", "1000000", "1200"]),
        ({"decimalChar": ","}, [None, None, "1200"]),  # 1.2 is no integer
    ],
)
def test_a_comma_in_an_integer_is_read_by_the_fields_declared_notation(tmp_path, declared, meant):
    """«1,200» is 1200 where the field's groupChar is a comma, and 1.2 where its decimalChar
    is; a field that declares neither gets no suggestion for it."""
    table = tmp_path / "visits.csv"
    table.write_text('visits\n"1,200"\n"1,000,000"\n"1200,00"\n', encoding="utf-8")
    schema = tmp_path / "visits.schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "visits", "type": "integer", **declared}]}))
    code, report = report_json(table, "--schema", schema)
    assert code == 1
    assert [e.get("suggestion") for e in report["errors"]] == meant


def test_a_long_or_multi_line_cell_is_shortened_in_the_text_report_only(tmp_path):
    """Three errors in cells of whole texts printed 100,010 lines: the text report shows
    80 characters, the length, and the line breaks as «⏎»; JSON keeps the cell whole."""
    table = tmp_path / "texts.csv"
    long, lines = "Ї" * 200_000, "а\n" + "ба\n" * 2_000
    table.write_text(f'id,text\n1,{long}\n2,"{lines}"\n', encoding="utf-8")
    schema = tmp_path / "texts.schema.json"
    field = {"name": "text", "type": "string", "constraints": {"maxLength": 1000}}
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}, field]}))
    result = run_cli("validate", table, "--schema", schema)
    assert result.returncode == 1 and len(result.stdout.splitlines()) < 12
    assert f"Значення «{'Ї' * 80}… (200\u00a0000 символів)» довше за 1\u00a0000 символів." in result.stdout
    assert "Значення «а⏎ба⏎ба⏎" in result.stdout and "… (6\u00a0002 символи)»" in result.stdout
    english = run_cli("validate", table, "--schema", schema, "--lang", "en").stdout
    assert "… (200,000 characters)»" in english
    _, report = report_json(table, "--schema", schema)
    assert [e["cell"] for e in report["errors"]] == [long, lines]


def test_a_name_for_an_id_and_a_near_miss_of_an_allowed_value_are_named(plan_with_reports):
    """An officer types the person's name, not the id, and a status as she says it."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-8", "1.1", "2021-Q2", "2021-06-15", "Done", "x", "", "Social-Media", "", "Качанський М. Ю."],
        ["R-9", "1.1", "2021-Q2", "2021-06-15", "виконано", "x", "", "", "", "Kachanskyi"],
    )
    code, report = report_json(plan_with_reports)
    assert code == 1
    found = [(e["row"], e["field"], e["type"], e.get("suggestion")) for e in report["errors"]]
    assert found == [
        (8, "status", "constraint-error", "done"),
        (8, "channel", "constraint-error", "social media"),
        (8, "reported_by", "foreign-key", "kachanskyi-m-yu"),
        (9, "status", "constraint-error", "done"),  # the label of done in the schema's categories
        (9, "reported_by", "foreign-key", None),  # a surname in Latin letters is in no column
    ]
    assert report["errors"][2]["fix"].endswith("Імовірно, «kachanskyi-m-yu».")
    # the codes with the words an officer knows them by, in Ukrainian
    assert "done (виконано), partially_done (виконано частково)" in report["errors"][0]["fix"]
    _, english = report_json(plan_with_reports, "--lang", "en")
    assert "Use one of: planned, in_progress, done, partially_done" in english["errors"][0]["fix"]



def test_a_pattern_error_shows_an_example_of_the_value_not_only_the_regular_expression(plan_with_reports):
    """«Запишіть значення за шаблоном [0-9]{4}-Q[1-4]» says nothing to an officer; the
    plan's schema gives an example of each coded field, and the fix shows it."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R 8", "1.1", "Q3", "2021-06-15", "done", "x", "", "", "", "kachanskyi-m-yu"],
    )
    code, report = report_json(plan_with_reports)
    assert code == 1
    fixes = {e["field"]: (e["message"], e["fix"]) for e in report["errors"]}
    assert fixes["period"] == (
        "Значення «Q3» записано не за шаблоном поля (як-от «2021-Q3»).",
        "Запишіть значення у вигляді, як-от «2021-Q3» (шаблон [0-9]{4}-Q[1-4]).",
    )
    assert "як-от «2021-Q3-1.1-01»" in fixes["report_id"][1]
    _, english = report_json(plan_with_reports, "--lang", "en")
    assert english["errors"][1]["fix"] == "Write the value like «2021-Q3» (pattern [0-9]{4}-Q[1-4])."


def test_an_example_is_the_fields_own_or_its_descriptions_and_matches_the_pattern(tmp_path):
    table = tmp_path / "codes.csv"
    table.write_text("a,b,c\nx,x,x\n", encoding="utf-8")
    schema = tmp_path / "codes.schema.json"
    code = {"type": "string", "constraints": {"pattern": "[A-Z]{2}-[0-9]{2}"}}
    fields = [
        {"name": "a", "example": "AB-12", **code},
        {"name": "b", "description": "Код, наприклад «CD-34».", **code},
        {"name": "c", "description": "Код, наприклад «cd34».", **code},
    ]
    schema.write_text(json.dumps({"fields": fields}, ensure_ascii=False))
    _, report = report_json(table, "--schema", schema)
    assert [e["fix"] for e in report["errors"]] == [
        "Запишіть значення у вигляді, як-от «AB-12» (шаблон [A-Z]{2}-[0-9]{2}).",
        "Запишіть значення у вигляді, як-от «CD-34» (шаблон [A-Z]{2}-[0-9]{2}).",
        "Запишіть значення за шаблоном [A-Z]{2}-[0-9]{2}.",  # an example the pattern refuses is none
    ]


def test_a_letter_from_the_other_alphabet_gets_the_value_it_looks_like_and_is_named(plan_with_reports):
    """A Cyrillic «о» in «dоne», a Latin «I» in «Коба I.Ю.»: the cell shows as the value
    meant, so the fix names the value and the letters that only look like its own."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-8", "1.1", "2021-Q2", "2021-06-15", "dоne", "x", "", "сосial media", "", "Коба I.Ю."],
        ["р9", "1.1", "2021-Q2", "2021-06-15", "done", "x", "", "ТV", "", "kaсhanskyi-m-yu"],
    )
    code, report = report_json(plan_with_reports)
    assert code == 1
    found = [(e["row"], e["field"], e.get("suggestion")) for e in report["errors"]]
    assert found == [
        (8, "status", "done"),
        (8, "channel", "social media"),
        (8, "reported_by", "koba-i-yu"),
        (9, "report_id", "p9"),  # the Latin letter it looks like
        (9, "channel", "TV"),
        (9, "reported_by", "kachanskyi-m-yu"),
    ]
    fixes = [e["fix"] for e in report["errors"]]
    assert fixes[0].endswith("Імовірно, «done»: у клітинці літера «о» кирилична, а не латинська.")
    assert fixes[1].endswith("у клітинці літери «с», «о» кириличні, а не латинські.")
    assert fixes[2].endswith("Імовірно, «koba-i-yu»: у клітинці літера «I» латинська, а не кирилична.")
    _, english = report_json(plan_with_reports, "--lang", "en")
    assert english["errors"][0]["fix"].endswith("«done»: the letter «о» in the cell is Cyrillic, not Latin.")
    assert english["errors"][1]["fix"].endswith("the letters «с», «о» in the cell are Cyrillic, not Latin.")


def test_a_quarter_in_latin_roman_numerals_is_not_called_a_look_alike_letter(plan_with_reports):
    """«III квартал 2021» with Latin «I», as quarters are written, was told «у клітинці
    літера «I» латинська»: the value meant came from reading the quarter, not from the
    letters, and the same value with Cyrillic «ІІІ» said nothing of them."""
    row = ["1.1", "2021-06-15", "done", "x", "", "", "", "kachanskyi-m-yu"]
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-8", row[0], "III квартал 2021", *row[1:]],
        ["R-9", row[0], "ІІІ квартал 2021", *row[1:]],
    )
    for lang, words in (("uk", "Імовірно, «2021-Q3»."), ("en", "Probably «2021-Q3».")):
        code, report = report_json(plan_with_reports, "--lang", lang)
        assert code == 1
        periods = [e for e in report["errors"] if e["field"] == "period"]
        assert [(e["row"], e["suggestion"]) for e in periods] == [(8, "2021-Q3"), (9, "2021-Q3")]
        assert [e["fix"][-len(words) :] for e in periods] == [words, words]


def test_a_task_id_typed_without_its_dot_gets_the_id_not_the_task_of_that_sequence(plan_with_reports):
    """«21» was task 2.1, not the task whose sequence number is 21 (3.4)."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-8", "21", "2021-Q2", "2021-06-15", "done", "x", "", "", "", "koba-i-yu"],
        ["R-9", "12", "2021-Q2", "2021-06-15", "done", "x", "", "", "", "koba-i-yu"],
    )
    _, report = report_json(plan_with_reports)
    assert [(e["cell"], e.get("suggestion")) for e in report["errors"] if e["field"] == "task_id"] == [
        ("21", "2.1"),
        ("12", "1.2"),
    ]


def test_a_name_written_as_people_write_it_gets_the_persons_id(plan_with_reports):
    """Initials before the surname or without a dot, a full name (the people table has
    the initials): one person's id; a first name or initials alone are nobody's."""
    names = {
        "М.Ю. Качанський": "kachanskyi-m-yu",
        "Качанський М.Ю": "kachanskyi-m-yu",
        "Качанський Михайло Юрійович": "kachanskyi-m-yu",
        "Михайло Качанський": "kachanskyi-m-yu",
        "kachanskyi_m_yu": "kachanskyi-m-yu",
        "Токарчук Олег": "tokarchuk-o-v",
        "Коба І.Ю": "koba-i-yu",
        "Михайло": None,
        "М.М.": None,
        "Качанський О.В.": None,
    }
    row = ["1.1", "2021-Q2", "2021-06-15", "done", "x", "", "", ""]
    rows = [[f"R-{i}", *row, name] for i, name in enumerate(names)]
    append_rows(plan_with_reports / "progress_reports.csv", *rows)
    code, report = report_json(plan_with_reports)
    assert code == 1
    found = {e["cell"]: e.get("suggestion") for e in report["errors"] if e["field"] == "reported_by"}
    assert found == names


def test_two_people_in_one_reporters_cell_are_one_value_named_as_two(plan_with_reports):
    """A single field's value is quoted whole, though it holds ", "; the fix says the
    field takes one."""
    row = ["R-8", "1.1", "2021-Q2", "2021-06-15", "done", "x", "", "", "", "Качанський М.Ю., Коба І.Ю."]
    append_rows(plan_with_reports / "progress_reports.csv", row)
    _, report = report_json(plan_with_reports)
    [error] = report["errors"]
    assert error["message"] == (
        "Значення «Качанський М.Ю., Коба І.Ю.» не знайдено в «people»: у клітинці кілька значень, "
        "імовірно «kachanskyi-m-yu», «koba-i-yu»."
    )
    assert error["fix"].startswith("У полі «reported_by» може бути лише одне значення")
    assert "suggestion" not in error
    row[0], row[-1] = "R-9", "Токарчук О.В., Токарчук О.В."  # one person twice: that person
    append_rows(plan_with_reports / "progress_reports.csv", row)
    _, report = report_json(plan_with_reports)
    assert report["errors"][-1]["suggestion"] == "tokarchuk-o-v"


def test_a_lookup_table_is_read_once_for_the_tables_that_refer_to_it(plan_with_reports, monkeypatch):
    """Two tables name a person by name: each gets the id, from one reading of people."""
    from opendata.suggest import KeyGuesser

    reads = []
    index = KeyGuesser._index
    monkeypatch.setattr(KeyGuesser, "_index", lambda self, *key: reads.append(key) or index(self, *key))
    append_rows(plan_with_reports / "task_roles.csv", ["1.1", "executor", "2", "Качанський М. Ю."])
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-8", "1.1", "2021-Q2", "2021-06-15", "done", "x", "", "", "", "Качанський М. Ю."],
    )
    suggested = [p.suggestion() for p in validate(plan_with_reports).errors if p.code == "foreign-key"]
    assert suggested == ["kachanskyi-m-yu", "kachanskyi-m-yu"]
    assert reads == [("people", "person_id")]



def test_a_value_right_but_for_case_or_spaces_gets_it_in_the_fix(plan_with_reports):
    """A quarter typed «2021-q2», a date with a space before it, an id with one after
    it: each fix names the value, which a spreadsheet shows the same as the cell."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-8", "1.1", "2021-q2", " 2021-06-16", "done", "x", "https://x.ua/a", "", "", "kachanskyi-m-yu "],
    )
    code, report = report_json(plan_with_reports)
    assert code == 1
    found = [(e["field"], e.get("suggestion")) for e in report["errors"]]
    assert found == [("period", "2021-Q2"), ("report_date", "2021-06-16"), ("reported_by", "kachanskyi-m-yu")]



def test_a_task_id_that_excel_turned_into_a_date_gets_the_id_back(plan_with_reports):
    """Opened in a spreadsheet, «1.10» becomes 1 October and is saved as «01.жов»."""
    append_rows(plan_with_reports / "task_roles.csv", ["01.жов", "executor", "2", "kachanskyi-m-yu"])
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-8", "02.бер", "2021-Q2", "2021-06-15", "done", "x", "https://x.ua/a", "", "", "kachanskyi-m-yu"],
    )
    code, report = report_json(plan_with_reports)
    assert code == 1
    keys = [e for e in report["errors"] if e["type"] == "foreign-key"]
    found = [(e["path"], e["cell"], e.get("suggestion")) for e in keys]
    assert found == [("task_roles.csv", "01.жов", "1.10"), ("progress_reports.csv", "02.бер", "2.3")]


def test_the_plans_rules_read_a_table_saved_by_a_ukrainian_excel(plan_with_reports):
    """Semicolons, a BOM and CRLF: Frictionless reads such a file, and so must the
    plan's rules (read with commas, its rows were one cell each: no rule ran)."""
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-4", "1.1", "2021-Q2", "2021-09-15", "done", "x", "ftp://a.ua/x", "website", "",
         "kachanskyi-m-yu"],
    )  # fmt: skip
    for name in ("progress_reports.csv", "tasks.csv", "task_roles.csv", "decision.csv"):
        save_as_ukrainian_excel(plan_with_reports / name)
    code, report = report_json(plan_with_reports)
    assert code == 1
    assert [(e["type"], e["row"]) for e in report["errors"]] == [
        ("plan-date-outside-quarter", 8),
        ("plan-evidence-not-http", 8),
    ]
    assert [w["type"] for w in report["warnings"]] == ["plan-duplicate-number"]



def test_blank_rows_at_the_end_are_blank_rows_not_tasks_without_an_id(plan_copy):
    """A spreadsheet saves the rows it thinks are used: ",,,,," after the last task was
    a task "" without a leader or executor, whose fix asked for a row ",leader,1"."""
    with (plan_copy / "tasks.csv").open("a", encoding="utf-8") as stream:
        stream.write(",,,,,\n,,,,,\n")
    code, report = report_json(plan_copy)
    assert code == 1
    assert {e["type"] for e in report["errors"]} == {"blank-row", "primary-key"}
    assert {e["row"] for e in report["errors"]} == {37, 38}
    assert [w["type"] for w in report["warnings"]] == ["plan-duplicate-number"]



HEADER = "report_id,task_id,period,report_date,status,summary,evidence_url,channel,reach,reported_by"
ROW = "R1,1.1,2021-Q2,2021-06-15,done,x,https://x.ua/a,website,100,kachanskyi-m-yu"


@pytest.mark.parametrize(
    ("drop", "add", "first"),
    [
        (6, None, "Стовпця «evidence_url» (він має бути 7-м) у файлі немає, тож стовпці після"),
        (None, (2, "task_id", "1.1"), "Стовпець «task_id» у файлі двічі: 2-й і 3-й, тож стовпці після"),
        (None, (3, "notes", "x"), "Стовпець 4 «notes» зайвий, тож стовпці після нього зсунулися"),
        (9, None, None),  # the last column: Frictionless' "Бракує стовпця «reported_by»" says it
        (None, (10, "notes", "x"), None),  # a column added at the end shifts nothing
    ],
    ids=["deleted", "copied", "inserted", "last-deleted", "appended"],
)
def test_a_column_deleted_or_added_in_the_middle_is_named_first(plan_copy, drop, add, first):
    """Frictionless reports each column name and cell that a deleted column shifted: a
    missing evidence_url read as "Бракує стовпця «reported_by»" and «100» as a channel."""
    cells = [HEADER.split(","), ROW.split(",")]
    for line in cells:
        if drop is not None:
            del line[drop]
    if add is not None:
        place, label, value = add
        cells[0].insert(place, label)
        cells[1].insert(place, value)
    (plan_copy / "progress_reports.csv").write_text("\n".join(map(",".join, cells)) + "\n", encoding="utf-8")
    code, report = report_json(plan_copy)
    assert code == 1
    causes = [e for e in report["errors"] if e["type"].startswith("column-")]
    if first is None:
        assert causes == []
    else:
        assert report["errors"][0]["message"].startswith(first)
        assert len(causes) == 1 and causes[0]["row"] is None


def test_a_column_moved_or_the_header_deleted_is_named_first(plan_copy):
    """A column dragged to the end was six "Стовпець 5 називається «summary», а схема
    очікує «status»" (renaming it so would put summaries under status); a deleted
    header row was ten wrong names, and its first report went unchecked."""
    reports = plan_copy / "progress_reports.csv"
    cells = [line.split(",") for line in (HEADER, ROW)]
    moved = [line[:4] + line[5:] + line[4:5] for line in cells]
    reports.write_text("\n".join(map(",".join, moved)) + "\n", encoding="utf-8")
    _, report = report_json(plan_copy)
    first = report["errors"][0]
    assert (first["type"], first["field"]) == ("column-moved", "status")
    assert first["message"].startswith("Стовпець «status» стоїть 10-м, а має бути 5-м")
    assert first["fix"] == "Перенесіть стовпець «status» на 5-те місце і перевірте файл ще раз."

    reports.write_text(ROW + "\n" + ROW.replace("R1", "R2") + "\n", encoding="utf-8")
    _, report = report_json(plan_copy, "--lang", "en")
    first = report["errors"][0]
    assert (first["type"], first["row"]) == ("header-missing", None)
    assert first["fix"] == f"Insert the column names as the first row: {HEADER}."

    titles = "Ідентифікатор,Завдання,Період,Дата 2021,Стан,Зміст,Посилання,Канал 2,Охоплення 3,Хто звітує"
    reports.write_text(titles + "\n" + ROW + "\n", encoding="utf-8")  # titles, not data: words
    _, report = report_json(plan_copy)
    assert "header-missing" not in {e["type"] for e in report["errors"]}


def test_a_header_repeated_or_under_the_titles_is_one_problem(plan_copy):
    """The header copied again below (a Ukrainian Excel's file of semicolons) was nine
    errors on its row («Значення «period» записано не за шаблоном…»); the schema's titles
    as row 1 above the header were ten «Перейменуйте стовпець на «report_id»» (which
    did not help) and row 2's errors. Each is one problem with its fix."""
    reports = plan_copy / "progress_reports.csv"
    reports.write_text(f"{HEADER}\n{ROW}\n{HEADER}\n{ROW.replace('R1', 'R2')}\n", encoding="utf-8")
    save_as_ukrainian_excel(reports)
    code, report = report_json(plan_copy)
    assert code == 1
    assert [(e["type"], e["row"], e["message"], e["fix"]) for e in report["errors"]] == [
        (
            "header-repeated",
            3,
            "Рядок повторює заголовок: у ньому назви стовпців, а не значення.",
            "Видаліть рядок 3.",
        )
    ]

    schema = json.loads((plan_copy / "schemas" / "progress_reports.json").read_text(encoding="utf-8"))
    titles = ",".join(field["title"] for field in schema["fields"])
    reports.write_text(f"{titles}\n{HEADER}\n{ROW}\n{ROW.replace('R1', 'R2')}\n", encoding="utf-8")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    [error] = report["errors"]
    assert (error["type"], error["row"], error["fix"]) == (
        "header-titles",
        1,
        "Delete row 1: row 2 becomes the header.",
    )
    assert error["message"].startswith(
        "The first row holds the columns' titles (the schema's, such as «Ідентифікатор звіту»), "
        "and the header is row 2"
    )
    result = run_cli("validate", plan_copy, "--show", "0")
    assert "рядок 1: Перший рядок — назви стовпців словами" in result.stdout
    assert "Перейменуйте" not in result.stdout
    reports.write_text(f"{HEADER}\n{ROW}\n{ROW.replace('R1', 'R2')}\n", encoding="utf-8")  # the fix
    assert report_json(plan_copy)[0] == 0


def test_a_rows_cause_stands_in_its_row_among_the_tables_problems(plan_copy):
    """The repeated header and the note were listed before every other problem of the
    table, a row 4 before a row 3 of the plan's rules. Each stands in its row, before
    that row's errors, by either engine."""
    reports = plan_copy / "progress_reports.csv"
    late = ROW.replace("R1", "R2").replace("2021-06-15", "2021-08-01")  # not in 2021-Q2
    noted = ROW.replace("R1", "R3").replace("https://x.ua/a", "x.ua")
    reports.write_text(f"{HEADER}\n{ROW}\n{late}\n{HEADER}\n{noted},нотатка\n", encoding="utf-8")
    for engine in ("fast", "frictionless"):
        if engine == "frictionless":
            leave_the_reports_to_frictionless(plan_copy)
        _, report = report_json(plan_copy)
        assert [(e["type"], e["row"]) for e in report["errors"]] == [
            ("plan-date-outside-quarter", 3),
            ("header-repeated", 4),
            ("extra-cells", 5),
            ("type-error", 5),
        ]
        assert [t["engine"] for t in report["tables"] if t["resource"] == "progress_reports"] == [engine]


def test_a_header_repeated_or_under_the_titles_is_found_with_an_empty_column_saved(plan_copy):
    """A spreadsheet that saved an empty column ends every line with «,»: the repeated
    header and the titles above the header were missed, and the titles were ten «Rename
    the column» errors. The empty column is still named (Frictionless checks such a table)."""
    reports = plan_copy / "progress_reports.csv"
    schema = json.loads((plan_copy / "schemas" / "progress_reports.json").read_text(encoding="utf-8"))
    titles = ",".join(field["title"] for field in schema["fields"])
    second = ROW.replace("R1", "R2")
    reports.write_text(f"{HEADER},\n{ROW},\n{HEADER},\n{second},\n", encoding="utf-8")
    _, report = report_json(plan_copy)
    found = [(e["type"], e["row"]) for e in report["errors"]]
    assert found == [("extra-label", None), ("header-repeated", 3)]  # the column first: the whole table's
    assert [t["engine"] for t in report["tables"] if t["resource"] == "progress_reports"] == ["frictionless"]

    reports.write_text(f"{titles},\n{HEADER},\n{ROW},\n{second},\n", encoding="utf-8")
    _, report = report_json(plan_copy)
    assert [(e["type"], e["row"]) for e in report["errors"]] == [("header-titles", 1), ("extra-label", None)]

    reports.write_text(f"{HEADER}\n{ROW}\n{HEADER},\n{second}\n", encoding="utf-8")  # by the engine
    _, report = report_json(plan_copy)
    assert [(e["type"], e["row"]) for e in report["errors"]] == [("header-repeated", 3)]


@pytest.mark.parametrize(
    ("fields_match", "errors"),
    [
        ("subset", [("missing-label", "d")]),
        ("equal", [("extra-label", ""), ("missing-label", "d")]),
    ],
)
def test_columns_matched_by_name_are_not_said_to_have_moved(tmp_path, fields_match, errors):
    """With fieldsMatch "subset" or "equal" Frictionless matches the columns by name, and
    a header «b,a,c» for the fields a, b, d was also «Column «a» is number 1 but should be
    number 1, so the columns between moved», with the fix to move it where it stands."""
    (tmp_path / "t.csv").write_text("b,a,c\n1,x,5\n2,y,\n", encoding="utf-8")
    fields = [{"name": "a", "type": "string"}, {"name": "b", "type": "integer"}, {"name": "d"}]
    schema = {"fields": fields, "fieldsMatch": fields_match}
    (tmp_path / "t.json").write_text(json.dumps(schema), encoding="utf-8")
    _, report = report_json(tmp_path / "t.csv", "--schema", tmp_path / "t.json", "--lang", "en")
    assert [(e["type"], e["field"]) for e in report["errors"]] == errors
    assert "moved" not in json.dumps(report)


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_a_value_that_is_the_header_name_is_data_with_or_without_a_limit(tmp_path, engine):
    """With --limit-errors every row was read again, and a one-column table's legitimate
    value «word» (its header's name) was «Рядок повторює заголовок». A row is the header
    repeated only when its cells hold the names where values should be (errors of its
    own), the same with or without a limit."""
    schema = {"fields": [{"name": "word", "type": "string"}], "primaryKey": ["word"]}
    (tmp_path / "words.csv").write_text("word\nслово\nword\nслово\nдані\n", encoding="utf-8")
    resource = {"name": "words", "path": "words.csv", "schema": schema}
    if engine == "frictionless":  # a dialect with comments: the engine leaves it to Frictionless
        resource["dialect"] = {"commentChar": "#"}
    (tmp_path / "words.resource.json").write_text(json.dumps(resource), encoding="utf-8")
    for limit in ("0", "1"):
        _, report = report_json(tmp_path / "words.resource.json", "--limit-errors", limit)
        assert [(e["type"], e["row"]) for e in report["errors"]] == [("primary-key", 4)]
        assert [t["engine"] for t in report["tables"]] == [engine]


def test_comment_lines_are_not_read_as_the_header_or_rows(tmp_path):
    """With commentChar the rows were read again from the file with its comments: the
    comment above the header was taken for the header, the header for a row that repeats
    it («Delete row 2»), and each row's cells for cells «outside the table, beyond its last
    column «# Розклад…»»."""
    text = "# Розклад на 2024\na,b\n1,x\n# посередині\na,b\n1,y\n2,z,extra\n"
    (tmp_path / "c.csv").write_text(text, encoding="utf-8")
    schema = {"fields": [{"name": "a", "type": "integer"}, {"name": "b"}], "primaryKey": ["a"]}
    resource = {"name": "c", "path": "c.csv", "dialect": {"commentChar": "#"}, "schema": schema}
    (tmp_path / "c.resource.json").write_text(json.dumps(resource), encoding="utf-8")
    _, report = report_json(tmp_path / "c.resource.json", "--lang", "en")
    said = [(e["type"], e["row"], e["cell"]) for e in report["errors"]]
    assert said == [("header-repeated", 5, None), ("primary-key", 6, None), ("extra-cells", 7, "extra")]
    assert "beyond its last column «b»" in report["errors"][-1]["message"]


def test_comment_lines_stay_comments_in_a_file_of_semicolons(tmp_path):
    """The semicolons a Ukrainian Excel saves are declared from the header, and that
    declaration replaced the whole dialect: the commentChar was lost, and the comments were
    «рядок 1 … стоїть над ним», «# коментар» not an integer and cells missing. It is valid,
    as Frictionless finds it with the delimiter declared."""
    (tmp_path / "s.csv").write_text(
        "# Розклад\nid;name;date\n1;a;2024-01-01\n# коментар\n2;b;2024-01-15\n", encoding="utf-8"
    )
    fields = [{"name": "id", "type": "integer"}, {"name": "name"}, {"name": "date", "type": "date"}]
    resource = {"name": "s", "path": "s.csv", "dialect": {"commentChar": "#"}, "schema": {"fields": fields}}
    (tmp_path / "s.resource.json").write_text(json.dumps(resource), encoding="utf-8")
    code, report = report_json(tmp_path / "s.resource.json")
    assert (code, report["errors"], [t["rows"] for t in report["tables"]]) == (0, [], [2])
    declared = {**resource, "dialect": {"commentChar": "#", "csv": {"delimiter": ";"}}}
    assert frictionless.validate(declared, basepath=str(tmp_path)).valid


def test_empty_columns_a_spreadsheet_saved_are_named_by_number(plan_copy):
    """They were "Зайвий стовпець «», якого немає в схемі" twice, with the fix to add the
    field to the schema."""
    reports = plan_copy / "progress_reports.csv"
    reports.write_text(f"{HEADER},,\n{ROW},,\n", encoding="utf-8")
    _, report = report_json(plan_copy)
    blank = [e for e in report["errors"] if e["type"] == "extra-label"]
    assert [e["message"][:28] for e in blank] == [f"Зайвий стовпець {n} без назви" for n in (11, 12)]
    assert blank[0]["fix"].startswith("Видаліть стовпець 11")



def test_a_schema_value_that_must_be_a_string_is_called_text_not_a_row(tmp_path):
    """«має бути рядком»: «рядок» is also a table's row, in the same messages."""
    (tmp_path / "t.csv").write_text("id\n1\n", encoding="utf-8")
    schema = tmp_path / "t.schema.json"
    schema.write_text('{"fields": [{"name": "id", "type": "integer", "title": 5}]}', encoding="utf-8")
    result = run_cli("validate", tmp_path / "t.csv", "--schema", schema)
    assert "«title»: 5 має бути текстом у лапках." in result.stdout


def test_the_place_a_moved_column_goes_back_to_is_a_ukrainian_ordinal(plan_copy):
    """«на 3-те місце»: «третє» is written «3-тє», as the numeral ends."""
    cells = [line.split(",") for line in (HEADER, ROW)]
    moved = [line[:2] + line[3:] + line[2:3] for line in cells]
    (plan_copy / "progress_reports.csv").write_text("\n".join(map(",".join, moved)) + "\n", encoding="utf-8")
    first = report_json(plan_copy)[1]["errors"][0]
    assert first["fix"] == "Перенесіть стовпець «period» на 3-тє місце і перевірте файл ще раз."
    english = report_json(plan_copy, "--lang", "en")[1]["errors"][0]
    assert english["fix"] == "Move column «period» to the 3rd place and check the file again."


def test_a_column_name_with_a_cyrillic_letter_for_a_latin_one_says_which(plan_copy):
    """«stаtus» with a Cyrillic «а» shows just as «status»: "Стовпець 5 називається
    «stаtus», а схема очікує «status»" left the officer looking for a difference."""
    (plan_copy / "progress_reports.csv").write_text(HEADER.replace("status", "stаtus") + "\n" + ROW + "\n")
    _, report = report_json(plan_copy)
    [error] = report["errors"]
    assert error["message"].startswith("Стовпець 5 «stаtus» лише схожий на «status», якого чекає схема")
    assert "схема: літера «а» в ньому з іншої абетки" in error["message"]
    (plan_copy / "progress_reports.csv").write_text(HEADER.replace("channel", "сhаnnel") + "\n" + ROW + "\n")
    [error] = report_json(plan_copy, "--lang", "en")[1]["errors"]
    assert "its letters «с», «а» are from another alphabet" in error["message"]



def test_a_plan_table_refused_for_its_path_leaves_the_others_rules(plan_copy):
    """progress_reports pointing outside the package was refused, and with it every
    rule of the plan: a task without a leader passed unsaid."""
    descriptor = plan_copy / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace('"progress_reports.csv"', '"../x.csv"'), encoding="utf-8")
    roles = plan_copy / "task_roles.csv"
    roles.write_text("".join(line for line in roles.open() if not line.startswith("1.1,leader")))
    _, report = report_json(plan_copy)
    assert [e["type"] for e in report["errors"]] == ["unsafe-path", "plan-task-without-leader"]


def test_done_without_evidence_is_a_warning(plan_with_reports):
    append_rows(
        plan_with_reports / "progress_reports.csv",
        ["R-5", "1.1", "2021-Q2", "2021-06-01", "done", "x", "", "", "", "kachanskyi-m-yu"],
    )
    report = validate(plan_with_reports)
    assert report.valid
    assert "plan-done-without-evidence" in {p.code for p in report.warnings}


def test_task_without_leader_or_executor(plan_copy):
    roles = plan_copy / "task_roles.csv"
    kept = [
        line
        for line in roles.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("5.4,")
    ]
    roles.write_text("".join(kept), encoding="utf-8")
    errors = validate(plan_copy).errors
    assert {(e.code, e.row) for e in errors} == {
        ("plan-task-without-leader", 34),
        ("plan-task-without-executor", 34),
    }


def test_enum_and_type_errors_have_fixes_in_both_languages(plan_with_reports):
    append_rows(
        plan_with_reports / "progress_reports.csv",
        [
            "R-6",
            "1.1",
            "2021-Q2",
            "15.05.2021",
            "finished",
            "x",
            "",
            "fax",
            "-5",
            "kachanskyi-m-yu",
        ],
    )
    report = validate(plan_with_reports)
    found = {(p.code, p.field) for p in report.errors}
    assert ("type-error", "report_date") in found
    assert ("constraint-error", "status") in found
    assert ("constraint-error", "reach") in found
    status = next(p for p in report.errors if p.field == "status")
    message_uk, fix_uk = status.render("uk")
    message_en, fix_en = status.render("en")
    assert "finished" in message_uk and "done" in fix_uk
    assert "not one of the allowed values" in message_en and "in_progress" in fix_en
    date_error = next(p for p in report.errors if p.field == "report_date")
    assert "РРРР-ММ-ДД" in date_error.render("uk")[1]


@pytest.mark.parametrize(
    ("field_type", "field_format", "lang", "message", "fix"),
    [
        ("integer", "default", "uk", "не є цілим числом.", "як ціле число."),
        ("date", "default", "uk", "не є датою (РРРР-ММ-ДД).", "як дату (РРРР-ММ-ДД)."),
        ("string", "email", "uk", "не є адресою електронної пошти.", "як адресу електронної пошти."),
        ("integer", "default", "en", "is not an integer.", "as an integer."),
        ("date", "%d.%m.%Y", "uk", "не є датою (ДД.ММ.РРРР).", "як дату (ДД.ММ.РРРР)."),
        ("datetime", "default", "en", "a date and time (YYYY-MM-DDThh:mm:ss).", "(YYYY-MM-DDThh:mm:ss)."),
        ("time", "%H:%M", "uk", "не є часом (гг:хх).", "як час (гг:хх)."),
        ("date", "any", "en", "is not a date.", "as a date."),
        # strptime's other codes as words, not «%z» or «%p»
        ("datetime", "%Y-%m-%d %H:%M:%S%z", "uk", "(РРРР-ММ-ДД гг:хх:сс±ггхх).", "сс±ггхх)."),
        ("time", "%I:%M %p", "en", "is not a time (hh:mm AM/PM).", "as a time (hh:mm AM/PM)."),
        ("date", "%d %b %Y", "uk", "не є датою (ДД міс РРРР).", "як дату (ДД міс РРРР)."),
    ],
)
def test_type_error_names_the_type_in_the_case_each_sentence_needs(
    field_type, field_format, lang, message, fix
):
    params = {"field_type": field_type, "field_format": field_format}
    problem = Problem("type-error", row=2, field="f", cell="x", params=params)
    rendered_message, rendered_fix = problem.render(lang)
    assert rendered_message.endswith(message)
    assert rendered_fix.endswith(fix)


def test_text_output_groups_by_file_with_row_field_and_fix(plan_copy):
    append_rows(plan_copy / "task_roles.csv", ["9.9", "leader", "1", "tokarchuk-o-v"])
    result = run_cli("validate", plan_copy, "--lang", "en")
    assert result.returncode == 1
    assert "task_roles.csv" in result.stdout
    assert "row 129, field «task_id»" in result.stdout
    assert "Fix:" in result.stdout
    assert "Checked task_roles.csv: 128 rows\n" in result.stdout


def test_json_output_streams_errors_in_the_bytes_of_one_dump(plan_copy):
    """The errors are written one by one; the text is what one indented dump would be."""
    append_rows(plan_copy / "task_roles.csv", ["9.9", "leader", "1", "tokarchuk-o-v"])
    append_rows(plan_copy / "task_roles.csv", ["9.8", "leader", "2", "tokarchuk-o-v"])
    result = run_cli("validate", plan_copy, "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and len(report["errors"]) >= 2
    assert report["warnings"]  # task 1.8 printed twice: the list after the streamed one
    assert result.stdout.encode() == orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n"


@pytest.mark.parametrize(
    "data",
    [
        {"errors": [], "n": 0},
        {"a": {"b": [1, {"c": "ї"}]}, "errors": [{"x": [1, 2], "y": {}}, {"z": None}], "w": []},
        {"errors": [{"row": n, "cell": "}\n{"} for n in range(5)], "warnings": [[], "x", 3]},
    ],
)
@pytest.mark.parametrize("batch", [1_000, 2])  # items are written in batches of JSON_BATCH_ITEMS
def test_print_json_writes_iterators_as_the_lists_they_yield(data, batch, capsysbinary, monkeypatch):
    monkeypatch.setattr(cli, "JSON_BATCH_ITEMS", batch)
    cli.print_json(data)
    expected = capsysbinary.readouterr().out
    cli.print_json({key: iter(value) if isinstance(value, list) else value for key, value in data.items()})
    assert capsysbinary.readouterr().out == expected


# --- bad input: a clear message, never a traceback ----------------------------------------------


def test_missing_path_exits_2():
    code, report = report_json("no/such/package")
    assert code == 2
    assert report["readable"] is False
    assert report["errors"][0]["type"] == "path-missing"



def test_a_missing_schema_file_is_named_as_a_schema_not_the_package(tmp_path):
    """The fix said "by default the datapackage/ folder is checked" for --schema nope.json."""
    table = tmp_path / "t.csv"
    table.write_text("id\n1\n", encoding="utf-8")
    code, report = report_json(table, "--schema", tmp_path / "nope.json", "--lang", "en")
    assert code == 2
    [error] = report["errors"]
    assert error["type"] == "schema-path-missing"
    assert error["fix"] == "Give an existing schema file (JSON) after --schema."


def test_a_web_address_as_path_is_named_as_one_not_mangled_into_a_missing_file():
    """«https://example.org/datapackage.json» was «Path «https:/example.org/…» does not
    exist», one slash lost, even with --allow-remote."""
    url = "https://example.org/datapackage.json"
    result = run_cli("validate", url, "--allow-remote", "--lang", "en")
    assert result.returncode == 2
    assert f"«{url}» is a web address" in result.stdout
    download = f"curl -L -o datapackage.json {url}"
    assert f"Fix: Download the file first ({download}, or with a browser)" in result.stdout
    assert "https:/example" not in result.stdout
    code, report = report_json(url)
    [error] = report["errors"]
    assert (code, error["type"], error["path"]) == (2, "path-is-url", url)
    assert error["message"].startswith(f"«{url}» — адреса в мережі")


def test_a_web_address_as_schema_is_named_as_one(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("id\n1\n", encoding="utf-8")
    url = "http://example.org/t.schema.json"
    code, report = report_json(table, "--schema", url, "--lang", "en")
    [error] = report["errors"]
    assert (code, error["type"], error["path"]) == (2, "schema-is-url", url)
    assert error["fix"] == (
        f"Download the schema first (curl -L -o t.schema.json {url}, or with a browser) and give its path "
        "after --schema."
    )


@pytest.mark.parametrize(
    ("url", "download"),
    [
        (  # «&» unquoted sent curl to the background, and -O named the file «export?format=csv»
            "https://docs.google.com/spreadsheets/d/abc/export?format=csv&gid=0",
            "curl -L -o table.csv 'https://docs.google.com/spreadsheets/d/abc/export?format=csv&gid=0'",
        ),
        ("https://example.org/мій звіт.csv", "curl -L -o table.csv 'https://example.org/мій звіт.csv'"),
        ("ftp://example.org/x.csv", "curl -L -o x.csv ftp://example.org/x.csv"),
        ("FILE:///tmp/x.csv", "curl -L -o x.csv FILE:///tmp/x.csv"),
    ],
)
def test_an_address_of_any_scheme_is_named_with_a_download_command_that_pastes(url, download):
    """The command is quoted as a shell takes it and saves a file named for what it holds;
    an ftp:// or file:// address was «Шлях «ftp:/example.org/x.csv» не існує»."""
    result = run_cli("validate", url)
    assert result.returncode == 2
    assert f"«{url}» — адреса в мережі" in result.stdout
    assert f"Спершу завантажте файл ({download} або браузером)" in result.stdout
    command = shlex.split(download)
    assert command[-1] == url and len(command) == 5


def test_type_errors_of_the_types_frictionless_checks_teach_the_form_in_both_languages(tmp_path):
    """«Значення «200,24.9» не є geopoint. Як виправити: Запишіть … як geopoint»: the type's
    own English name, in a Ukrainian message, and nothing of how to write one."""
    table, schema = tmp_path / "t.csv", tmp_path / "t.schema.json"
    table.write_text('loc,dur,tags,parts,ids,n\n"200,24.9",1 day,{x},1;2,1;x,\n', encoding="utf-8")
    fields = [{"name": "loc", "type": "geopoint"}, {"name": "dur", "type": "duration"},
              {"name": "tags", "type": "object"}, {"name": "parts", "type": "array"},
              {"name": "ids", "type": "list", "delimiter": ";", "itemType": "integer"},
              {"name": "n", "type": "integer"}]
    schema.write_text(json.dumps({"fields": fields, "missingValues": ["NA"]}), encoding="utf-8")
    said = {}
    for lang in ("uk", "en"):
        code, report = report_json(table, "--schema", schema, "--lang", lang)
        assert code == 1
        said[lang] = {e["field"]: (e["message"], e["fix"]) for e in report["errors"]}
    assert said["uk"]["loc"] == (
        "Значення «200,24.9» не є географічною точкою («довгота, широта», як-от «25.04, 48.53»).",
        "Запишіть значення поля «loc» як географічну точку («довгота, широта», як-от «25.04, 48.53»).",
    )
    assert said["en"]["dur"][0] == (
        "Value «1 day» is not an ISO 8601 duration (such as P1D, a day; PT2H30M, 2 h 30 min)."
    )
    assert said["en"]["tags"][1] == 'Write field «tags» as a JSON object (such as {"a": 1}).'
    assert said["uk"]["parts"][0] == "Значення «1;2» не є масивом JSON (як-от [1, 2])."
    assert said["en"]["ids"][1] == "Write field «ids» as a list of integers separated by «;» (such as 1;2)."
    # missingValues ["NA"] leave out the empty cell: it is a value, and says so
    assert said["en"]["n"] == (
        "The cell is empty, and an empty cell is no missing value in this table: its missingValues are NA.",
        "Write one of the missing values (NA) in field «n», or a value: an integer.",
    )
    assert said["uk"]["n"][1] == (
        "Запишіть у поле «n» одне з пропущених значень (NA) або значення — ціле число."
    )


def test_a_list_is_named_with_its_items_type_and_its_length_counts_items(tmp_path):
    """«1;x» was «не є списком значень через «;» (як-от 1;2)», though it is one: its item «x»
    is no integer. A list's or an array's minLength and maxLength count its items, where the
    message said «довше за 2 символи … Скоротіть до 2 символів»."""
    table, schema = tmp_path / "t.csv", tmp_path / "t.schema.json"
    table.write_text('ids,few,many,parts\n1;x,1;2;3,1,"[1, 2]"\n', encoding="utf-8")
    listed = {"type": "list", "delimiter": ";", "itemType": "integer"}
    fields = [
        {"name": "ids", **listed},
        {"name": "few", **listed, "constraints": {"maxLength": 2}},
        {"name": "many", **listed, "constraints": {"minLength": 5}},
        {"name": "parts", "type": "array", "constraints": {"maxLength": 1}},
    ]
    schema.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    said = {}
    for lang in ("uk", "en"):
        code, report = report_json(table, "--schema", schema, "--lang", lang)
        assert code == 1
        said[lang] = [(e["field"], e["message"], e["fix"]) for e in report["errors"]]
    assert said["uk"] == [
        ("ids", "Значення «1;x» не є списком цілих чисел через «;» (як-от 1;2).",
         "Запишіть значення поля «ids» як список цілих чисел через «;» (як-от 1;2)."),
        ("few", "У значенні «1;2;3» більше за 2 елементи.", "Скоротіть список до 2 елементів."),
        ("many", "У значенні «1» менше за 5 елементів.", "Доповніть список до 5 елементів."),
        ("parts", "У значенні «[1, 2]» більше за 1 елемент.", "Скоротіть список до 1 елемента."),
    ]
    assert said["en"] == [
        ("ids", "Value «1;x» is not a list of integers separated by «;» (such as 1;2).",
         "Write field «ids» as a list of integers separated by «;» (such as 1;2)."),
        ("few", "Value «1;2;3» has more than 2 items.", "Shorten it to at most 2 items."),
        ("many", "Value «1» has fewer than 5 items.", "Make it at least 5 items long."),
        ("parts", "Value «[1, 2]» has more than 1 item.", "Shorten it to at most 1 item."),
    ]


def test_a_schema_whose_constraints_its_types_do_not_take_gets_a_fix_about_them(tmp_path):
    """The message named «constraint "pattern" is not supported by type "integer"», and the
    fix said the schema needs «fields», each with a «name» and a «type»: it has them."""
    table, schema = tmp_path / "t.csv", tmp_path / "t.schema.json"
    table.write_text("a,c\n12,7\n", encoding="utf-8")
    fields = [{"name": "a", "type": "integer", "constraints": {"pattern": "[0-9]{2}"}},
              {"name": "c", "type": "integer", "constraints": {"exclusiveMinimum": 5}}]
    schema.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    said = {}
    for lang in ("uk", "en"):
        code, report = report_json(table, "--schema", schema, "--lang", lang)
        [error] = report["errors"]
        assert (code, error["type"]) == (2, "schema-invalid")
        said[lang] = error["message"], error["fix"]
    assert said["en"][1].startswith("Remove the named constraints from their fields' «constraints»")
    assert "«fields»" not in said["en"][1] and "«fields»" not in said["uk"][1]
    assert said["uk"][0].endswith(
        "обмеження «pattern» не стосується типу «integer»; "
        "обмеження «exclusiveMinimum» потребує Data Package v2."
    )
    assert said["uk"][1].startswith("Приберіть названі обмеження з «constraints» їхніх полів")


@pytest.mark.parametrize("descriptor", ["resource", "package"])
def test_an_inline_schemas_constraints_its_types_do_not_take_get_the_same_fix(tmp_path, descriptor):
    """The same constraints in a schema written inside the descriptor got «Виправте опис
    відповідно до specs.frictionlessdata.io», where a schema file's named them and what to do."""
    (tmp_path / "t.csv").write_text("a,s\n12,x\n", encoding="utf-8")
    fields = [{"name": "a", "type": "integer", "constraints": {"pattern": "[0-9]{2}"}},
              {"name": "s", "type": "string", "constraints": {"minimum": 1}}]
    resource = {"name": "t", "path": "t.csv", "schema": {"fields": fields}}
    written = resource if descriptor == "resource" else {"name": "p", "resources": [resource]}
    (tmp_path / "t.json").write_text(json.dumps(written), encoding="utf-8")
    said = {}
    for lang in ("uk", "en"):
        code, report = report_json(tmp_path / "t.json", "--lang", lang)
        [error] = report["errors"]
        assert (code, error["type"]) == (2, "descriptor-invalid")
        said[lang] = error["message"], error["fix"]
    assert "обмеження «pattern» не стосується типу «integer»" in said["uk"][0]
    assert said["uk"][1].startswith("Приберіть названі обмеження з «constraints» їхніх полів")
    assert said["en"][1].startswith("Remove the named constraints from their fields' «constraints»")
    assert "specs.frictionlessdata.io" not in said["uk"][1] + said["en"][1]


def test_folder_without_descriptor_exits_2(tmp_path):
    code, report = report_json(tmp_path)
    assert code == 2 and report["errors"][0]["type"] == "no-descriptor"


def test_descriptor_that_is_not_json(plan_copy):
    (plan_copy / "datapackage.json").write_text('{"name": "x", "resources": [}', encoding="utf-8")
    result = run_cli("validate", plan_copy, "--lang", "en")
    assert result.returncode == 2
    assert "not valid JSON" in result.stdout and "line 1" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_schema_that_is_a_folder_or_no_table_schema_is_named(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("id\n1\n", encoding="utf-8")
    code, report = report_json(table, "--schema", tmp_path)
    assert (code, report["errors"][0]["type"]) == (2, "schema-not-a-file")
    schema = tmp_path / "t.schema.json"
    schema.write_text('{"fields": [{"type": "integer"}]}', encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", "en")
    [error] = report["errors"]
    assert (code, error["type"], error["path"]) == (2, "schema-invalid", str(schema))
    # Frictionless' note alone ("descriptor is not valid") does not say what is wrong
    assert "'name' is a required property" in error["message"]
    assert "Table Schema" in error["message"] and "«fields»" in error["fix"]


def test_the_tally_counts_empty_and_repeated_keys_apart(tmp_path):
    """Both are "primary-key" errors; one tally line gave them the first one's message."""
    table = tmp_path / "p.csv"
    table.write_text("id,n\n1,a\n,b\n1,c\n1,d\n,e\n2,f\n", encoding="utf-8")
    schema = tmp_path / "p.schema.json"
    fields = [{"name": "id", "type": "integer"}, {"name": "n", "type": "string"}]
    schema.write_text(json.dumps({"fields": fields, "primaryKey": ["id"]}), encoding="utf-8")
    result = run_cli("validate", table, "--schema", schema, "--show", "1", "--lang", "en")
    assert result.returncode == 1, result.stderr
    tally = [line.strip() for line in result.stdout.splitlines() if " × " in line]
    assert tally == [
        "2 × row 4: Identifier «1» (id) is already in row 2.",
        "1 × row 6: The primary key (id) is empty.",
    ]


@pytest.mark.parametrize(
    ("schema", "uk", "en"),
    [
        (
            {"fields": [{"name": "id", "type": "integr"}]},
            "тип поля «integr» не підтримується (імовірно, «integer»)",
            'field type "integr" is not supported (probably «integer»)',
        ),
        (
            {"fields": [{"name": "id", "type": "string", "format": "emial"}]},
            "«format»: 'emial' — не одне з ['default', 'email', 'uri', 'binary', 'uuid', 'wkt']"
            " (імовірно, «email»)",
            "'emial' is not one of ['default', 'email', 'uri', 'binary', 'uuid', 'wkt'] at property"
            " 'format' (probably «email»)",
        ),
        (
            {"fields": [{"name": "id", "type": "integer", "constraints": {"enum": "1"}}]},
            "«constraints/enum»: '1' має бути списком",
            "'1' is not of type 'array' at property 'constraints/enum'",
        ),
        (
            {"fields": [{"type": "integer"}]},
            "немає обов'язкової властивості «name»",
            "'name' is a required property",
        ),
    ],
)
def test_why_a_schema_is_not_valid_is_said_in_the_users_language(tmp_path, schema, uk, en):
    """Frictionless gives its reasons in English only; the Ukrainian message said
    "descriptor is not valid ('name' is a required property)"."""
    table = tmp_path / "t.csv"
    table.write_text("id\n1\n", encoding="utf-8")
    path = tmp_path / "t.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    for lang, reason in (("uk", uk), ("en", en)):
        code, report = report_json(table, "--schema", path, "--lang", lang)
        [error] = report["errors"]
        assert (code, error["type"]) == (2, "schema-invalid")
        assert error["message"].endswith(f": {reason}."), error["message"]


def test_schema_with_a_package_is_refused(tmp_path):
    """Not datapackage.json checked as a JSON table against the schema ("valid, 0 rows")."""
    code, report = report_json(PACKAGE, "--schema", PACKAGE / "schemas" / "tasks.json")
    assert (code, [e["type"] for e in report["errors"]]) == (2, ["schema-with-descriptor"])


def test_an_invalid_package_descriptor_says_what_is_wrong(tmp_path):
    (tmp_path / "datapackage.json").write_text('{"resources": [{"name": "a"}]}', encoding="utf-8")
    code, report = report_json(tmp_path, "--lang", "en")
    [error] = report["errors"]
    assert (code, error["type"]) == (2, "descriptor-invalid")
    assert 'one of the properties "path" or "data" is required' in error["message"]
    code, report = report_json(tmp_path)
    assert "потрібна одна з властивостей «path» чи «data»" in report["errors"][0]["message"]


@pytest.mark.parametrize(
    "name, text",
    [
        ("budget.txt", "id,name\n1,a\nx,b\n"),  # delimited text, as some systems export it
        ("budget.json", '[["id", "name"], [1, "a"], ["x", "b"]]'),
        ("budget.ndjson", '{"id": 1, "name": "a"}\n{"id": "x", "name": "b"}\n'),
    ],
)
def test_txt_and_json_tables_are_checked_as_tables(tmp_path, name, text):
    """Frictionless makes a .txt file a text resource and a .json one a JSON resource,
    and checks neither's rows: both were reported valid, with 0 rows."""
    table = tmp_path / name
    table.write_text(text, encoding="utf-8")
    schema = tmp_path / "budget.schema.json"
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]
    schema.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema)
    assert code == 1
    assert [(e["type"], e["row"], e["field"]) for e in report["errors"]] == [("type-error", 3, "id")]
    assert report["tables"][0]["rows"] == 2


def test_txt_and_json_resources_with_a_schema_are_checked_as_tables(tmp_path):
    fields = [{"name": "id", "type": "integer"}]
    (tmp_path / "a.txt").write_text("id\n1\nx\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('[{"id": 1}, {"id": "y"}]', encoding="utf-8")
    resources = [
        {"name": "a", "path": "a.txt", "schema": {"fields": fields}},
        {"name": "b", "path": "b.json", "schema": {"fields": fields}},
    ]
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    code, report = report_json(tmp_path)
    assert code == 1
    assert [(e["resource"], e["type"], e["row"]) for e in report["errors"]] == [
        ("a", "type-error", 3),
        ("b", "type-error", 3),
    ]
    (tmp_path / "resource.json").write_text(json.dumps(resources[0]), encoding="utf-8")
    code, report = report_json(tmp_path / "resource.json")
    assert (code, [(e["type"], e["row"]) for e in report["errors"]]) == (1, [("type-error", 3)])


@pytest.mark.parametrize(
    ("table", "fields", "uk", "en"),
    [
        (
            'p\n"1,2"\n',
            [{"name": "p", "type": "geopoint"}],
            "1 рядок (засобами Frictionless, бо швидкий рушій не читає тип «geopoint» поля «p»)",
            '1 row (by Frictionless: field "p" has unsupported type "geopoint")',
        ),
        (  # a column added in a spreadsheet: the most common reason an officer meets
            "p,note\n1,x\n",
            [{"name": "p", "type": "integer"}],
            "1 рядок (засобами Frictionless, бо стовпців у заголовку — 2, а полів у схемі — 1)",
            "1 row (by Frictionless: header has 2 labels but schema has 1 field)",
        ),
    ],
)
def test_a_table_frictionless_checks_says_why_in_the_users_language(tmp_path, table, fields, uk, en):
    (tmp_path / "g.csv").write_text(table, encoding="utf-8")
    (tmp_path / "g.json").write_text(json.dumps({"fields": fields}), encoding="utf-8")
    ukrainian = run_cli("validate", tmp_path / "g.csv", "--schema", tmp_path / "g.json")
    assert f"Перевірено g.csv: {uk}" in ukrainian.stdout, ukrainian.stdout
    english = run_cli("validate", tmp_path / "g.csv", "--schema", tmp_path / "g.json", "--lang", "en")
    assert f"Checked g.csv: {en}" in english.stdout, english.stdout
    _code, report = report_json(tmp_path / "g.csv", "--schema", tmp_path / "g.json")
    assert report["tables"][0]["engine"] == "frictionless"
    assert en.endswith(report["tables"][0]["fallback_reason"] + ")")  # JSON keeps the English


def test_a_foreign_key_between_types_that_never_match_is_said_and_whose_reason_it_is(tmp_path):
    """The fall back's reason was English in a Ukrainian report ("foreign key compares
    string ..."), and a foreign key target's own reason was said of the table checked.
    A table of inline data (the target here) was a traceback."""
    (tmp_path / "schools.csv").write_text("id,name\n1,Школа №1\n", encoding="utf-8")
    (tmp_path / "grants.csv").write_text("school,amount\n1,100\n", encoding="utf-8")
    schools = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}
    grants = {
        "fields": [{"name": "school", "type": "string"}, {"name": "amount", "type": "integer"}],
        "foreignKeys": [{"fields": "school", "reference": {"resource": "schools", "fields": "id"}}],
    }
    resources = [
        {"name": "schools", "path": "schools.csv", "schema": schools},
        {"name": "grants", "path": "grants.csv", "schema": grants},
    ]
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    said = run_cli("validate", tmp_path).stdout
    assert "зовнішній ключ порівнює поле «school» типу string з полем «id» типу integer" in said, said
    grants["fields"][0]["type"] = "integer"
    resources[0] = {"name": "schools", "data": [["id", "name"], [1, "Школа №1"]], "schema": schools}
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    said = run_cli("validate", tmp_path).stdout
    assert (
        "Перевірено grants.csv: 1 рядок (засобами Frictionless, бо зовнішній ключ посилається на таблицю "
        "«schools», а в ній формат «inline» швидкий рушій не читає)"
    ) in said, said


def test_a_foreign_key_between_types_that_never_match_says_so_in_each_row(tmp_path):
    """An integer «1» looked up among strings «1», «2» was «Значення «1» не знайдено в
    «ref». … Імовірно, «1».»: the value already in the cell, the types' difference said only
    at the end of the report."""
    (tmp_path / "ref.csv").write_text("code,name\n1,a\n2,b\n", encoding="utf-8")
    (tmp_path / "main.csv").write_text("id,code\n1,1\n2,3\n", encoding="utf-8")
    main = {
        "fields": [{"name": "id", "type": "integer"}, {"name": "code", "type": "integer"}],
        "foreignKeys": [{"fields": ["code"], "reference": {"resource": "ref", "fields": ["code"]}}],
    }
    ref = {"fields": [{"name": "code", "type": "string"}, {"name": "name", "type": "string"}]}
    resources = [
        {"name": "ref", "path": "ref.csv", "schema": ref},
        {"name": "main", "path": "main.csv", "schema": main},
    ]
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    _, report = report_json(tmp_path)
    assert [(e["row"], e["cell"]) for e in report["errors"]] == [(2, "1"), (3, "3")]
    first = report["errors"][0]
    assert first["message"] == (
        "Значення «1» не знайдено в «ref»: поле «code» має тип integer, а поле «code» у «ref» — string, "
        "і значення різних типів ніколи не збігаються."
    )
    assert first["fix"] == (
        "Дайте полю «code» і полю «code» таблиці «ref» однаковий тип у схемах і перевірте файл ще раз."
    )
    words = " ".join(run_cli("validate", tmp_path, "--lang", "en").stdout.split())
    assert "field «code» is of type integer, and field «code» in «ref» of type string" in words, words
    assert "Probably" not in words, words


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_a_composite_foreign_keys_values_are_quoted_one_by_one(tmp_path, engine):
    """The values were split at every «, » of Frictionless' note: «Коломия», «вул. Франка»,
    «7» for a street «вул. Франка, 7», and an empty city was «None»."""
    (tmp_path / "streets.csv").write_text('city,street\nКоломия,"вул. Шевченка, 5"\n', encoding="utf-8")
    (tmp_path / "addr.csv").write_text(
        'id,city,street\n1,Коломия,"вул. Шевченка, 5"\n2,Коломия,"вул. Франка, 7"\n3,,"вул. Франка, 7"\n',
        encoding="utf-8",
    )
    city, street = {"name": "city", "type": "string"}, {"name": "street", "type": "string"}
    addr = {
        "fields": [{"name": "id", "type": "integer"}, city, street],
        "foreignKeys": [
            {"fields": ["city", "street"], "reference": {"resource": "streets", "fields": ["city", "street"]}}
        ],
    }
    resources = [
        {"name": "streets", "path": "streets.csv", "schema": {"fields": [city, street]}},
        {"name": "addr", "path": "addr.csv", "schema": addr},
    ]
    if engine == "frictionless":  # a dialect with comments: the engine leaves it to Frictionless
        resources[1]["dialect"] = {"commentChar": "#"}
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    _, report = report_json(tmp_path, "--lang", "en")
    assert [(e["row"], e["message"], e["cell"]) for e in report["errors"]] == [
        (3, "Value «Коломия», «вул. Франка, 7» does not exist in «streets».", "Коломия, вул. Франка, 7"),
        (4, "Value «», «вул. Франка, 7» does not exist in «streets».", "None, вул. Франка, 7"),
    ]
    assert [t["engine"] for t in report["tables"]] == ["fast", engine]
    said = " ".join(run_cli("validate", tmp_path).stdout.split())
    assert "Значення «», «вул. Франка, 7» не знайдено в «streets»." in said, said


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_a_repeated_key_is_quoted_as_its_field_writes_it(tmp_path, engine):
    """Unique and primary-key messages quoted Python's values: «yearmonth(year=2024,
    month=1)», «True» for «так», «1.5» for «1,5», «2024-01-05 08:00:00+00:00». The JSON's
    cell stays Frictionless' (str of the value read)."""
    (tmp_path / "u.csv").write_text(
        'period,paid,amount,at\n2024-01,так,"1,50",2024-01-05T10:00:00+02:00\n2024-1,Так,"1,5",2024-01-05T08:00:00Z\n',
        encoding="utf-8",
    )
    unique = {"unique": True}
    fields = [
        {"name": "period", "type": "yearmonth", "constraints": unique},
        {"name": "paid", "type": "boolean", "trueValues": ["так", "Так"], "falseValues": ["ні"]},
        {"name": "amount", "type": "number", "decimalChar": ",", "constraints": unique},
        {"name": "at", "type": "datetime", "constraints": unique},
    ]
    fields[1]["constraints"] = unique
    resource = {"name": "u", "path": "u.csv", "schema": {"fields": fields, "primaryKey": ["period", "paid"]}}
    if engine == "frictionless":  # a dialect with comments: the engine leaves it to Frictionless
        resource["dialect"] = {"commentChar": "#"}
    (tmp_path / "u.resource.json").write_text(json.dumps(resource), encoding="utf-8")
    _, report = report_json(tmp_path / "u.resource.json", "--lang", "en")
    assert [t["engine"] for t in report["tables"]] == [engine]
    said = [(e["type"], e["message"].split(" is already")[0], e["cell"]) for e in report["errors"]]
    assert said == [
        ("unique-error", "Value «2024-01» in field «period»", "yearmonth(year=2024, month=1)"),
        ("unique-error", "Value «так» in field «paid»", "True"),
        ("unique-error", "Value «1,5» in field «amount»", "1.5"),
        ("unique-error", "Value «2024-01-05T08:00:00Z» in field «at»", "2024-01-05 08:00:00+00:00"),
        ("primary-key", "The combination «2024-01», «так» of fields period, paid", None),
    ]
    text = " ".join(run_cli("validate", tmp_path / "u.resource.json").stdout.split())
    assert "Поєднання «2024-01», «так» у полях period, paid уже є в рядку 2." in text, text


@pytest.mark.parametrize("content", [codecs.BOM_UTF8, b"\r\n", codecs.BOM_UTF8 + b"\n\n  \n"])
def test_a_file_of_only_a_byte_order_mark_or_line_breaks_is_empty(tmp_path, content):
    """It was "the source is empty" in English, with a fall back for "0 labels"."""
    (tmp_path / "t.csv").write_bytes(content)
    (tmp_path / "t.json").write_text(json.dumps({"fields": [{"name": "a"}, {"name": "b"}]}), encoding="utf-8")
    code, report = report_json(tmp_path / "t.csv", "--schema", tmp_path / "t.json", "--lang", "en")
    assert code == 1
    assert [(e["type"], e["fix"]) for e in report["errors"]] == [("file-empty", "Add the header row: a,b.")]


@pytest.mark.parametrize("with_schema", [False, True])
def test_a_web_page_saved_as_a_table_is_named(tmp_path, with_schema):
    """A link that served an error page: without a schema it parsed as a valid
    one-column table of markup."""
    table = tmp_path / "budget.csv"
    table.write_bytes(codecs.BOM_UTF8 + b"\n  <!DOCTYPE html>\n<html><body><h1>404</h1></body></html>\n")
    schema = tmp_path / "budget.schema.json"
    schema.write_text('{"fields": [{"name": "id", "type": "integer"}]}', encoding="utf-8")
    code, report = report_json(table, *(["--schema", schema] if with_schema else []))
    assert (code, [e["type"] for e in report["errors"]]) == (1, ["html-page"])
    assert report["tables"] == []



@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            lambda pkg: (pkg / "schemas" / "people.json").unlink(),
            "Файлу схеми «schemas/people.json» таблиці «people» немає, тож таблицю не перевірено.",
        ),
        (
            lambda pkg: (pkg / "schemas" / "people.json").write_text('{"fields": [],}'),
            "Файл «schemas/people.json» не є коректним JSON: очікувалася назва властивості в "
            "подвійних лапках.",
        ),
        (
            lambda pkg: (pkg / "schemas" / "people.json").write_text(
                '{"fields": [{"name": "a", "type": "data"}]}'
            ),
            "Схема таблиці «schemas/people.json» не відповідає специфікації Table Schema: тип поля «data» "
            "не підтримується.",
        ),
    ],
    ids=["missing", "not-json", "not-a-table-schema"],
)
def test_a_schema_file_that_cannot_be_read_is_named_not_a_traceback(plan_copy, spoil, message):
    """Frictionless reads a resource's schema file when first asked for it, from inside
    the checks: a missing or broken one was a traceback and no report. Now it is the
    table's error, and the tables that refer to it are checked without those keys."""
    spoil(plan_copy)
    code, report = report_json(plan_copy)
    assert code == 1
    [error] = report["errors"]
    assert (error["resource"], error["message"]) == ("people", message)
    assert_checked_without_keys_to_people(report, lang="uk")
    result = run_cli("build", plan_copy, "--out", plan_copy.parent / "dist")
    assert result.returncode == 1 and "Traceback" not in result.stderr



def test_tables_downloaded_without_their_schemas_folder_are_pointed_to_pull(plan_copy):
    """Files saved one by one from a dataset's page: datapackage.json and the CSVs, no
    schemas/. Each table's message said to put its schema file back, never how."""
    shutil.rmtree(plan_copy / "schemas")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    assert {e["type"] for e in report["errors"]} == {"schema-missing"}
    assert len(report["errors"]) == 6
    people = next(e for e in report["errors"] if e["resource"] == "people")
    assert "and so is the folder «schemas» beside datapackage.json" in people["message"]
    assert "opendata pull DATASET --out DIRECTORY" in people["fix"]
    code, report = report_json(plan_copy)
    assert "opendata pull НАБІР --out ПАПКА" in report["errors"][0]["fix"]


def test_a_workbook_saved_under_the_tables_name_is_named_as_a_workbook(plan_copy):
    """An .xlsx renamed to people.csv was "not UTF-8, encoding not recognised"."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["person_id", "surname"])
    workbook.save(plan_copy / "people.csv")
    code, report = report_json(plan_copy)
    assert code == 1
    [error] = report["errors"]
    assert (error["type"], error["path"]) == ("binary-file", "people.csv")
    assert error["message"].startswith("Файл «people.csv» — книга Excel")
    assert_checked_without_keys_to_people(report, lang="uk")


@pytest.mark.parametrize("declared", [{"compression": "gz"}, {}])  # {}: Frictionless reads .gz as gz
def test_a_compressed_resource_is_read_from_its_archive(tmp_path, declared):
    """A resource of a package declaring "compression": "gz" was refused as "not UTF-8,
    re-save it from Excel"; Frictionless reads it."""
    with gzip.open(tmp_path / "t.csv.gz", "wt", encoding="utf-8") as stream:
        stream.write("id,name\n1,Коломия\nx,Львів\n")
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}
    resource = {"name": "t", "path": "t.csv.gz", "format": "csv", **declared, "schema": schema}
    (tmp_path / "datapackage.json").write_text(json.dumps({"name": "p", "resources": [resource]}))
    code, report = report_json(tmp_path)
    assert code == 1
    [error] = report["errors"]
    assert (error["type"], error["row"], error["cell"]) == ("type-error", 3, "x")
    assert report["tables"][0]["rows"] == 2


def test_a_compressed_table_given_alone_is_read_from_its_archive(tmp_path):
    """`validate t.csv.gz --schema S` was refused: «не є таблицею, яку можна перевірити (.gz)»;
    the note for the fallback said «формат 'csv' чи стиснення», not which compression."""
    table, schema = tmp_path / "t.csv.gz", tmp_path / "t.schema.json"
    table.write_bytes(gzip.compress("id,name\n1,Коломия\nx,Львів\n".encode()))
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}))
    code, report = report_json(table, "--schema", schema)
    assert code == 1
    [error] = report["errors"]
    assert (error["type"], error["row"], error["cell"]) == ("type-error", 3, "x")
    assert report["tables"][0]["resource"] == "t" and report["tables"][0]["rows"] == 2
    said = run_cli("validate", table, "--schema", schema).stdout
    note = "Перевірено t.csv.gz: 2 рядки (засобами Frictionless, бо стиснений файл («gz») швидкий"
    assert note in said, said


@pytest.mark.parametrize(
    ("lang", "message", "fix"),
    [
        ("uk", "Файл «t.csv.gz» не розпаковується", "приберіть розширення архіву («.gz», «.zip»)"),
        ("en", "File «t.csv.gz» does not unpack", "remove the archive's extension («.gz», «.zip»)"),
    ],
)
def test_a_plain_table_under_an_archives_name_is_named_with_the_fix(tmp_path, lang, message, fix):
    """A pulled package wrote a plain CSV as «t.csv.gz»: Frictionless's «Not a gzipped file
    (b'id')», with the fix «see the Frictionless documentation»."""
    (tmp_path / "t.csv.gz").write_text("id\n1\n", encoding="utf-8")
    resource = {"name": "t", "path": "t.csv.gz", "schema": {"fields": [{"name": "id", "type": "integer"}]}}
    (tmp_path / "datapackage.json").write_text(json.dumps({"name": "p", "resources": [resource]}))
    code, report = report_json(tmp_path, "--lang", lang)
    assert code == 1
    [error] = report["errors"]
    assert (error["type"], error["path"]) == ("compression-error", "t.csv.gz")
    assert error["message"].startswith(message) and fix in error["fix"], error


@pytest.mark.parametrize(
    ("lang", "message", "fix"),
    [
        ("uk", "Файл «t.csv» — архів gzip, а не текст CSV", "Розпакуйте його (7-Zip, gunzip)"),
        ("en", "File «t.csv» is a gzip archive, not CSV text", 'add "compression": "gz" to its descriptor'),
    ],
)
def test_a_table_compressed_under_a_csv_name_is_named_as_an_archive(tmp_path, lang, message, fix):
    """A gzip file given as a table was "not UTF-8, encoding not recognised", with the
    advice to save it again from Excel."""
    table, schema = tmp_path / "t.csv", tmp_path / "t.schema.json"
    table.write_bytes(gzip.compress(b"id\n1\n"))
    schema.write_text('{"fields": [{"name": "id", "type": "integer"}]}', encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", lang)
    assert code == 1
    [error] = report["errors"]
    assert error["type"] == "binary-file" and error["message"].startswith(message) and fix in error["fix"]


def test_windows_1251_csv_is_named_not_read_as_mojibake(plan_copy):
    people = plan_copy / "people.csv"
    people.write_bytes(people.read_text(encoding="utf-8").encode("cp1251"))
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    [error] = report["errors"]  # people.csv's alone: not the tables that refer to it
    assert (error["path"], error["type"]) == ("people.csv", "wrong-encoding")
    assert "windows-1251" in error["message"]
    assert "UTF-8" in error["fix"]
    assert_checked_without_keys_to_people(report)


def test_a_utf8_file_declared_windows_1251_names_the_descriptors_encoding_not_mojibake(tmp_path):
    """Read as its descriptor said, every letter was mojibake: «Value «С‚Р°Рє» is not a
    boolean» and a dozen more, without a word about the encoding."""
    (tmp_path / "t.csv").write_text("name;open\nЦентр;так\nРинок;ні\n", encoding="utf-8")
    schema = {"fields": [{"name": "name", "type": "string"},
                         {"name": "open", "type": "boolean", "trueValues": ["так"], "falseValues": ["ні"]}]}
    descriptor = {"name": "stops", "path": "t.csv", "format": "csv", "encoding": "windows-1251",
                  "dialect": {"delimiter": ";"}, "schema": schema}
    (tmp_path / "resource.json").write_text(json.dumps(descriptor), encoding="utf-8")
    code, report = report_json(tmp_path / "resource.json", "--lang", "en")
    [error] = report["errors"]
    assert (code, error["path"], error["type"]) == (1, "t.csv", "wrong-encoding")
    assert error["message"].startswith("File «t.csv» is UTF-8, not windows-1251 as its descriptor says")
    assert error["fix"].startswith('Fix the descriptor of table «stops»: change "encoding": "windows-1251"')
    (tmp_path / "t.csv").write_bytes("name;open\nЦентр;так\n".encode("cp1251"))  # as declared: read
    assert report_json(tmp_path / "resource.json")[0] == 0


def assert_checked_without_keys_to_people(report: dict, lang: str = "en") -> None:
    """The tables whose foreign keys refer to people are checked without those keys, by
    the fast engine, and say which key was not checked and why."""
    unchecked = [w for w in report["warnings"] if w["type"] == "foreign-key-target-unread"]
    where = [(w["path"], w["field"]) for w in unchecked]
    assert where == [("task_roles.csv", "person_id"), ("progress_reports.csv", "reported_by")]
    said = {"en": "the table «people» could not be read", "uk": "таблицю «people» не вдалося прочитати"}
    assert all(said[lang] in w["message"] for w in unchecked)
    tables = {t["path"]: (t["rows"], t["engine"]) for t in report["tables"]}
    assert tables["task_roles.csv"] == (127, "fast") and "people.csv" not in tables



def test_lines_pasted_in_another_encoding_are_named_by_line(plan_copy):
    """A UTF-8 file with a line pasted from a windows-1251 one, after thousands of
    others: the line is named, and the fix is not to save the file again (that would
    garble the rest). A guess from the bytes around it, most of them UTF-8, named no
    encoding: "кодуванні unknown"."""
    people = plan_copy / "people.csv"
    filler = "".join(f"filler-{i},Особа {i},,,,,,\n" for i in range(20_000))
    pasted = "pasted,Андрусяк,М.М.,Андрусяк М.М.,,,,\n".encode("cp1251")
    people.write_bytes(people.read_bytes() + filler.encode() + pasted)
    code, report = report_json(plan_copy)
    assert code == 1
    [error] = report["errors"]
    assert error["message"] == (
        "Файл «people.csv» записано в UTF-8, але рядок файлу 20012 — ні: його, мабуть, вставлено з "
        "файлу в іншому кодуванні."
    )
    assert "не виправить" in error["fix"]
    [problem] = validate(plan_copy).errors
    assert problem.params["detected"] == "windows-1251"  # guessed from that line alone



def test_a_file_in_windows_1251_is_not_taken_for_lines_pasted_into_utf8(tmp_path):
    """In windows-1251, "Кі" (К, і) are two bytes that happen to make a UTF-8 letter: the
    first Cyrillic word of the file must not make it look written in UTF-8."""
    table = tmp_path / "cities.csv"
    table.write_bytes("id,city\n1,Кіровоград\n2,Коломия\n".encode("cp1251"))
    [problem] = validate(table).errors
    assert (problem.kind, problem.params["detected"]) == ("wrong-encoding", "windows-1251")


@pytest.mark.parametrize(
    ("tail", "kind", "words"),
    [
        (bytes(range(0x80, 0x100)), "wrong-encoding:unknown", "кодування не вдалося розпізнати"),
        ("Коломия".encode()[:-1], "wrong-encoding:truncated", "обривається посеред символу"),
    ],
)
def test_a_file_in_no_known_encoding_or_cut_short_is_said_in_ukrainian(tmp_path, tail, kind, words):
    """Both were "збережено в кодуванні unknown" / "an unknown encoding (truncated UTF-8)":
    English in a Ukrainian message, and the advice to save it as UTF-8 in Excel."""
    table = tmp_path / "table.csv"
    table.write_bytes(b"id,name\n1,ok\n2," + tail)
    [problem] = validate(table).errors
    assert problem.kind == kind
    code, report = report_json(table)
    assert code == 1
    message = report["errors"][0]["message"]
    assert words in message and not re.search(r"[A-Za-z]{4,}", message.replace("table.csv", ""))


@pytest.mark.parametrize("window", [4, 5, 7, 64])
def test_encoding_is_checked_window_by_window(tmp_path, monkeypatch, window):
    """Windows end between characters (Cyrillic is two bytes each), and a windows-1251
    row far into the file, or UTF-8 cut short at its very end, is still found."""
    monkeypatch.setattr("opendata.validate.UTF8_WINDOW", window)
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}))
    lines = "id,name\n" + "".join(f"{i},Коломия-{i}\n" for i in range(1, 50))
    table = tmp_path / "table.csv"
    table.write_bytes(lines.encode("utf-8"))
    assert validate(table, schema=schema).valid
    tail = "".join(f"{i},Коломийська громада-{i}\n" for i in range(50, 500))
    table.write_bytes(lines.encode("utf-8") + tail.encode("cp1251"))
    [problem] = validate(table, schema=schema).errors
    assert (problem.kind, problem.params["line"]) == ("wrong-encoding:mixed", 51)
    assert problem.params["detected"] == "windows-1251"
    table.write_bytes(lines.encode("utf-8") + "50,Коломия".encode()[:-1])
    [problem] = validate(table, schema=schema).errors
    assert (problem.kind, problem.params["detected"]) == ("wrong-encoding:truncated", None)


@pytest.mark.parametrize(
    "bad_row",
    [
        "250,Коломийська громада",  # a plain cell
        '250,"Коломия, Франка 1"',  # a quoted cell with the delimiter inside
        "250,ok,Коломия",  # a ragged row: the engine's Arrow reader meets it
    ],
)
@pytest.mark.parametrize("field_type", ["string", "geopoint"])  # the fast engine, and a fallback
def test_a_byte_past_the_first_window_is_found_by_the_engine_not_by_frictionless(
    tmp_path, monkeypatch, bad_row, field_type
):
    """Only the first window is checked before the table is read; the engine decodes
    the rest strictly, and a byte it cannot decode names the encoding of the file.
    Frictionless is not run on such a file, whether or not the engine supports its
    schema (it declines a geopoint field before reading a row)."""
    monkeypatch.setattr("opendata.validate.UTF8_FIRST", 64)

    def no_fallback(*args, **kwargs):
        raise AssertionError("Frictionless must not read a file that is not UTF-8")

    monkeypatch.setattr("opendata.engine.fall_back", no_fallback)
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}))
    table = tmp_path / "table.csv"
    head = "id,name\n" + "".join(f"{i},Коломия-{i}\n" for i in range(1, 40))
    tail = "".join(f"{i},Коломийська громада-{i}\n" for i in range(251, 400))
    table.write_bytes(head.encode() + (bad_row + "\n" + tail).encode("cp1251"))
    report = validate(table, schema=schema)
    [problem] = report.errors
    assert (problem.code, problem.params["detected"]) == ("wrong-encoding", "windows-1251")
    assert report.tables == []  # not read as a table (the audit relies on it)
    if field_type == "geopoint":  # the same file in UTF-8 falls back to Frictionless, visibly
        monkeypatch.undo()
        table.write_bytes(head.encode() + tail.encode())
        fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "geopoint"}]
        schema.write_text(json.dumps({"fields": fields}))
        report = validate(table, schema=schema)
        assert [t.engine for t in report.tables] == ["frictionless"]
        assert report.errors[0].code == "type-error"


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("{n},Коломия".encode()[:-1], "обривається посеред символу"),  # the last letter cut in half
        ("{n},ok,Коломия\n".encode("cp1251"), "рядок файлу 100002 — ні"),  # a ragged row pasted
    ],
)
def test_a_row_arrow_cannot_decode_past_the_first_window_prints_no_traceback(tmp_path, bad, words):
    """Past the first mebibyte (~5 MiB here), a row with a cell too many or too few that
    is not UTF-8 got the right message, then "Exception ignored in: <function
    read_batches.<locals>.handler> … Traceback … UnicodeDecodeError" on stderr."""
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}))
    table = tmp_path / "table.csv"
    rows = "".join(f"{i},Коломийська громада {i}\n" for i in range(1, 100_001))
    table.write_bytes(b"id,name\n" + rows.encode() + bad.replace(b"{n}", b"100001"))
    assert table.stat().st_size > 4 << 20
    result = run_cli("validate", table, "--schema", schema)
    assert result.returncode == 1 and words in result.stdout
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr


def test_utf8_with_bom_is_accepted(plan_copy):
    tasks = plan_copy / "tasks.csv"
    tasks.write_bytes(b"\xef\xbb\xbf" + tasks.read_bytes())
    report = validate(plan_copy)
    assert report.valid, [p.to_dict("en") for p in report.errors]


def test_ragged_rows(plan_copy):
    append_rows(plan_copy / "people.csv", ["extra-person", "Петренко", "П.П."])
    append_rows(
        plan_copy / "campaigns.csv",
        ["6", "VI", "Нова", "New", "kolomyia-2021-communication-plan", "зайве"],
    )
    report = validate(plan_copy)
    found = {(p.code, p.resource) for p in report.errors}
    assert ("missing-cell", "people") in found
    assert ("extra-cells", "campaigns") in found  # «зайве» beyond the last column, quoted


def test_a_quote_never_closed_is_named_where_it_opened(plan_with_reports):
    """Frictionless reports what follows from it (the last row lacks its cells); the
    cause is named first. A short last row with its quotes closed is only short (the
    plan's rules read such a row's missing cells as empty: they raised KeyError)."""
    reports = plan_with_reports / "progress_reports.csv"
    with reports.open("a", encoding="utf-8") as stream:
        stream.write('R-8,1.1,2021-Q2,2021-06-15,done,"Звіт, опубліковано,https://kolomyia.gov.ua/a,website,,x\n')
        stream.write("R-9,1.1,2021-Q2,2021-06-15,done,x,https://kolomyia.gov.ua/b,website,,kachanskyi-m-yu\n")
    code, report = report_json(plan_with_reports, "--lang", "en")
    assert code == 1
    first, *rest = report["errors"]
    assert (first["type"], first["row"], first["field"]) == ("unclosed-quote", 8, "summary")
    assert first["message"].startswith("A quote (\") opened in the cell of field «summary» is never closed")
    assert {(e["type"], e["row"]) for e in rest} >= {("missing-cell", 8)}

    lines = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[-1] = "R-9,1.1,2021-Q2,2021-06-15,done,\"Звіт\"\n"  # short, its quotes closed
    reports.write_text("".join(lines[:-2] + lines[-1:]), encoding="utf-8")
    _, short = report_json(plan_with_reports)
    found = [(e["type"], e["row"]) for e in short["errors"]]
    assert found[:2] == [("constraint-error", 8), ("missing-cell", 8)]  # and the plan's rules ran
    # reported_by is required: no «(можна порожню)» under «Обов'язкове поле … порожнє»
    [person] = [e for e in short["errors"] if e["type"] == "missing-cell" and e["field"] == "reported_by"]
    assert person["fix"] == "Додайте клітинку для «reported_by» і впишіть у неї значення: поле обов'язкове."
    [channel] = [e for e in short["errors"] if e["type"] == "missing-cell" and e["field"] == "channel"]
    assert channel["fix"] == "Додайте клітинку (можна порожню) для «channel»."
    assert "unclosed-quote" not in {e["type"] for e in short["errors"]}


def test_a_row_pasted_with_another_separator_is_named(plan_with_reports):
    """A row pasted from another table keeps its tabs (or semicolons): all of it is one
    cell, and Frictionless reports each other cell missing. The separator is named once
    for the row, before those errors; a row that is short by itself is only short."""
    reports = plan_with_reports / "progress_reports.csv"
    rows = reports.read_text(encoding="utf-8").splitlines()
    copied = rows[1].split(",")
    with reports.open("a", encoding="utf-8") as stream:
        stream.write("\t".join(["R-90", *copied[1:]]) + "\n")
        stream.write(";".join(["R-91", *copied[1:]]) + "\n")
        stream.write("R-92\n")  # short, with no separator in it
    last = len(rows) + 3
    code, report = report_json(plan_with_reports, "--lang", "en")
    assert code == 1
    pasted = [(e["row"], e["field"], e["message"]) for e in report["errors"] if e["type"] == "pasted-row"]
    assert [(row, field) for row, field, _ in pasted] == [(last - 2, "report_id"), (last - 1, "report_id")]
    assert pasted[0][2].startswith("The row's cells are separated by tabs")
    assert "semicolons" in pasted[1][2]
    assert {("missing-cell", last)} <= {(e["type"], e["row"]) for e in report["errors"]}

    _, uk = report_json(plan_with_reports)
    first = next(e for e in uk["errors"] if e["type"] == "pasted-row")
    assert first["message"].startswith("Клітинки рядка розділено табуляцією")
    assert "Текст за стовпцями" in first["fix"]
    # --limit-errors stops before the row's missing cells: the cause is still named, first
    _, limited = report_json(plan_with_reports, "--limit-errors", "2")
    assert [(e["type"], e["row"]) for e in limited["errors"] if e["path"] == "progress_reports.csv"] == [
        ("pasted-row", last - 2),
        ("constraint-error", last - 2),
    ]


def test_a_separator_inside_a_text_is_named_as_the_cause_in_a_short_excel_file(plan_copy):
    """A Ukrainian Excel's file of semicolons with a few rows, one with a semicolon
    typed into its text: Frictionless guessed no delimiter from such rows, and every
    column was "missing". The header names it; the row split in two is named first."""
    reports = plan_copy / "progress_reports.csv"
    with reports.open("a", encoding="utf-8") as stream:
        stream.write("R-1,1.1,2021-Q2,2021-04-15,done,Звіт,https://kolomyia.org/news/1,website,1200,koba-i-yu\n")
        stream.write("R-2,1.3,2021-Q2,2021-04-24,done,Анонс,https://kolomyia.org/news/2,website,3200,koba-i-yu\n")
    save_as_ukrainian_excel(reports)
    with reports.open("a", encoding="utf-8", newline="") as stream:
        stream.write("R-3;1.1;2021-Q2;2021-04-15;done;Зустріч; обговорення;https://kolomyia.org/a;website;;koba-i-yu\r\n")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    assert "missing-label" not in {e["type"] for e in report["errors"]}
    first = report["errors"][0]
    assert (first["type"], first["row"], first["field"]) == ("split-row", 4, None)
    assert "holds a semicolon without quotes" in first["message"]
    assert {e["row"] for e in report["errors"]} == {4}
    _, uk = report_json(plan_copy)
    assert "містить крапку з комою без лапок" in uk["errors"][0]["message"]


def test_a_note_typed_beyond_the_last_column_is_quoted_not_called_a_split_text(plan_copy):
    """A valid row with a note in a spare cell was said to hold "a comma without quotes"
    whose "values after it moved", and then again "more cells than the header", never
    quoting the note. Nothing moved: the note is quoted once, with its cell's number."""
    reports = plan_copy / "progress_reports.csv"
    noted = f"{ROW.replace('R1', 'R2')},перевірити з Качанським,"  # and a separator after it
    twice = f"{ROW.replace('R1', 'R3')},,уточнити,дата?"
    reports.write_text(f"{HEADER}\n{ROW}\n{noted}\n{twice}\n", encoding="utf-8")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    found = [(e["type"], e["row"], e["cell"], e["message"], e["fix"]) for e in report["errors"]]
    assert found == [
        (
            "extra-cells",
            3,
            "перевірити з Качанським",
            "Cell 11, «перевірити з Качанським», lies outside the table, "
            "beyond its last column «reported_by».",
            "Move this text into the column it belongs in (such as «summary»), or delete it.",
        ),
        (
            "extra-cells",
            4,
            "уточнити,дата?",
            "Cells 12, 13 («уточнити,дата?») lie outside the table, beyond its last column «reported_by».",
            "Move this text into the column it belongs in (such as «summary»), or delete it.",
        ),
    ]
    result = run_cli("validate", plan_copy, "--show", "0")
    assert "рядок 3: Клітинка 11 «перевірити з Качанським» стоїть поза таблицею" in result.stdout
    assert "без лапок" not in result.stdout and "більше клітинок" not in result.stdout


def test_a_note_across_spare_cells_of_a_small_file_leaves_the_header_in_row_1(plan_copy, tmp_path):
    """Frictionless guesses the header row from the rows' widths: in a file of a few rows,
    a note typed across spare cells («…,треба,перевірити,ще раз») made a data row the
    header, Frictionless checked the table, and every column was "named «R1»". The
    header of a table with a schema is row 1: the note is quoted once, by either engine."""
    schema = plan_copy / "schemas" / "progress_reports.json"
    table = tmp_path / "reports.csv"
    table.write_text(f"{HEADER}\n{ROW},треба,перевірити,ще раз\n", encoding="utf-8")
    _, report = report_json(table, "--schema", schema)
    assert [(e["type"], e["row"], e["cell"]) for e in report["errors"]] == [
        ("extra-cells", 2, "треба,перевірити,ще раз")
    ]
    assert [t["engine"] for t in report["tables"]] == ["fast"]

    fields = [{"name": "id", "type": "integer"}, {"name": "place", "type": "geopoint"}]
    (tmp_path / "places.json").write_text(json.dumps({"fields": fields}), encoding="utf-8")
    places = tmp_path / "places.csv"  # a geopoint: Frictionless checks it
    places.write_text('id,place\n1,"25.1,48.5",a,b,c\n2,"25.2,48.5",d,e,f\n', encoding="utf-8")
    _, report = report_json(places, "--schema", tmp_path / "places.json")
    assert [(e["type"], e["row"], e["cell"]) for e in report["errors"]] == [
        ("extra-cells", 2, "a,b,c"),
        ("extra-cells", 3, "d,e,f"),
    ]
    assert [t["engine"] for t in report["tables"]] == ["frictionless"]


@pytest.mark.parametrize(
    ("above", "found"),
    [
        ("", []),  # a blank first line: the header is below it
        ("Звіти про виконання плану", [("header-titles", 1)]),  # the sheet's title
        ("Звіти про виконання плану,,,,,,,,,", [("header-titles", 1)]),  # padded to the width
    ],
)
def test_a_line_above_the_header_is_not_called_a_repeated_header(plan_copy, above, found):
    """Declaring the header as row 1 (for the note above) made a package with a blank or a
    title line above its header invalid, «рядок 2 повторює заголовок: видаліть рядок 2»,
    the header itself; a title padded with commas had that advice before too. The title
    is named, in one cell or padded (the one-cell one passed as valid)."""
    reports = plan_copy / "progress_reports.csv"
    sample = (EXAMPLES / "progress_reports.sample.csv").read_text(encoding="utf-8")
    reports.write_text(f"{above}\n{sample}", encoding="utf-8")
    code, report = report_json(plan_copy, "--lang", "en")
    assert [(e["type"], e["row"]) for e in report["errors"]] == found
    assert code == (1 if found else 0)
    if found:
        assert report["errors"][0]["message"].startswith(
            "The header is row 2, and row 1 («Звіти про виконання плану») stands above it"
        )
        assert report["errors"][0]["fix"] == "Delete row 1: row 2 becomes the header."


@pytest.mark.parametrize("above", ["Звіти про виконання плану", "Звіти про виконання плану,,,,,,,,,", ""])
@pytest.mark.parametrize("more", [0, 8])  # a few rows, or enough for Frictionless to guess the header row
@pytest.mark.parametrize("excel", [False, True])
def test_the_plans_rules_read_the_rows_under_a_title_line(plan_copy, above, more, excel):
    """A title line above the header turned the plan's rules off: they took line 1 for the
    header, found none of their columns, and a date outside its quarter and an ftp:// link
    passed as valid ("0 помилок"), to be built. They read the header where Frictionless
    does, and the title is named first; rows are the file's lines."""
    reports = plan_copy / "progress_reports.csv"
    late = ROW.replace("2021-06-15", "2021-12-14")  # not in 2021-Q2
    ftp = ROW.replace("R1", "R2").replace("https://x.ua/a", "ftp://x.ua/a")
    fine = [ROW.replace("R1", f"R{n}") for n in range(3, 3 + more)]
    reports.write_text("\n".join([HEADER, late, ftp, *fine]) + "\n", encoding="utf-8")
    if excel:
        save_as_ukrainian_excel(reports)
        above = above.replace(",", ";")
    text = reports.read_text(encoding="utf-8-sig")
    reports.write_text(f"{above}\n{text}", encoding="utf-8-sig" if excel else "utf-8")
    code, report = report_json(plan_copy, "--lang", "en")
    title = [("header-titles", 1, None)] if above else []
    assert [(e["type"], e["row"], e["field"]) for e in report["errors"]] == [
        *title,
        ("plan-date-outside-quarter", 3, "report_date"),
        ("plan-evidence-not-http", 4, "evidence_url"),
    ]
    assert code == 1
    assert run_cli("build", plan_copy, "--out", plan_copy.parent / "build").returncode == 1


def test_every_task_needs_a_leader_under_a_title_line_of_its_roles(plan_copy):
    """Under a title line task_roles.csv had no «task_id» column for the rules: a task
    without its leader passed."""
    roles = plan_copy / "task_roles.csv"
    lines = roles.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line != "1.1,leader,1,tokarchuk-o-v"]
    roles.write_text("\n".join(["Ролі у завданнях", *kept]) + "\n", encoding="utf-8")
    _, report = report_json(plan_copy)
    assert [(e["type"], e["path"], e["row"]) for e in report["errors"]] == [
        ("plan-task-without-leader", "tasks.csv", 2),
        ("header-titles", "task_roles.csv", 1),
    ]


def test_a_note_of_a_table_checked_alone_is_not_sent_into_a_key_column(plan_copy, tmp_path):
    """Checked alone, the table's foreign keys are not checked, and the note's fix said
    to move it into one of them («such as «task_id»»), where the package's run says
    «summary». Either engine; a foreign key's field may be written as one name."""
    declared = json.loads((plan_copy / "schemas" / "progress_reports.json").read_text(encoding="utf-8"))
    for fk in declared["foreignKeys"]:
        fk["fields"], fk["reference"]["fields"] = fk["fields"][0], fk["reference"]["fields"][0]
    schema = tmp_path / "progress_reports.json"
    schema.write_text(json.dumps(declared), encoding="utf-8")
    table = tmp_path / "reports.csv"
    for blank, engine in (("", "fast"), (",", "frictionless")):  # an empty column: Frictionless
        noted = f"{ROW.replace('R1', 'R2')}{blank},нотатка"
        table.write_text(f"{HEADER}{blank}\n{ROW}{blank}\n{noted}\n", encoding="utf-8")
        _, report = report_json(table, "--schema", schema, "--lang", "en")
        [note] = [e for e in report["errors"] if e["type"] == "extra-cells"]
        assert note["fix"] == (
            "Move this text into the column it belongs in (such as «summary»), or delete it."
        )
        assert [t["engine"] for t in report["tables"]] == [engine]
    warned = [(w["type"], w["field"]) for w in report["warnings"] if w["type"] == "foreign-key-skipped"]
    assert warned == [("foreign-key-skipped", "task_id"), ("foreign-key-skipped", "reported_by")]


def test_a_separator_left_at_the_end_of_rows_is_no_text_split_in_two(tmp_path):
    """Each row ending in an empty extra cell was said to hold "a comma in a text"."""
    (tmp_path / "t.csv").write_text("id,name\n1,a,\n2,b,\n", encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps({"fields": [{"name": "id"}, {"name": "name"}]}), "utf-8")
    _, report = report_json(tmp_path / "t.csv", "--schema", tmp_path / "s.json")
    assert [e["type"] for e in report["errors"]] == ["extra-cell", "extra-cell"]


def test_a_row_with_an_extra_cell_beside_a_datetime_without_a_zone_and_a_zoned_bound_is_checked(tmp_path):
    """Hypothesis found it: the row's cause was looked for with Frictionless' own reading of
    its cells, which cannot compare «2024-01-05T10:00:00» with a minimum «…Z» (TypeError):
    a traceback instead of the report."""
    (tmp_path / "t.csv").write_text("id,at\n1,2024-01-05T10:00:00\n2,2024-01-05T11:00:00,extra\n", "utf-8")
    zoned = {"minimum": "2024-01-05T10:00:00Z"}
    fields = [{"name": "id", "type": "integer"}, {"name": "at", "type": "datetime", "constraints": zoned}]
    (tmp_path / "s.json").write_text(json.dumps({"fields": fields}), "utf-8")
    code, report = report_json(tmp_path / "t.csv", "--schema", tmp_path / "s.json")
    assert code == 1
    assert [(e["type"], e["row"]) for e in report["errors"]] == [
        ("constraint-error", 2), ("extra-cells", 3), ("constraint-error", 3)
    ]


def test_a_comma_row_pasted_into_a_file_of_semicolons_is_named(tmp_path):
    table = tmp_path / "budget.csv"
    rows = ["code;name;amount", *(f"{n};Програма {n};{n * 100}" for n in range(1, 30)), "30,Культура,200"]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")  # the rows a delimiter is sniffed from
    schema = tmp_path / "budget.schema.json"
    types = {"code": "integer", "name": "string", "amount": "integer"}
    fields = [{"name": name, "type": kind} for name, kind in types.items()]
    schema.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    code, report = report_json(table, "--schema", schema, "--lang", "en")
    assert code == 1
    first = report["errors"][0]
    assert (first["type"], first["row"], first["field"]) == ("pasted-row", 31, "code")
    assert "separated by commas" in first["message"]


def test_duplicate_and_blank_header(plan_copy):
    campaigns = plan_copy / "campaigns.csv"
    lines = campaigns.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = "campaign_id,numeral,title_uk,title_uk,decision_id\n"
    campaigns.write_text("".join(lines), encoding="utf-8")
    people = plan_copy / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace("first_name", "")
    people.write_text("".join(lines), encoding="utf-8")
    report = validate(plan_copy)
    codes = {(p.code, p.resource) for p in report.errors}
    assert ("duplicate-label", "campaigns") in codes
    assert ("blank-label", "people") in codes


def test_empty_file(plan_copy):
    (plan_copy / "progress_reports.csv").write_bytes(b"")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    [error] = report["errors"]
    assert error["type"] == "file-empty"
    assert "report_id,task_id" in error["fix"]


def test_missing_data_file(plan_copy):
    (plan_copy / "people.csv").unlink()
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    assert [(e["path"], e["type"]) for e in report["errors"]] == [("people.csv", "file-missing")]
    assert_checked_without_keys_to_people(report)


@pytest.mark.parametrize(
    ("saved_as", "variant"),
    [
        ("progress_reports.csv.csv", "renamed"),  # Windows hid the ending she typed
        ("progress_reports.csv.txt", "renamed"),
        ("progress_reports (1).csv", "renamed"),
        ("Progress_Reports.CSV", "renamed"),
        ("progress_reports.xlsx", "workbook"),
        ("progress_reports.csv.xlsx", "workbook"),
        ("progress_reports.ods", "workbook"),
        ("progress_reports_old.csv", None),  # another table: not named
        ("reports.xlsx", None),
    ],
)
def test_a_missing_table_saved_beside_under_another_name_is_named(plan_copy, saved_as, variant):
    """«Файлу немає … або виправте «path» у datapackage.json» was the wrong fix for a clerk
    whose table is there, under a name Windows or Excel gave it."""
    (plan_copy / "progress_reports.csv").rename(plan_copy / saved_as)
    code, report = report_json(plan_copy)
    assert code == 1
    [error] = report["errors"]
    assert (error["type"], error["path"]) == ("file-missing", "progress_reports.csv")
    if variant is None:
        assert "поруч" not in error["message"] and "datapackage.json" in error["fix"]
    else:
        assert f"поруч є{' книга' if variant == 'workbook' else ''} «{saved_as}»" in error["message"]
    if variant == "renamed":
        assert error["fix"].startswith(f"Перейменуйте «{saved_as}» на «progress_reports.csv».")
    if variant == "workbook":
        assert f"Відкрийте «{saved_as}» в Excel чи LibreOffice і збережіть як «CSV UTF-8" in error["fix"]
        assert error["fix"].endswith("під іменем «progress_reports.csv».")


def test_a_report_in_a_language_it_has_no_messages_in_is_refused_in_words(plan_copy):
    """to_dict("fr") raised a bare KeyError: 'fr' from deep in the messages."""
    (plan_copy / "people.csv").write_text("person_id\n", encoding="utf-8")  # a column missing
    report = validate(plan_copy)
    with pytest.raises(ValueError, match="no messages in 'fr': the report is in uk or en"):
        report.to_dict("fr")
    assert report.to_dict("en")["errors"][0]["message"]


def test_a_workbook_saved_after_the_table_beside_it_is_a_warning(plan_copy):
    """The clerk saved her new rows only in progress_reports.xlsx: validate said «Дані
    коректні» of the old CSV, and her rows were left out without a word."""
    table, workbook = plan_copy / "progress_reports.csv", plan_copy / "progress_reports.xlsx"
    workbook.write_bytes(b"PK\x03\x04")
    saved = table.stat().st_mtime
    os.utime(workbook, (saved + 60, saved + 60))
    result = run_cli("validate", plan_copy, "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert (
        "! The workbook «progress_reports.xlsx» is newer than «progress_reports.csv», "
        "but only «progress_reports.csv» is checked and published." in result.stdout
    )
    assert "save it as “CSV UTF-8 (Comma delimited)” named «progress_reports.csv»" in result.stdout

    os.utime(workbook, (saved - 60, saved - 60))  # kept from before: the CSV is the newer
    code, report = report_json(plan_copy)
    assert code == 0
    assert "newer-workbook" not in {w["type"] for w in report["warnings"]}


@pytest.mark.parametrize("path", ["../outside.csv", "/etc/passwd", "sub/../../x.csv"])
def test_paths_leaving_the_package_are_refused(plan_copy, path):
    descriptor = json.loads((plan_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][3]["path"] = path
    (plan_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    code, report = report_json(plan_copy)
    assert code == 1
    assert report["errors"][0]["type"] == "unsafe-path"
    assert report["errors"][0]["resource"] == "people"


def test_remote_paths_are_refused_unless_allowed(plan_copy):
    descriptor = json.loads((plan_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][3]["path"] = "https://example.org/people.csv"
    (plan_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    code, report = report_json(plan_copy)
    assert code == 1
    assert report["errors"][0]["type"] == "remote-path"
    assert "--allow-remote" in report["errors"][0]["fix"] or "allow-remote" in report["errors"][0]["fix"]


def test_single_table_with_schema(tmp_path):
    table = tmp_path / "reports.csv"
    table.write_text(
        "report_id,task_id,period,report_date,status,summary,evidence_url,channel,reach,reported_by\n"
        "A,1.1,2021-Q2,2021-13-01,done,x,https://e.org,website,1,p\n",
        encoding="utf-8",
    )
    code, report = report_json(table, "--schema", PACKAGE / "schemas" / "progress_reports.json")
    assert code == 1
    assert [(e["type"], e["row"], e["field"]) for e in report["errors"]] == [("type-error", 2, "report_date")]


def test_resource_descriptor(tmp_path, plan_copy):
    descriptor = {"name": "people", "path": "people.csv", "schema": "schemas/people.json"}
    (plan_copy / "resource.json").write_text(json.dumps(descriptor), encoding="utf-8")
    code, report = report_json(plan_copy / "resource.json")
    assert code == 0, report


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", "Зовнішній ключ «account» → «accounts» не перевірено: таблицю перевіряють окремо від пакета."),
        ("en", "Foreign key «account» → «accounts» not checked: the table is checked outside its package."),
    ],
)
def test_a_resource_descriptor_with_a_key_to_another_table_is_checked_without_it(tmp_path, lang, said):
    """It was an untranslated "package is required for foreign keys to other resources:
    "{fk}"", 0 rows checked, where the same table with --schema got this warning and
    every row checked.  A key to the table itself is still checked."""
    (tmp_path / "tx.csv").write_text("id,account,parent\n1,UA1,\n2,UA2,1\nx,UA3,9\n", encoding="utf-8")
    schema = {
        "fields": [
            {"name": "id", "type": "integer"},
            {"name": "account"},
            {"name": "parent", "type": "integer"},
        ],
        "foreignKeys": [
            {"fields": ["account"], "reference": {"resource": "accounts", "fields": ["id"]}},
            {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}},
        ],
    }
    descriptor = {"name": "tx", "path": "tx.csv", "schema": schema}
    (tmp_path / "tx.resource.json").write_text(json.dumps(descriptor), encoding="utf-8")
    code, report = report_json(tmp_path / "tx.resource.json", "--lang", lang)
    assert code == 1 and report["tables"][0]["rows"] == 3
    assert [(e["type"], e["row"]) for e in report["errors"]] == [("type-error", 4), ("foreign-key", 4)]
    [warning] = report["warnings"]
    assert (warning["type"], warning["message"]) == ("foreign-key-skipped", said)
    text = run_cli("validate", tmp_path / "tx.resource.json", "--lang", lang)
    assert said in text.stdout and "{fk}" not in text.stdout


def test_help_teaches():
    result = run_cli("validate", "--help", "--lang", "en")
    assert result.returncode == 0
    assert "Exit codes" in result.stdout and "--format" in result.stdout and "Examples" in result.stdout


def test_the_command_line_loads_the_library_only_for_a_command():
    """`opendata --help` answers at once: Frictionless, Polars and the engine (~0.6 s to
    import) are loaded by the commands that use them, Rich (~0.06 s) by what prints
    for people."""
    loaded_late = "{'frictionless', 'polars', 'numpy', 'rich'}"
    probe = f"import sys, opendata.cli; print(sorted({loaded_late} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _after_validate(options: list[str], expression: str) -> list[str]:
    """`opendata validate datapackage OPTIONS` in a fresh interpreter: its exit code and
    what ``expression`` is there afterwards."""
    probe = (
        "import gc, sys; from click.testing import CliRunner; from opendata import cli\n"
        "result = CliRunner().invoke(cli.main, ['validate', *sys.argv[1:]])\n"
        f"print(result.exit_code, {expression})"
    )
    command = [sys.executable, "-c", probe, str(PACKAGE), *options]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()


def test_validate_freezes_the_libraries_it_loads_and_collects_again():
    """The command imports without the garbage collector (collector.paused) and
    freezes what it imported; it must turn the collector back on, or a long validation's
    cycles would never be freed."""
    assert _after_validate([], "gc.isenabled(), gc.get_freeze_count() > 10_000") == ["0", "True", "True"]


def test_json_output_never_loads_rich():
    """Rich (~0.06 s to import) draws for people; a script's `--format json` run and
    its head start (engine.head_start) go without it."""
    assert _after_validate(["--format", "json"], "'rich' in sys.modules") == ["0", "False"]


def test_python_m_runs_every_command():
    """`python -m opendata.cli` is the same program: the audit command (defined last) included."""
    result = subprocess.run(
        [sys.executable, "-m", "opendata.cli", "audit", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "--portal" in result.stdout


def test_errors_spilled_to_disk_make_the_same_report(tmp_path, monkeypatch, capsys):
    """Past the engine's SPILL_AT errors a table's errors wait on disk and its problems
    are made as they are read: the JSON, the text report with its tally, and the
    counts are what they are with every error in memory."""
    from opendata.engine import order, reader

    schema = tmp_path / "schema.json"
    schema.write_text(
        json.dumps(
            {
                "fields": [
                    {"name": "id", "type": "integer"},
                    {"name": "day", "type": "date"},
                    {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
                ],
                "primaryKey": ["id"],
            }
        )
    )
    table = tmp_path / "table.csv"
    days = ["2021-01-01", "2021-13-01"]
    rows = [f"{i % 170},{days[i % 2]},{-i if i % 3 == 0 else i}" for i in range(1, 301)]
    table.write_text("id,day,n\n" + "\n".join(rows) + "\n,,\n", encoding="utf-8")
    monkeypatch.setattr(reader, "MIN_BATCH_ROWS", 50)

    def report() -> tuple[dict, str, int]:
        found = validate(table, schema=schema)
        cli.print_report(found, "uk")
        return found.to_dict("en"), capsys.readouterr().out, len(found.errors)

    in_memory = report()
    spills = []
    real_spill = order.ErrorLog._spill
    monkeypatch.setattr(order, "SPILL_AT", 40)
    monkeypatch.setattr(order.ErrorLog, "_spill", lambda log: spills.append(1) or real_spill(log))
    assert report() == in_memory
    assert len(spills) > 5
    assert in_memory[2] > 380 and "× рядок" in in_memory[1]  # 150 days, 100 n, 130 repeated ids, ...


@pytest.mark.slow
def test_two_million_errors_in_bounded_memory(tmp_path):
    """A date column in the wrong format, two million times: the errors wait on disk,
    so the command's memory does not grow with them (~0.9 GB when all were kept)."""
    schema = tmp_path / "schema.json"
    schema.write_text(
        json.dumps({"fields": [{"name": "id", "type": "integer"}, {"name": "day", "type": "date"}]})
    )
    table = tmp_path / "table.csv"
    with table.open("w", encoding="utf-8") as stream:
        stream.write("id,day\n")
        for start in range(0, 2_000_000, 100_000):
            days = (f"{i},{1 + i % 28:02d}.0{1 + i % 9}.2021\n" for i in range(start, start + 100_000))
            stream.write("".join(days))
    result = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, str(OPENDATA), "validate", str(table), "--schema", str(schema)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    code, peak_kib, stdout = result.stdout.split(maxsplit=2)
    assert int(code) == 1, result.stderr
    assert "2\xa0000\xa0000 помилок" in stdout and "1\xa0999\xa0950 × рядок 52, поле «day»" in stdout
    assert int(peak_kib) < 500 * 1024


@pytest.mark.slow
def test_200_mb_csv_validates_in_bounded_memory(tmp_path):
    schema = {
        "fields": [
            {"name": "id", "type": "integer", "constraints": {"required": True}},
            {"name": "district", "type": "string"},
            {"name": "amount", "type": "number", "constraints": {"minimum": 0}},
            {"name": "day", "type": "date"},
            {"name": "comment", "type": "string"},
        ]
    }
    (tmp_path / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    table = tmp_path / "big.csv"
    filler = "Коломийська громада відкриті дані " * 3
    with table.open("w", encoding="utf-8") as stream:
        stream.write("id,district,amount,day,comment\n")
        row = 0
        while stream.tell() < 200 * 1024 * 1024:
            lines = [
                f"{row + i},Центральний,{(row + i) % 1000}.5,2021-0{1 + (row + i) % 9}-15,{filler}\n"
                for i in range(10000)
            ]
            stream.write("".join(lines))
            row += 10000
    from tests.helpers import OPENDATA

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK_PROBE,
            str(OPENDATA),
            "validate",
            str(table),
            "--schema",
            str(tmp_path / "schema.json"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    code, peak_kib, _output = result.stdout.split(maxsplit=2)
    assert int(code) == 0
    assert int(peak_kib) < 1024 * 1024, f"peak RSS {int(peak_kib) / 1024:.0f} MiB"


def test_text_report_counts_what_it_does_not_print(tmp_path):
    schema = tmp_path / "schema.json"
    schema.write_text(
        json.dumps({"fields": [{"name": "id", "type": "integer"}, {"name": "email", "format": "email"}]})
    )
    table = tmp_path / "table.csv"
    rows = [f"x{i},user{i}@kolomyia.gov.ua" for i in range(8)] + [f"{i},not-an-email" for i in range(3)]
    table.write_text("id,email\n" + "\n".join(rows) + "\n", encoding="utf-8")

    short = run_cli("validate", table, "--schema", schema, "--show", "3", "--lang", "en")
    assert short.returncode == 1
    assert short.stdout.count("✗ row") == 3  # rows 2-4, in full with their fixes
    assert "…and 8 more in this file" in short.stdout
    assert "5 × row 5, field «id»: " in short.stdout  # x3..x7, the first of them as the example
    assert "3 × row 10, field «email»: " in short.stdout
    # the person's own command again, not `opendata validate`, which checks datapackage/
    again = f"opendata validate {table} --schema {schema} --lang en --show 0 (or --format json)"
    assert f"Shown in full: 3 per file; every one: {again}." in short.stdout
    before = run_cli("--lang", "en", "validate", table, "--schema", schema, "--show", "3")  # --lang first
    assert f"Shown in full: 3 per file; every one: {again}." in before.stdout
    spaced = tmp_path / "мій звіт.csv"
    spaced.write_bytes(table.read_bytes())
    one = run_cli("validate", spaced, "--schema", schema, "--show", "1", "--limit-errors", "5")
    again = f"opendata validate '{spaced}' --schema {schema} --limit-errors 5 --show 0 (або --format json)"
    assert f"Повністю показано по 1 з кожного файлу; усі по одній: {again}." in one.stdout

    every = run_cli("validate", table, "--schema", schema, "--show", "0", "--lang", "en")
    assert every.stdout.count("✗ row") == 11 and "more in this file" not in every.stdout


def test_ukrainian_text_groups_digits_with_spaces(tmp_path):
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}]}))
    table = tmp_path / "table.csv"
    table.write_text("id\n" + "".join(f"x{i}\n" for i in range(1100)), encoding="utf-8")
    uk = run_cli("validate", table, "--schema", schema)
    assert "…і ще 1\u00a0050 у цьому файлі" in uk.stdout
    assert "1\u00a0050 × рядок 52" in uk.stdout
    assert "table.csv: 1\u00a0100 рядків" in uk.stdout
    en = run_cli("validate", table, "--schema", schema, "--lang", "en")
    assert "…and 1,050 more in this file" in en.stdout and "1,100 rows" in en.stdout


@pytest.mark.parametrize(
    ("count", "lang", "text"),
    [
        (0, "uk", "0 помилок"),
        (1, "uk", "1 помилка"),
        (3, "uk", "3 помилки"),
        (11, "uk", "11 помилок"),
        (21, "uk", "21 помилка"),
        (1_000_022, "uk", "1\u00a0000\u00a0022 помилки"),
        (1, "en", "1 error"),
        (1_000_000, "en", "1,000,000 errors"),
    ],
)
def test_counts_take_the_form_the_language_needs(count, lang, text):
    assert counted(count, lang, "errors") == text


@pytest.mark.parametrize(
    ("limit", "message", "fix"),
    [
        (1, "довше за 1 символ.", "до 1 символу."),
        (2, "довше за 2 символи.", "до 2 символів."),
        (5, "довше за 5 символів.", "до 5 символів."),
        (21, "довше за 21 символ.", "до 21 символу."),
    ],
)
def test_length_limits_take_the_case_after_za_and_do(limit, message, fix):
    problem = Problem("constraint-error", cell="abc", params={"constraint": "maxLength", "limit": limit})
    uk_message, uk_fix = problem.render("uk")
    assert uk_message.endswith(message) and uk_fix.endswith(fix)
    en_message, _ = problem.render("en")
    assert en_message.endswith(f"longer than {limit} character{'s' if limit > 1 else ''}.")


def test_problems_sharing_params_render_as_each_would_alone():
    """A field's type and constraint errors share one params dict, and their messages
    are rendered once as templates of the row and the cell: braces in a cell, a field
    name, a pattern or a format stay text, and each problem gets its own cell."""
    shared = {"constraint": "pattern", "limit": "[A-Z]{2}-\\d{4}", "note": "{x}"}
    typed = {"field_type": "date", "field_format": "%d{%m}%Y"}
    cases = [
        ("constraint-error", "code {1}", shared, ["AB-{12}", "{cell}", "}{", None]),
        ("type-error", "day", typed, ["1.{2}.2024", "{row}", ""]),
        ("constraint-error", "name", {"constraint": "maxLength", "limit": 3}, ["abcd", "{ab}cd"]),
    ]
    for code, field, params, cells in cases:
        for lang in ("uk", "en"):
            messages = []
            for row, cell in enumerate(cells, start=2):
                problem = Problem(code, resource="t", path="t.csv", row=row, field=field, cell=cell)
                problem.params = params
                assert problem.render(lang) == problem._render(lang, row, cell)
                messages.append(problem.render(lang)[0])
            assert len(set(messages)) == len(cells)
            assert f"«{cells[0]}»" in messages[0]


def test_text_output_says_one_row_and_one_warning(tmp_path):
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}]}))
    table = tmp_path / "table.csv"
    table.write_text("id\nx\n", encoding="utf-8")
    uk = run_cli("validate", table, "--schema", schema)
    assert "table.csv: 1 рядок" in uk.stdout and "1 помилка, 0 попереджень." in uk.stdout
    en = run_cli("validate", table, "--schema", schema, "--lang", "en")
    assert "table.csv: 1 row\n" in en.stdout and "1 error, 0 warnings." in en.stdout


def test_progress_bar_on_a_terminal_counts_rows_as_the_language_writes_them(tmp_path):
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}]}))
    table = tmp_path / "table.csv"
    table.write_text("id\n" + "".join(f"{i}\n" for i in range(2500)), encoding="utf-8")
    command = [str(OPENDATA), "validate", str(table), "--schema", str(schema)]
    screen, terminal = os.openpty()  # stderr is a terminal: the bar is drawn there
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, timeout=120)
        os.close(terminal)
        drawn = b""
        with contextlib.suppress(OSError):  # EIO once everything written has been read
            while chunk := os.read(screen, 1 << 16):
                drawn += chunk
    finally:
        os.close(screen)
    assert result.returncode == 0
    assert "2\u00a0500 рядків".encode() in drawn
    assert "━".encode() in drawn and "━".encode() not in result.stdout  # the bar: stderr only


def test_progress_bar_shows_rows_per_second_on_a_terminal(tmp_path):
    """On a terminal `opendata validate` draws a bar per table with the rows read and
    how many a second; in a pipe (every other test) it draws nothing."""
    import pty

    table = tmp_path / "big.csv"
    table.write_text("id,name\n" + "".join(f"{i},Коломия-{i}\n" for i in range(1, 300_001)), encoding="utf-8")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}))
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    with subprocess.Popen(
        [str(OPENDATA), "validate", str(table), "--schema", str(schema)],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
    ) as proc:
        os.close(follower)
        drawn = b""
        with contextlib.suppress(OSError):  # EIO once the command has closed the terminal
            while chunk := os.read(leader, 65536):
                drawn += chunk
        assert proc.wait(timeout=120) == 0
    os.close(leader)
    text = drawn.decode("utf-8", "replace")
    assert "big.csv" in text or "big" in text
    rate = re.search(r"(\d[\d\xa0]*) ряд(?:ок|ки|ків)/с", text)  # "21 рядок/с", "2 500 рядків/с"
    assert rate, text[-2000:]
    assert int(rate.group(1).replace("\xa0", "")) < 100_000_000  # read over the bar's time, not two updates'
    assert "300 000 рядків" in text.replace("\xa0", " ")


@pytest.mark.parametrize(
    ("lang", "per_second", "expected"),
    [("uk", 2500, "2 500 рядків/с"), ("en", 2500, "2,500 rows/s"), ("uk", 21, "21 рядок/с")],
)
def test_rate_column_counts_as_the_language_does(lang, per_second, expected):
    from rich.progress import Progress

    now = [0.0]
    bar = Progress(get_time=lambda: now[0])
    task = bar.add_task("table.csv")
    rate = cli._Rate(lang, "rows")
    assert rate(bar.tasks[0]) == ""  # no estimate before the first rows
    for second in range(1, 4):
        now[0] = float(second)
        bar.update(task, completed=per_second * second, advanced_at=now[0])  # as `_progress.update`
    assert rate(bar.tasks[0]).replace("\xa0", " ") == expected


def test_a_table_frictionless_cannot_check_is_reported_not_a_traceback(tmp_path):
    """A sniffed dialect the fast engine declines (a space after the delimiter) sends
    the table to Frictionless, which stops at a value with a time zone against a
    bound without one: the report says the table was not checked, and why."""
    table = tmp_path / "t.csv"
    table.write_text('a,b,when\n"1,5", 2,2024-01-05T10:00:00Z\n', encoding="utf-8")  # found by Hypothesis
    schema = tmp_path / "s.json"
    schema.write_text(
        json.dumps(
            {
                "fields": [
                    {"name": "a", "type": "number"},
                    {"name": "b", "type": "number"},
                    {"name": "when", "type": "datetime", "constraints": {"maximum": "2024-06-01T00:00:00"}},
                ]
            }
        )
    )
    code, report = report_json(table, "--schema", schema, "--lang", "en")
    assert code == 1
    assert [t["engine"] for t in report["tables"]] == ["frictionless"]
    [error] = report["errors"]
    assert error["type"] == "incomparable-bound" and "time zone" in error["fix"]


def test_a_bound_frictionless_cannot_read_is_reported_not_a_traceback(tmp_path):
    """A minimum its own field does not read (no time «25:00:00»): Frictionless stops at
    the first cell, and the fast engine called the cells out of bounds.  The schema is what
    is wrong: one problem, when it is opened, whichever engine would read the table."""
    table = tmp_path / "t.csv"
    table.write_text("when\n10:00:00\n", encoding="utf-8")
    schema = tmp_path / "s.json"
    field = {"name": "when", "type": "time", "constraints": {"minimum": "25:00:00"}}
    for missing in (["-"], [""]):
        schema.write_text(json.dumps({"fields": [field], "missingValues": missing}))
        code, report = report_json(table, "--schema", schema, "--lang", "en")
        [error] = report["errors"]
        assert (code, report["readable"], error["type"]) == (2, False, "schema-bound")
        assert "the minimum «25:00:00» of field «when» is not a time (hh:mm:ss)" in error["message"]


def test_a_bound_written_in_another_format_than_its_fields_is_one_schema_problem(tmp_path):
    """A date's minimum «01.01.2024» for ISO dates, or «2024-01-01» for «%d.%m.%Y» ones,
    made nearly every row an error with a false message (1,979 of 2,000 rows)."""
    table = tmp_path / "budget.csv"
    table.write_text("amt,d,day\n\"0,6\",2024-06-01,01.06.2024\n", encoding="utf-8")
    schema = tmp_path / "budget.schema.json"
    fields = [
        {"name": "amt", "type": "number", "decimalChar": ",", "constraints": {"enum": ["0,6", "x"]}},
        {"name": "d", "type": "date", "constraints": {"minimum": "01.01.2024"}},
        {"name": "day", "type": "date", "format": "%d.%m.%Y", "constraints": {"maximum": "2024-12-31"}},
    ]
    schema.write_text(json.dumps({"fields": fields}))
    result = run_cli("validate", table, "--schema", schema)
    assert result.returncode == 2
    assert result.stdout.count("Як виправити") == 1
    assert (
        "дозволене значення (enum) «x» поля «amt» не є числом (десятковий знак «,»); "
        "мінімум «01.01.2024» поля «d» не є датою (РРРР-ММ-ДД); "
        "максимум «2024-12-31» поля «day» не є датою (ДД.ММ.РРРР)."
    ) in result.stdout
    fields[1]["constraints"]["minimum"] = "2024-01-01"
    fields[2]["constraints"]["maximum"] = "31.12.2024"
    del fields[0]["constraints"]["enum"]
    schema.write_text(json.dumps({"fields": fields}))
    assert report_json(table, "--schema", schema)[0] == 0


def test_a_table_without_a_schema_is_said_to_be_checked_for_structure_only(tmp_path):
    """A file saved to Downloads, checked alone: "valid" whatever its values were."""
    table = tmp_path / "progress_reports.csv"
    table.write_text("report_id,status\nR-1,виконано\n", encoding="utf-8")
    result = run_cli("validate", table, cwd=tmp_path)
    assert result.returncode == 0
    assert "Файл «progress_reports.csv» перевірено без схеми" in result.stdout
    assert f"opendata validate {table} --schema СХЕМА.json" in result.stdout
    spaced = tmp_path / "мій звіт.csv"
    spaced.write_bytes(table.read_bytes())
    assert f"opendata validate '{spaced}' --schema СХЕМА.json" in run_cli("validate", spaced).stdout
    warnings = json.loads(run_cli("validate", table, "--format", "json").stdout)["warnings"]
    assert [w["type"] for w in warnings] == ["schema-none"]
    # in English, the command given answers in English too
    english = run_cli("validate", table, "--lang", "en").stdout
    assert f"opendata validate {table} --schema SCHEMA.json --lang en," in english


def test_a_national_csvw_schema_is_converted_and_said_so(tmp_path):
    """The Ministry's structures are CSV on the Web (tableSchema.columns): they were refused
    as «немає обов'язкової властивості «fields»»."""
    from opendata import national

    header = ",".join(f["name"] for f in national.table_schema("register")["fields"])
    table = tmp_path / "register.csv"
    table.write_text(header + "\n" + "x," * header.count(",") + "x\n", encoding="utf-8")
    register = Path(national.__file__).parent / "national_schemas" / "register.json"
    code, report = report_json(table, "--schema", register)
    assert [w["type"] for w in report["warnings"]] == ["schema-csvw"]
    assert "перетворено на Table Schema" in report["warnings"][0]["message"]
    assert code == 1 and {e["field"] for e in report["errors"]} == {"url"}  # «x» is no http(s) link
    csvw = tmp_path / "addresses.json"
    uid = {"name": "uid", "datatype": "integer", "required": True}
    columns = [uid, {"name": "since", "datatype": "date"}]
    csvw.write_text(json.dumps({"tableSchema": {"columns": columns}}))
    addresses = tmp_path / "addresses.csv"
    addresses.write_text("uid,since\n1,2024-01-01\n,01.01.2024\n", encoding="utf-8")
    code, report = report_json(addresses, "--schema", csvw)
    assert [(e["row"], e["field"], e.get("suggestion")) for e in report["errors"]] == [
        (3, "uid", None),
        (3, "since", "2024-01-01"),
    ]
    columns[1]["datatype"] = "duration"
    csvw.write_text(json.dumps({"tableSchema": {"columns": columns}}))
    code, report = report_json(addresses, "--schema", csvw)
    assert (code, [e["type"] for e in report["errors"]]) == (2, ["schema-csvw-unconvertible"])
    assert "«since»" in report["errors"][0]["message"] and "«duration»" in report["errors"][0]["message"]


def test_without_a_schema_a_type_error_names_the_type_inferred(tmp_path):
    """Frictionless infers the types from the first rows and checks the rest against them:
    «x» among counts is not an integer, not «не є .», and the warning says types are checked."""
    table = tmp_path / "counts.csv"
    rows = "".join(f"{i},{i * 3}\n" for i in range(1, 151))
    table.write_text(f"id,qty\n{rows}151,x\n", encoding="utf-8")
    code, report = report_json(table)
    assert code == 1
    [error] = report["errors"]
    assert (error["message"], error["fix"]) == (
        "Значення «x» не є цілим числом.",
        "Запишіть значення поля «qty» як ціле число.",
    )
    [warning] = report["warnings"]
    assert "і типи значень, вгадані за першими рядками" in warning["message"]


def test_an_adopted_decision_has_its_date_and_number(plan_copy):
    """Marked adopted without them, it passed, and build then asked for them in the
    --publisher file, which has no place for them."""
    path = plan_copy / "decision.csv"
    path.write_text(path.read_text("utf-8").replace(",draft,,,", ",adopted,,,", 1), "utf-8")
    code, report = report_json(plan_copy, "--lang", "en")
    assert code == 1
    errors = [(e["type"], e["resource"], e["row"], e["field"]) for e in report["errors"]]
    assert errors == [
        ("plan-adopted-without", "decision", 2, "date"),
        ("plan-adopted-without", "decision", 2, "number"),
    ]
    message, fix = report["errors"][0]["message"], report["errors"][0]["fix"]
    assert message == "The decision was adopted (status «adopted»), but field «date» is empty."
    # the text, not decision.csv: a hand edit there stops the next import (exit 2)
    assert fix.startswith("Add the date and number to the decision's text above its title")
    path.write_text(path.read_text("utf-8").replace(",adopted,,,", ",repealed,,,", 1), "utf-8")
    code, report = report_json(plan_copy)  # repealed: adopted once, so dated and numbered
    assert code == 1 and [e["field"] for e in report["errors"]] == ["date", "number"]


def test_a_workbook_says_which_sheet_was_checked_and_checks_the_one_asked_for(tmp_path):
    """`validate book.xlsx` checked its first sheet alone and said nothing: a build's workbook
    of eight tables was «valid, 1 row», and `--schema tasks.json` was set against that sheet."""
    built = run_cli("build", PACKAGE, "--out", tmp_path / "dist")
    assert built.returncode == 0, built.stderr
    book = tmp_path / "plan.xlsx"  # outside the build: not a table of the package beside it
    book.write_bytes((tmp_path / "dist" / "kolomyia-communication-plan-2021.xlsx").read_bytes())
    _, first = report_json(book, "--lang", "en")
    [sheets] = [w for w in first["warnings"] if w["type"] == "workbook-sheets"]
    said = "Sheet «decision» of workbook «plan.xlsx» was checked; its other sheets («campaigns», «tasks», "
    assert sheets["message"].startswith(said)
    schema = PACKAGE / "schemas" / "tasks.json"
    code, by_schema = report_json(book, "--schema", schema)  # the sheet named as the schema
    assert code == 0 and by_schema["tables"][0]["rows"] == 35
    code, asked = report_json(book, "--sheet", "people", "--schema", PACKAGE / "schemas" / "people.json")
    assert code == 0 and asked["tables"][0]["rows"] == 10
    assert not any(w["type"] == "workbook-sheets" for w in asked["warnings"])
    missing = run_cli("validate", book, "--sheet", "nope", "--lang", "en")
    assert missing.returncode == 2
    assert f"Workbook «{book}» has no sheet «nope»; it has «decision», «campaigns»" in missing.stdout
    not_a_book = run_cli("validate", PACKAGE, "--sheet", "tasks", "--lang", "en")
    assert not_a_book.returncode == 2 and "is no Excel workbook (.xlsx)" in not_a_book.stdout


def test_a_workbooks_chart_and_hidden_sheets_are_not_the_sheet_checked(tmp_path):
    """The first sheet was checked whatever it was: a chart's sheet failed with Python's
    «'Chartsheet' object has no attribute 'iter_rows'», a hidden one was checked unsaid."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    book.active.title = "old"
    book.active.append(["id"])
    book.active.sheet_state = "hidden"
    data = book.create_sheet("дані")
    for row in (["id"], [1], ["x"]):
        data.append(row)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=3))
    book.create_chartsheet("Діаграма", 0).add_chart(chart)
    book.save(tmp_path / "book.xlsx")
    (tmp_path / "s.json").write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}]}), "utf-8")
    code, report = report_json(tmp_path / "book.xlsx", "--schema", tmp_path / "s.json", "--lang", "en")
    assert code == 1 and [(e["type"], e["row"]) for e in report["errors"]] == [("type-error", 3)]
    assert not any(w["type"] == "workbook-sheets" for w in report["warnings"])  # one sheet shown: «дані»


def test_a_csv_named_xlsx_is_said_to_be_text_with_the_name_to_give_it(tmp_path):
    """Frictionless' English «invalid excel file», with the fix «save the table as CSV»: it was one."""
    (tmp_path / "t.xlsx").write_text("id\n1\n", encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}]}), "utf-8")
    code, report = report_json(tmp_path / "t.xlsx", "--schema", tmp_path / "s.json", "--lang", "en")
    assert (code, report["readable"]) == (2, False)
    [error] = report["errors"]
    assert error["type"] == "text-as-workbook"
    said = "is text (CSV, probably), not an Excel workbook, though it is named .xlsx."
    assert error["message"] == f"File «{tmp_path / 't.xlsx'}» {said}"
    assert error["fix"].startswith("Rename it «t.csv» and check it again")
