"""`opendata validate` on a package whose descriptor gives its files' `bytes` and `hash`
(a build's does): a file changed since, or downloaded broken, is named, as Frictionless does."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from opendata.build import build
from tests.helpers import PACKAGE, run_cli

ROWS = b"id,name\n1,a\n2,b\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The plan's build, as an analyst downloads it (not to be changed: copy it)."""
    out = tmp_path_factory.mktemp("built") / "dist"
    build(PACKAGE, out)
    return out


@pytest.fixture
def built_copy(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "dist"))


def report_json(*args) -> tuple[int, dict]:
    result = run_cli("validate", *args, "--format", "json", "--lang", "en")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def one_table(folder: Path, **promised) -> Path:
    """A package of one table whose descriptor says ``promised`` (bytes, hash) of it."""
    folder.mkdir()
    (folder / "data.csv").write_bytes(ROWS)
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]
    resource = {"name": "data", "path": "data.csv", "schema": {"fields": fields}, **promised}
    (folder / "datapackage.json").write_text(json.dumps({"name": "p", "resources": [resource]}))
    return folder


def test_a_table_edited_after_the_build_is_named_with_what_to_do(built_copy):
    people = built_copy / "csv" / "people.csv"
    people.write_bytes(people.read_bytes().replace("Андрусяк М.М.".encode(), "Андрусяк М. М.".encode()))
    code, report = report_json(built_copy)
    assert code == 1
    found = [(e["type"], e["path"]) for e in report["errors"]]
    assert found == [("hash-count", "csv/people.csv"), ("byte-count", "csv/people.csv")]
    error = report["errors"][0]
    actual = "sha256:" + hashlib.sha256(people.read_bytes()).hexdigest()
    assert "«csv/people.csv» is not the one the package's descriptor was made for" in error["message"]
    assert error["fix"].startswith("Download or build the package again")
    assert actual in error["fix"]  # what to write in «hash» for a table she edited herself
    text = run_cli("validate", built_copy)
    assert "Файл «csv/people.csv» не той, для якого складено опис пакета" in text.stdout


def test_a_file_cut_short_is_named_by_its_size(built_copy):
    workbook = built_copy / "kolomyia-communication-plan-2021.xlsx"
    whole = workbook.read_bytes()
    workbook.write_bytes(whole[: len(whole) // 2])  # an interrupted download
    code, report = report_json(built_copy)
    assert code == 1
    sizes = [e for e in report["errors"] if e["type"] == "byte-count"]
    assert [e["path"] for e in sizes] == ["kolomyia-communication-plan-2021.xlsx"]
    assert (
        f"its size is {len(whole) // 2} bytes, and the descriptor says {len(whole)}"
        in (sizes[0]["message"])
    )


def test_the_build_as_built_is_valid(built):
    code, report = report_json(built)
    assert code == 0, report["errors"][:3]


def frictionless_keys(descriptor: Path) -> list[tuple]:
    """(type, row, cell) of each error `frictionless validate` reports."""
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(frictionless), "validate", str(descriptor), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    tasks = json.loads(result.stdout)["tasks"]
    return [(e["type"], e.get("rowNumber"), e.get("cell")) for task in tasks for e in task["errors"]]


def frictionless_errors(descriptor: Path) -> list[str]:
    return [error_type for error_type, _, _ in frictionless_keys(descriptor)]


MD5 = hashlib.md5(ROWS).hexdigest()
SHA256 = hashlib.sha256(ROWS).hexdigest()


@pytest.mark.parametrize(
    "promised",
    [
        {"bytes": len(ROWS), "hash": MD5},
        {"hash": f"md5:{MD5}"},
        {"hash": f"sha256:{SHA256}"},
        {"bytes": len(ROWS) + 1},
        {"hash": "0" * 32},
        {"hash": f"sha256:{'0' * 64}", "bytes": 5},
    ],
)
def test_sizes_and_checksums_are_checked_as_frictionless_checks_them(tmp_path, promised):
    folder = one_table(tmp_path / "p", **promised)
    code, report = report_json(folder)
    assert [e["type"] for e in report["errors"]] == frictionless_errors(folder / "datapackage.json")
    assert code == (1 if report["errors"] else 0)


def test_a_checksum_in_capitals_is_the_same_checksum(tmp_path):
    """PowerShell's Get-FileHash writes capitals: the file is the one promised (Frictionless,
    comparing the text, says it is not)."""
    code, report = report_json(one_table(tmp_path / "p", hash=f"sha256:{SHA256.upper()}"))
    assert (code, report["errors"]) == (0, [])


@pytest.mark.parametrize("written", ["garbage", f"md5:{SHA256}"], ids=["no-sum", "sha256-as-md5"])
def test_a_checksum_that_is_no_sum_is_a_wrong_descriptor_not_a_changed_file(tmp_path, written):
    """«garbage» was «the file was changed after the descriptor was written, or downloaded
    broken» (Frictionless: hash-count), where the file is right and the descriptor is not."""
    code, report = report_json(one_table(tmp_path / "p", hash=written))
    assert code == 1 and [e["type"] for e in report["errors"]] == ["hash-invalid"]
    [error] = report["errors"]
    quoted = written.removeprefix("md5:")  # as Frictionless reads the descriptor: md5 is the default
    assert f"«{quoted}», is no md5 sum: that has 32 hexadecimal digits" in error["message"]
    assert error["fix"] == f"Write the file's sum, «{MD5}», in the resource's «hash», or remove the «hash»."


def test_a_checksum_of_another_algorithm_is_said_not_checked(tmp_path):
    code, report = report_json(one_table(tmp_path / "p", hash=f"sha1:{hashlib.sha1(ROWS).hexdigest()}"))
    assert code == 0
    assert [w["type"] for w in report["warnings"]] == ["hash-unsupported"]
    assert (
        "the algorithm «sha1» is not supported, only md5 and sha256 are" in report["warnings"][0]["message"]
    )


def test_the_officers_package_has_no_checksums_to_keep_up():
    """Her edits of datapackage/ need no descriptor update: it promises no size or checksum."""
    descriptor = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    assert not any("hash" in r or "bytes" in r for r in descriptor["resources"])


# --- the build's own downloads given to `validate` ---------------------------------------


def test_the_builds_archive_is_named_as_a_package_to_unpack(built, tmp_path):
    archive = shutil.copyfile(built / "kolomyia-communication-plan-2021.zip", tmp_path / "plan.zip")
    result = run_cli("validate", archive, "--lang", "en")
    assert result.returncode == 2
    assert "is the archive of a data package (it holds a datapackage.json), not a table" in result.stdout
    assert f"opendata validate {tmp_path / 'plan'}" in result.stdout
    # the archive has no folder of its own: a plain unzip spills its files where it runs
    assert f"unzip {archive} -d {tmp_path / 'plan'}" in " ".join(result.stdout.split())
    assert "save the table" not in result.stdout  # the fix for a table in another format
    uk = run_cli("validate", archive)
    assert "архів пакета даних" in uk.stdout and "Розпакуйте архів" in uk.stdout


def test_the_builds_database_is_named_with_the_package_to_check(built):
    result = run_cli("validate", built / "kolomyia-communication-plan-2021.sqlite", "--lang", "en")
    assert result.returncode == 2
    assert "is a SQLite database, not a table" in result.stdout
    assert f"opendata validate {built}" in result.stdout
    assert "save the table" not in result.stdout


def test_the_builds_files_that_are_no_tables_are_not_counted_as_empty_tables(built):
    """Its JSON, database, data dictionary, page and text: «Checked json/tasks.json: 0 rows»
    said a table was read and found empty."""
    code, report = report_json(built)
    assert code == 0
    checked = {table["path"] for table in report["tables"]}
    assert "csv/tasks.csv" in checked and "csv-excel/tasks.csv" in checked
    assert not checked & {
        "json/tasks.json",
        "plan.json",
        "kolomyia-communication-plan-2021.sqlite",
        "dictionary.md",
        "dictionary.html",
        "index.html",
        "sources/kolomyia-2021-communication-plan.txt",
    }
    text = run_cli("validate", built, "--lang", "en").stdout
    assert "json/tasks.json" not in text and "dictionary.md" not in text


def newer(path: Path, than: Path) -> None:
    os.utime(path, (than.stat().st_mtime + 60, than.stat().st_mtime + 60))


def test_a_copied_builds_workbook_newer_than_its_database_is_no_table_to_save(built_copy):
    """A copy can give the workbook a later time than the database: «save the xlsx as CSV
    named «….sqlite»» was warned."""
    name = "kolomyia-communication-plan-2021"
    newer(built_copy / f"{name}.xlsx", than=built_copy / f"{name}.sqlite")
    code, report = report_json(built_copy)
    assert code == 0
    assert "newer-workbook" not in {w["type"] for w in report["warnings"]}


def test_a_workbook_the_descriptor_lists_is_not_a_tables_newer_copy(built_copy):
    """A workbook beside a CSV table is her new rows, unless the package lists it as a file
    of its own."""
    workbook = built_copy / "csv" / "people.xlsx"
    shutil.copyfile(built_copy / "kolomyia-communication-plan-2021.xlsx", workbook)
    newer(workbook, than=built_copy / "csv" / "people.csv")
    code, report = report_json(built_copy)
    assert code == 0
    assert [(w["type"], w["path"]) for w in report["warnings"] if w["type"] == "newer-workbook"] == [
        ("newer-workbook", "csv/people.csv")
    ]
    descriptor_path = built_copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"].append({"name": "people-workbook", "path": "csv/people.xlsx", "format": "xlsx"})
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    code, report = report_json(built_copy)
    assert code == 0
    assert "newer-workbook" not in {w["type"] for w in report["warnings"]}


def multipart_package(folder: Path, **promised) -> Path:
    """A table in two parts, each with its header (as Frictionless writes and reads them),
    the second part's id above the maximum."""
    folder.mkdir()
    (folder / "a.csv").write_bytes(b"id,name\n1,a\n")
    (folder / "b.csv").write_bytes(b"id,name\n2,b\n3,c\n")
    schema = {"fields": [{"name": "id", "type": "integer", "constraints": {"maximum": 2}}]}
    schema["fields"].append({"name": "name", "type": "string"})
    resource = {"name": "t", "path": ["a.csv", "b.csv"], "format": "csv", "schema": schema, **promised}
    (folder / "datapackage.json").write_text(json.dumps({"name": "p", "resources": [resource]}))
    return folder


@pytest.mark.parametrize(
    "promised",
    [{}, {"bytes": 5, "hash": f"sha256:{'0' * 64}"}, {"bytes": 28}],
    ids=["no-promise", "wrong", "the-files-sizes"],  # 28: the parts' files, headers and all
)
def test_a_multipart_table_is_checked_whole_as_frictionless_checks_it(tmp_path, promised):
    """The fast engine read the first part alone («valid, 1 row»), and the checksum was the
    files', not Frictionless' stream of the parts, each header but the first left out."""
    folder = multipart_package(tmp_path / "p", **promised)
    code, report = report_json(folder)
    found = [(e["type"], e["row"], e["cell"]) for e in report["errors"]]
    assert found == frictionless_keys(folder / "datapackage.json")
    assert ("constraint-error", 4, "3") in found
    assert code == 1
    [table] = report["tables"]
    assert (table["path"], table["rows"], table["engine"]) == ("a.csv, b.csv", 3, "frictionless")


def test_a_multipart_tables_checksum_to_write_names_its_algorithm(tmp_path):
    """Frictionless gives the sum without «sha256:»: written as given, it reads as an md5."""
    folder = multipart_package(tmp_path / "p", hash=f"sha256:{'0' * 64}")
    _, report = report_json(folder)
    [error] = [e for e in report["errors"] if e["type"] == "hash-count"]
    stream = hashlib.sha256(b"id,name\n1,a\n2,b\n3,c\n").hexdigest()
    assert f"write «sha256:{stream}» in the resource's «hash»" in error["fix"]
    assert error["path"] == "a.csv, b.csv"


def test_a_multipart_tables_row_is_named_in_its_part_too(tmp_path):
    """The row is Frictionless' of the stream of the parts: row 4 is in no file. A clerk
    opens b.csv, so its own row is named beside it, counted by records (a quoted line
    break in a.csv is one row) and with its header, which the stream leaves out."""
    folder = multipart_package(tmp_path / "p")
    (folder / "a.csv").write_bytes(b'id,name\n1,"a\nb"\n')
    _, report = report_json(folder)
    [error] = report["errors"]
    assert (error["row"], error["part"]) == (4, {"path": "b.csv", "row": 3})
    for lang, words in (("uk", "рядок 4 (рядок 3 файлу b.csv), поле «id»"), ("en", "row 4 (row 3 of b.csv)")):
        assert words in run_cli("validate", folder, "--lang", lang).stdout


@pytest.mark.parametrize(
    ("second", "problem", "words"),
    [
        (None, "file-missing", "File «b.csv» is missing."),
        (b"", "file-empty", "File «b.csv» is empty"),
        ("id,name\n2,Київ\n".encode("cp1251"), "wrong-encoding", "File «b.csv» is saved as windows-1251"),
    ],
    ids=["missing", "empty", "windows-1251"],
)
def test_each_part_of_a_multipart_table_has_the_files_checks(tmp_path, second, problem, words):
    """Frictionless said «[Errno 2] No such file or directory: './b.csv'» and «0 rows», or
    «'utf-8' codec can't decode byte 0xca in position 18», naming no part, and an empty
    part passed: each part is checked as a single table's file is, and named."""
    folder = multipart_package(tmp_path / "p")
    if second is None:
        (folder / "b.csv").unlink()
    else:
        (folder / "b.csv").write_bytes(second)
    code, report = report_json(folder)
    assert [(e["type"], e["path"]) for e in report["errors"]] == [(problem, "b.csv")]
    assert words in report["errors"][0]["message"]
    assert code == 1


def test_a_part_without_a_line_break_at_its_end_is_named_as_the_cause(tmp_path):
    """Frictionless glued a.csv's last row to b.csv's first row of data («3,34,4»: an extra
    cell), and every row after was named one place off, with nothing said of why."""
    folder = multipart_package(tmp_path / "p")
    (folder / "a.csv").write_bytes(b"id,name\n1,a\n3,c")
    code, report = report_json(folder)
    assert code == 1
    [cause] = [e for e in report["errors"] if e["type"] == "part-unterminated"]
    assert cause["path"] == "a.csv"
    assert "does not end with a line break, so its last row is glued" in cause["message"]
    assert "part «b.csv»" in cause["message"] and "press Enter" in cause["fix"]
    (folder / "a.csv").write_bytes(b"id,name\n1,a\n3,c\n")
    _, report = report_json(folder)
    assert "part-unterminated" not in [e["type"] for e in report["errors"]]
