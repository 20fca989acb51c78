"""`opendata build`: every file analysts download, written reproducibly from the package.

Same input, same bytes: rows keep the package's order, JSON keys keep the
schema's order, archives (the zip and the .xlsx, which is a zip too) get a
fixed entry date and sorted or fixed entry order, and the workbook's document
properties carry a fixed date instead of "now". `BuildResult.files` lists
every file with its role and format; `opendata publish` uploads exactly these.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from opendata.about import COLUMNS as ABOUT_COLUMNS
from opendata.about import about_rows, source_texts
from opendata.database import database_bytes
from opendata.dictionary import COLUMNS as DICTIONARY_COLUMNS
from opendata.dictionary import dictionary_html, dictionary_markdown, dictionary_rows, with_note
from opendata.messages import BUILD_UI
from opendata.national import Gap, Publisher, national_exports
from opendata.package import csv_bytes, json_text
from opendata.page import plan_page
from opendata.paths import files_in
from opendata.problems import Problem
from opendata.progress import progress
from opendata.tables import EXCEL_INTEGERS, PackageData, integers_outside, read_package, written_rows
from opendata.validate import ValidPackage, valid_package

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
BOM = "\ufeff".encode()
# the copies for Excel, as a Ukrainian Excel saves "CSV UTF-8" and opens a .csv on a
# double click: its list separator is ";" (the decimal mark is ","), with a BOM, CRLF
EXCEL_DIALECT = {"delimiter": ";", "lineTerminator": "\r\n"}
MEDIATYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown",
    "html": "text/html",
    "zip": "application/zip",
    "sqlite": "application/vnd.sqlite3",
    "txt": "text/plain",
}


@dataclass(frozen=True)
class BuiltFile:
    path: str  # relative to the output folder, with "/" separators
    # table, table-excel, plan, workbook, database, dictionary, national, source, page, descriptor, archive
    role: str
    format: str  # csv, json, xlsx, sqlite, md, html, zip, txt
    resource: str | None  # the package table it holds, if one
    bytes: int
    sha256: str

    @property
    def mediatype(self) -> str:
        return MEDIATYPES[self.format]


@dataclass
class BuildResult:
    out_dir: Path
    files: list[BuiltFile] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)  # national-export cells the package cannot fill
    removed: list[str] = field(default_factory=list)  # an earlier build's files no longer built
    # the package's warnings (a workbook newer than its table, say): built as it is, but to be told
    warnings: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "out_dir": str(self.out_dir),
            "files": [{**asdict(f), "mediatype": f.mediatype} for f in self.files],
            "gaps": [asdict(g) for g in self.gaps],
            "removed": self.removed,
        }


class OutputIsPackage(ValueError):
    """The downloads would be written over the package: its datapackage.json would be
    replaced by the built one, which names the built files, and the officer's tables
    would no longer be what `validate` checks.  The argument: the folder."""

    def __str__(self) -> str:
        return BUILD_UI["en"]["out_is_package"].format(out=self.args[0], option="--out")


def build(
    package_dir: str | Path | ValidPackage, out_dir: str | Path, publisher: Publisher | None = None
) -> BuildResult:
    """Write every download into `out_dir`.  The package is validated first (unless it is a
    ValidPackage already): one with errors raises InvalidPackage and nothing is written."""
    checked = valid_package(package_dir)
    package_dir, out_dir = checked.folder, Path(out_dir)
    if out_dir.resolve() == package_dir.resolve():
        raise OutputIsPackage(str(out_dir))
    package = read_package(package_dir)
    outputs = _Outputs()
    for table in package.tables.values():
        written = written_rows(table)
        data = csv_bytes(table.fields, written)
        outputs.add(f"csv/{table.name}.csv", "table", data, table.name)
        excel = csv_bytes(
            table.fields,
            written,
            delimiter=EXCEL_DIALECT["delimiter"],
            line_end=EXCEL_DIALECT["lineTerminator"],
        )
        outputs.add(f"csv-excel/{table.name}.csv", "table-excel", BOM + excel, table.name)
        outputs.add(f"json/{table.name}.json", "table", _json_bytes(table.rows), table.name)
    plan = nested_plan(package)
    outputs.add("plan.json", "plan", _json_bytes(plan))
    outputs.add(f"{package.name}.xlsx", "workbook", workbook_bytes(package))
    outputs.add(f"{package.name}.sqlite", "database", database_bytes(package))
    outputs.add("dictionary.md", "dictionary", dictionary_markdown(package).encode())
    outputs.add("dictionary.html", "dictionary", dictionary_html(package).encode())
    sources = source_texts(package_dir, package.descriptor)  # the decision's text
    formats = outputs.distribution_formats(with_source=bool(sources))
    exports, gaps = national_exports(package, publisher or Publisher(), formats)
    for path, data in exports.items():
        outputs.add(path, "national", data)
    for path, data in sources.items():
        outputs.add(path, "source", data)
    archive = f"{package.name}.zip"
    files = outputs.files
    downloads = [
        *({"path": f.path, "role": f.role, "format": f.format, "resource": f.resource} for f in files),
        {"path": "datapackage.json", "role": "descriptor", "format": "json", "resource": None},
        {"path": archive, "role": "archive", "format": "zip", "resource": None},
    ]
    page = plan_page(package, plan, progress(package), downloads)
    outputs.add("index.html", "page", page.encode())
    outputs.add("datapackage.json", "descriptor", _json_bytes(built_descriptor(package, outputs.files)))
    outputs.add(archive, "archive", zip_bytes(outputs.contents()))

    result = BuildResult(out_dir, outputs.files, gaps, warnings=checked.warnings)
    built = {f.path for f in result.files}
    if _in_use(out_dir, built):
        raise OutputInUse(str(out_dir))
    result.removed = _remove_earlier_build(out_dir, built)
    for file in result.files:
        _write_inside(out_dir, file.path, outputs.data[file.path])
    return result


class OutputInUse(ValueError):
    """--out holds files that no build wrote (another package, an audit, the officer's
    own): a build would write its datapackage.json and files over them.  The argument: the folder."""

    def __str__(self) -> str:
        return BUILD_UI["en"]["out_in_use"].format(out=self.args[0], option="--out")


def _in_use(out_dir: Path, built: set[str]) -> bool:
    """Whether OUT_DIR holds more than an earlier build: its datapackage.json is not a
    build's, and some file there is not one a build writes (an interrupted build, or
    one by an earlier version, is only that)."""
    return _earlier_descriptor(out_dir) is None and not files_in(out_dir) <= built


def _earlier_descriptor(out_dir: Path) -> tuple[bytes, dict] | None:
    """The datapackage.json an earlier build wrote into OUT_DIR (its bytes and data), or
    None: missing, or not a build's (every resource a built path with its sha256)."""
    try:
        data = (out_dir / "datapackage.json").read_bytes()
        descriptor = json.loads(data)
        resources = descriptor["resources"]
        if resources and all(
            isinstance(r.get("path"), str)
            and BUILT_PATH.fullmatch(r["path"])
            and str(r.get("hash", "")).startswith("sha256:")
            for r in resources
        ):
            return data, descriptor
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


# the paths a build writes: tables under csv/, csv-excel/, json/, national/; source texts
# under sources/; the rest at the top
BUILT_PATH = re.compile(
    r"(?:csv|csv-excel|json|national)/[^/]+\.(?:csv|json)|sources/[^/]+\.txt|[^/]+\.(?:json|xlsx|sqlite|md|html|zip)"
)


def _write_inside(out_dir: Path, path: str, data: bytes) -> None:
    """Write a built file; a link in its place is replaced, never written through, and a
    folder that leads out of OUT_DIR is refused."""
    target = out_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.parent.resolve().is_relative_to(out_dir.resolve()):
        raise OutputInUse(str(out_dir))
    if target.is_symlink():
        target.unlink()
    target.write_bytes(data)


def _remove_earlier_build(out_dir: Path, built: set[str]) -> list[str]:
    """Remove the files an earlier build wrote into ``out_dir`` that this one does not
    (a table dropped from the package, a national export no longer possible): a folder
    copied to a web server would still offer them.  Only the files its datapackage.json
    lists, unchanged since (the same sha256), and its archive are removed; anything
    else in the folder is the officer's."""
    found = _earlier_descriptor(out_dir)
    if found is None:
        return []
    descriptor, earlier = found
    listed = {r["path"]: r["hash"] for r in earlier["resources"]}
    archive = f"{earlier.get('name')}.zip"  # which holds that datapackage.json
    if BUILT_PATH.fullmatch(archive):
        listed[archive] = descriptor
    removed = []
    for path, check in listed.items():
        if path in built or not _unchanged(out_dir / path, check):
            continue
        target = out_dir / path
        target.unlink()
        removed.append(path)
        for folder in target.parents:  # and the folders it leaves empty
            if folder == out_dir or any(folder.iterdir()):
                break
            folder.rmdir()
    return removed


def _unchanged(target: Path, check: str | bytes | None) -> bool:
    """A listed file as the earlier build wrote it: its hash, or an archive holding the
    earlier datapackage.json."""
    try:
        if isinstance(check, bytes):
            with zipfile.ZipFile(target) as archive:
                return archive.read("datapackage.json") == check
        return f"sha256:{hashlib.sha256(target.read_bytes()).hexdigest()}" == check
    except (OSError, KeyError, zipfile.BadZipFile):
        return False  # gone, not a file, or not that archive


class _Outputs:
    """Files in the order they are built, with their bytes kept until written."""

    def __init__(self) -> None:
        self.files: list[BuiltFile] = []
        self.data: dict[str, bytes] = {}

    def add(self, path: str, role: str, data: bytes, resource: str | None = None) -> None:
        fmt = path.rsplit(".", 1)[1]
        digest = hashlib.sha256(data).hexdigest()
        self.files.append(BuiltFile(path, role, fmt, resource, len(data), digest))
        self.data[path] = data

    def distribution_formats(self, *, with_source: bool) -> list[str]:
        """The formats a portal gets of the files so far (the register's distributions),
        with the decision's text and the archive of them all that come after."""
        formats = {f.format for f in self.files if distributed(f.path)} | {"zip"}
        return sorted(formats | {"txt"} if with_source else formats)

    def contents(self) -> dict[str, bytes]:
        return dict(self.data)


def distributed(path: str) -> bool:
    """Whether a built file is one of the data set's distributions on a portal: not the
    dictionary's Markdown, for a repository's readers (the portal gets its HTML twin)."""
    return not path.endswith(".md")


def _json_bytes(data: object) -> bytes:
    return json_text(_plain(data)).encode()


def _plain(value: object) -> object:
    """JSON-ready copy: dates and times as ISO strings, decimals as JSON numbers (a
    number that is not finite as null)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        if not value.is_finite():  # NaN, Infinity: no JSON number holds them (the CSV keeps the text)
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def nested_plan(package: PackageData) -> dict:
    """The whole plan in one document: campaigns → tasks → leaders, executors, reports."""
    tables = package.tables
    people = {p["person_id"]: p for p in tables["people"].rows}
    roles = tables["task_roles"].rows
    # a task's reports as they happened, not as the officer typed them in
    reports = sorted(tables["progress_reports"].rows, key=lambda r: (r["report_date"], r["report_id"]))

    def task_entry(task: dict) -> dict:
        mine = sorted((r for r in roles if r["task_id"] == task["task_id"]), key=lambda r: r["position"])
        return {
            **task,
            "leaders": [people[r["person_id"]] for r in mine if r["role"] == "leader"],
            "executors": [people[r["person_id"]] for r in mine if r["role"] == "executor"],
            "reports": [r for r in reports if r["task_id"] == task["task_id"]],
        }

    return {
        "name": package.name,
        "title": package.descriptor.get("title"),
        "title_en": package.descriptor.get("title_en"),
        "licenses": package.descriptor.get("licenses", []),
        "decision": tables["decision"].rows[0],
        "campaigns": [
            {
                **campaign,
                "tasks": [
                    task_entry(t) for t in tables["tasks"].rows if t["campaign_id"] == campaign["campaign_id"]
                ],
            }
            for campaign in tables["campaigns"].rows
        ],
    }


WORKBOOK_TEXT_NOTE = (
    "у книзі XLSX — текстом: деякі значення довші, ніж 15 цифр, які зберігає Excel",
    "text in the XLSX workbook: some values have more than the 15 digits Excel keeps",
)


def workbook_bytes(package: PackageData) -> bytes:
    """One sheet per table (typed cells), a `dictionary` sheet and an `about` sheet (title,
    licence, source: what a copy of the workbook alone needs to be cited).

    An integer column with a value of more than 15 digits is text, every value of it, and
    the dictionary sheet says so: Excel keeps 15 significant digits of a number and shows
    12345678901234567890 as 12345678901234500000."""
    book = Workbook()
    book.remove(book.active)
    sheets = {}
    as_text = set()
    for name, table in package.tables.items():
        wide = integers_outside(table.schema, table.rows, EXCEL_INTEGERS)
        sheets[name] = (table.fields, [_digits_as_text(row, wide) for row in table.rows])
        as_text |= {(name, field) for field in wide}
    dictionary = with_note(dictionary_rows(package), as_text, WORKBOOK_TEXT_NOTE)
    sheets["dictionary"] = (DICTIONARY_COLUMNS, dictionary)
    sheets["about"] = (ABOUT_COLUMNS, about_rows(package))
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_workbook_value(row.get(column)) for column in header])
        for column in sheet.iter_cols():  # the header too: a field's name is text, never run
            for cell in column:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, never a formula Excel would run
        sheet.freeze_panes = "A2"
    fixed = datetime(*FIXED_DATE_TIME)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "opendata"
    book.properties.title = package.descriptor.get("title")
    buffer = io.BytesIO()
    # ExcelWriter, not book.save(): save() overwrites `modified` with the current time.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _normalise_zip(buffer.getvalue())


def _workbook_value(value: object) -> object:
    """A cell's value as the workbook can hold it: a control character XLSX refuses (a
    schema's title with «\x07») as its symbol, «␇»; build stopped with a traceback."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub(lambda found: chr(0x2400 + ord(found.group())), value)
    return value


def _digits_as_text(row: dict, columns: set[str]) -> dict:
    if not columns:
        return row
    return {
        name: value if name not in columns or value is None else str(value) for name, value in row.items()
    }


def _normalise_zip(data: bytes) -> bytes:
    """The same archive with every entry dated FIXED_DATE_TIME (openpyxl stamps "now")."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    return zip_bytes(entries, sort=False)


def zip_bytes(entries: dict[str, bytes], sort: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries) if sort else entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def built_descriptor(package: PackageData, files: list[BuiltFile]) -> dict:
    """A data package of the built files: the CSV tables with their schemas, the rest as files.
    Its `sources` name the decision's text, which the build holds at the same path."""
    meta = {k: v for k, v in package.descriptor.items() if k != "resources"}
    resources = []
    for built in files:
        canonical = built.role == "table" and built.format == "csv"
        resource = {
            # The canonical CSVs keep the table names, so their foreign keys resolve.
            "name": built.resource if canonical else built.path.replace("/", "-").lower(),
            "path": built.path,
            "format": built.format,
            "mediatype": built.mediatype,
            "bytes": built.bytes,
            "hash": f"sha256:{built.sha256}",
        }
        if built.resource:
            table = package.tables[built.resource]
            resource["title"] = table.resource.get("title")
            resource["title_en"] = table.resource.get("title_en")
        if built.resource and built.format == "csv":
            schema = dict(package.tables[built.resource].schema)
            if not canonical:  # keys are checked once, on the canonical copy
                schema.pop("foreignKeys", None)
            resource["profile"] = "tabular-data-resource"
            resource["encoding"] = "utf-8" if canonical else "utf-8-sig"
            if not canonical:
                resource["dialect"] = dict(EXCEL_DIALECT)
            resource["schema"] = schema
        resources.append(resource)
    return {**meta, "resources": resources}
