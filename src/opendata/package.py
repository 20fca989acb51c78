"""Writing the plan's data package, and reading any data package safely.

CSV files are written the same way every time (UTF-8 without BOM, LF line
ends, minimal quoting, empty cell for null) so that a rerun of the importer
reproduces the committed files byte for byte and `git diff` shows only real
changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from pathlib import Path

import frictionless

from opendata.messages import IMPORT_UI
from opendata.plan_descriptor import describe, names_one_plan, package_name, schema_words
from opendata.plan_import import Note, ParsedPlan, SourceError, parse_decision, person_rows, read_source
from opendata.plan_schema import plan_schema
from opendata.text import NotUkrainianText, decode_ukrainian

PLAN_RESOURCES = ["decision", "campaigns", "tasks", "people", "task_roles", "progress_reports"]
SOURCES_DIR = "sources"
SCHEMAS_DIR = "schemas"
IMPORT_RECORD = f"{SOURCES_DIR}/imported-files.json"  # what the last import wrote
DESCRIPTIONS = ("description", "description_en")  # in this order in every field of the shipped schemas
# a table's delimiters `validate` reads when its header is written with one: the package's,
# and those it declares for a spreadsheet's save (a Ukrainian Excel's «;»)
SAVED_DELIMITERS = (",", ";", "\t", "|")


def csv_bytes(header: list[str], rows: list[dict], *, delimiter: str = ",", line_end: str = "\n") -> bytes:
    lines = [header, *([_cell(row.get(name)) for name in header] for row in rows)]
    return lines_bytes(lines, delimiter=delimiter, line_end=line_end)


def lines_bytes(lines: list[list[str]], *, delimiter: str = ",", line_end: str = "\n") -> bytes:
    """Rows of cell texts, the header first, as a CSV file."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(lines)
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def plan_tables(plan: ParsedPlan) -> dict[str, list[dict]]:
    """Rows of every plan table except progress_reports, in a fixed order."""
    return {
        "decision": [plan.decision],
        "campaigns": [
            {
                "campaign_id": c.campaign_id,
                "numeral": c.numeral,
                "title_uk": c.title_uk,
                "title_en": c.title_en,
                "decision_id": plan.decision["decision_id"],
            }
            for c in plan.campaigns
        ],
        "tasks": [
            {
                "task_id": t.task_id,
                "sequence": t.sequence,
                "campaign_id": t.campaign_id,
                "source_number": t.source_number,
                "number_is_duplicate": t.number_is_duplicate,
                "title_uk": t.title,
            }
            for t in plan.tasks
        ],
        "people": person_rows(plan.people),
        "task_roles": _role_rows(plan),
    }


def _role_rows(plan: ParsedPlan) -> list[dict]:
    ids = {p.display_name: p.person_id for p in plan.people}
    rows = []
    for task in plan.tasks:
        for role, names in (("leader", task.leaders), ("executor", task.executors)):
            for position, name in enumerate(names, start=1):
                rows.append(
                    {
                        "task_id": task.task_id,
                        "role": role,
                        "position": position,
                        "person_id": ids[name],
                    }
                )
    return rows


def publisher_name(descriptor: dict) -> str | None:
    """The title of the package's contributor with role "publisher", if any."""
    for contributor in descriptor.get("contributors", []):
        if contributor.get("role") == "publisher":
            return contributor.get("title")
    return None


def csv_resource(name: str, **metadata) -> dict:
    """Descriptor of a UTF-8 CSV table `NAME.csv` with its schema in schemas/NAME.json."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        **metadata,
        "schema": f"{SCHEMAS_DIR}/{name}.json",
    }


def package_descriptor(plan: ParsedPlan) -> dict:
    """The plan's datapackage.json: the template's fixed parts (licence, tables' titles) in
    its order, and where it has null, the words about this decision (`describe`)."""
    template = plan_schema("package")
    described = describe(plan)
    descriptor = {key: described.get(key, value) for key, value in template.items()}
    descriptor["resources"] = [
        csv_resource(name, **{**template["resources"][name], **described["resources"].get(name, {})})
        for name in PLAN_RESOURCES
    ]
    return descriptor


class EditedByHand(Exception):
    """Files of the package are not what the last import wrote: changed by hand since,
    and a new import would undo that.  ``paths``: in the package's FOLDER."""

    def __init__(self, paths: list[str], known: bool = True, folder: Path | None = None) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths
        self.known = known  # False: no record of the last import, so they may be its own
        self.folder = folder

    def __str__(self) -> str:
        """The command's English message: the files, and what to do (``force``)."""
        files = ", ".join(str(self.folder / path) if self.folder else path for path in self.paths)
        return IMPORT_UI["en"]["edited" if self.known else "unknown"].format(files=files)


class OtherPackage(Exception):
    """The folder holds another plan than the decision's: of another name (another
    council's or another year's plan, or no import at all), or of the same name and
    another period (``held_period``: the same town's Q3 plan where this is its Q4's).  An
    import would replace it, and a publish then put this plan on the portal under the
    other's dataset."""

    def __init__(
        self,
        held: str,
        name: str,
        held_period: tuple[date, date] | None = None,
        period: tuple[date, date] | None = None,
    ) -> None:
        super().__init__(f"{held}, not {name}" + (f" ({held_period}, not {period})" if held_period else ""))
        self.held, self.name, self.held_period, self.period = held, name, held_period, period


def import_plan(source: str | Path, out_dir: str | Path, *, force: bool = False) -> ParsedPlan:
    """Build the plan's data package in `out_dir` from the decision's text.

    Existing execution records (progress_reports.csv) are kept, even with FORCE: the
    importer owns the plan, the communication department owns the reports.  A folder
    holding another plan (`OtherPackage`) is not replaced, unless FORCE; the same name
    and period is the same plan, and a new text of it rewrites the files the last
    import wrote (`names_one_plan`: so does a text that now names the town).  A file
    of the plan changed by hand since the last import (a person added to people.csv, a
    status to the reports' schema) is not overwritten: `EditedByHand` names them, unless FORCE.
    """
    source, out_dir = Path(source), Path(out_dir)
    try:
        text, codec = read_source(source)
        plan = _parsed(text)
    except SourceError as error:
        error.params.setdefault("source", str(source))  # the file its message names
        raise
    plan.source_encoding = codec
    files = _plan_files(plan)
    if not force:
        _refuse_another_plan(out_dir, plan)
    edited, resaved, known = _edited_since_import(out_dir, files)
    if edited and not force:
        raise EditedByHand(edited, known, out_dir)
    plan.notes += [Note("table-resaved", {"file": path}) for path in resaved]

    previous_copy = _own_source_copy(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / SCHEMAS_DIR).mkdir(exist_ok=True)
    (out_dir / SOURCES_DIR).mkdir(exist_ok=True)
    # The package's copy is the text as read and hashed (decision.source_sha256): UTF-8
    # without a byte-order mark, LF line ends, whatever the export was saved as.
    copy = out_dir / plan.decision["source_file"]
    _write_if_changed(copy, text.encode("utf-8"))
    if previous_copy is not None and previous_copy != copy:
        previous_copy.unlink()  # a text renamed (the town added): the package cites one source
    for path, data in files.items():
        _write_if_changed(out_dir / path, data)
    _write_if_changed(out_dir / IMPORT_RECORD, _record_bytes(files))
    reports = out_dir / "progress_reports.csv"
    if not reports.exists():
        fields = plan_schema("progress_reports")["fields"]
        reports.write_bytes(csv_bytes([f["name"] for f in fields], []))
    return plan


def _own_source_copy(out_dir: Path) -> Path | None:
    """The copy of the decision's text the last import made (decision.csv's source_file),
    if it is still the text it hashed (source_sha256): a file of anyone else's is never
    one to remove."""
    try:
        with (out_dir / "decision.csv").open(encoding="utf-8-sig", newline="") as stream:
            decision = next(csv.DictReader(stream))
        path = out_dir / decision["source_file"]
        data = path.read_bytes()
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return None
    inside = path.parent == out_dir / SOURCES_DIR
    return path if inside and hashlib.sha256(data).hexdigest() == decision.get("source_sha256") else None


def _parsed(text: str) -> ParsedPlan:
    plan = parse_decision(text, source_name="")
    # The copy's name comes from the content, not from where it was read.
    plan.decision["source_file"] = f"{SOURCES_DIR}/{plan.decision['decision_id']}.txt"
    return plan


def _plan_files(plan: ParsedPlan) -> dict[str, bytes]:
    """What the importer writes for a plan (the reports and the source copy aside)."""
    words = schema_words(plan)
    schemas = {name: _with_plan_words(plan_schema(name), words.get(name, {})) for name in PLAN_RESOURCES}
    files = {}
    for name, rows in plan_tables(plan).items():
        files[f"{name}.csv"] = csv_bytes([f["name"] for f in schemas[name]["fields"]], rows)
    for name, schema in schemas.items():
        files[f"{SCHEMAS_DIR}/{name}.json"] = json_text(schema).encode("utf-8")
    files["datapackage.json"] = json_text(package_descriptor(plan)).encode("utf-8")
    return files


def _with_plan_words(schema: dict, words: dict[str, dict[str, str]]) -> dict:
    """A shipped table SCHEMA with the plan's own WORDS (`schema_words`) in its fields: added to
    a field's descriptions before their full stop, and its example after them."""
    return {
        **schema,
        "fields": [_field_with(field, words.get(field["name"], {})) for field in schema["fields"]],
    }


def _field_with(field: dict, words: dict[str, str]) -> dict:
    filled = {}
    for key, value in field.items():
        filled[key] = (
            value.removesuffix(".") + words[key] + "." if key in DESCRIPTIONS and key in words else value
        )
        if key == DESCRIPTIONS[-1] and "example" in words:
            filled["example"] = words["example"]
    return filled


def _refuse_another_plan(out_dir: Path, plan: ParsedPlan) -> None:
    """OtherPackage if the folder holds another plan than PLAN: one of another name, or
    of the same name and another period (a town's Q3 and Q4 plans share a name)."""
    held, name = _package_name_in(out_dir), package_name(plan)
    if held is None:
        return
    if not names_one_plan(held, name):
        raise OtherPackage(held, name)
    held_period, period = _period_in(out_dir), (plan.period.start, plan.period.end)
    if held_period not in (None, period):
        raise OtherPackage(held, name, held_period, period)


def _period_in(out_dir: Path) -> tuple[date, date] | None:
    """The period of the plan the folder holds (decision.csv), if it can be read."""
    from opendata.plan_rules import plan_period, read_table  # it reads tables by the schemas made here

    try:
        resource = frictionless.Package(str(out_dir / "datapackage.json")).get_resource("decision")
    except (OSError, frictionless.FrictionlessException):
        return None
    return plan_period(read_table(resource))


def _package_name_in(out_dir: Path) -> str | None:
    """The name of the data package the folder holds, if it holds a readable one."""
    try:
        descriptor = json.loads((out_dir / "datapackage.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    name = descriptor.get("name") if isinstance(descriptor, dict) else None
    return name if isinstance(name, str) else None


def _edited_since_import(out_dir: Path, files: dict[str, bytes]) -> tuple[list[str], list[str], bool]:
    """The files an import would change that are not what the last import wrote, those only
    saved again in another form (`_rows_as_written`), and whether that is known: from its
    record (`IMPORT_RECORD`) of their hashes.  Without one, the files are compared with the
    import done again from the package's copy of its source by this version, which may
    write them otherwise: what differs is named, as unknown.  Line ends do not count (a
    Windows checkout of the same files)."""
    changing = [path for path, data in files.items() if _text(out_dir / path) not in (None, _lf(data))]
    if not changing:
        return [], [], True
    recorded = _import_record(out_dir)
    wrote = recorded or {path: _sha256(_lf(data)) for path, data in _import_again(out_dir).items()}
    edited = [path for path in changing if _sha256(_text(out_dir / path)) != wrote.get(path)]
    resaved = [
        path
        for path in edited
        if path in wrote and _sha256(_rows_as_written(out_dir / path, _schema_of(path, files))) == wrote[path]
    ]
    return [path for path in edited if path not in resaved], resaved, bool(recorded)


def _schema_of(path: str, files: dict[str, bytes]) -> bytes | None:
    """The schema the import writes for the table at PATH (`csv_resource`), if it writes one."""
    return files.get(f"{SCHEMAS_DIR}/{Path(path).stem}.json")


def _import_again(out_dir: Path) -> dict[str, bytes]:
    """The files this version writes from the package's copy of its source; none where
    there is no earlier import to read (a folder of other files)."""
    try:
        descriptor = json.loads((out_dir / "datapackage.json").read_text("utf-8"))
        return _plan_files(_parsed(read_source(out_dir / descriptor["sources"][0]["path"])[0]))
    except (OSError, ValueError, KeyError, IndexError, TypeError, SourceError):
        return {}


def _rows_as_written(path: Path, schema: bytes | None) -> bytes | None:
    """A table's rows as `validate` reads them, written as the import writes them: a table a
    spreadsheet only saved again is the same rows.  Read in UTF-8 (a byte-order mark allowed)
    or an encoding of Cyrillic text `validate` names (windows-1251: Excel's plain "CSV"), in
    the delimiter its header is written with (`validate` declares it so), any line ends; each
    cell through its field of the table's SCHEMA (the import's), as Frictionless reads it: a
    spreadsheet's TRUE is the boolean true.  None for a file that is no table or cannot be
    read so."""
    if path.suffix != ".csv" or schema is None:
        return None
    try:
        text, _ = decode_ukrainian(path.read_bytes())
    except (OSError, NotUkrainianText):
        return None
    fields = frictionless.Schema.from_descriptor(json.loads(schema)).fields
    names = [field.name for field in fields]
    for delimiter in SAVED_DELIMITERS:
        try:
            header, *rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        except (ValueError, csv.Error):  # no line at all, or a line csv cannot read
            return None
        if header == names:
            return lines_bytes([header, *(_as_imported(row, fields) for row in rows if any(row))])
    return None


def _as_imported(cells: list[str], fields: list[frictionless.Field]) -> list[str]:
    """A row's cells as the import writes the values their fields read: a cell no value of its
    field's type stays as written (it differs), and so does a cell beyond the last field."""
    written = []
    for cell, field in zip(cells, fields, strict=False):
        value, notes = field.read_cell(cell)
        written.append(cell if notes and "type" in notes else _cell(value))
    return written + cells[len(fields) :]


def _text(path: Path) -> bytes | None:
    """A file's bytes with LF line ends, or None if there is no such file."""
    data = _bytes(path)
    return None if data is None else _lf(data)


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


def _import_record(out_dir: Path) -> dict[str, str]:
    try:
        recorded = json.loads((out_dir / IMPORT_RECORD).read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def _record_bytes(files: dict[str, bytes]) -> bytes:
    """What the import wrote, by hash: a later version of opendata that writes the
    files otherwise still knows them for its own, and an edit by hand for one."""
    record = {
        "about": "The files opendata import-plan wrote, and their hashes: a file whose hash differs "
        "was changed by hand since, and the next import keeps it unless --force.",
        "files": {path: _sha256(data) for path, data in sorted(files.items())},
    }
    return json_text(record).encode("utf-8")


def _sha256(data: bytes | None) -> str | None:
    return None if data is None else "sha256:" + hashlib.sha256(data).hexdigest()


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
