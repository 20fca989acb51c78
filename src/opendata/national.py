"""Exports in the national recommended structures (Resolution No. 835, 2025 recommendations).

- Додаток 62, `programs`: the plan as one local programme;
- Додаток 62, `reports`: one row per quarter that has execution records;
- Додаток 7, `register`: the package as one row of the publisher's data-set register.

The structures are CSVW `schema.json` files copied into `opendata/national_schemas`;
`check_export` validates an export against them through Frictionless. Some
required cells need facts the package does not hold (ЄДРПОУ codes, web links,
a contact person): they come from a `Publisher` (`opendata build --publisher
FILE.json`), and whatever is still missing is left empty and reported as a
`Gap` — never invented. Dates are ISO 8601 as the schemas' `date` datatype
says, although the published examples put a bare year in validFrom/validThrough.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

import frictionless

from opendata.messages import BUILD_UI, json_reason, probably
from opendata.package import csv_bytes, publisher_name
from opendata.quarters import quarter_bounds
from opendata.tables import PackageData
from opendata.text import plain_text, ukrainian_date

EXPORTS = {
    "national/programs.csv": "programs",
    "national/programs-reports.csv": "programs-reports",
    "national/register.csv": "register",
}
# what each export holds, (Ukrainian, English): the plan page's list of files and the dictionary
EXPORT_TITLES = {
    "national/programs.csv": (
        "місцева програма за національною структурою (додаток 62)",
        "the local programme in the national structure (Appendix 62)",
    ),
    "national/programs-reports.csv": (
        "звіти про виконання програми за кварталами, за національною структурою (додаток 62)",
        "the programme's execution reports by quarter, in the national structure (Appendix 62)",
    ),
    "national/register.csv": (
        "рядок реєстру наборів даних розпорядника (додаток 7)",
        "the publisher's data-set register row (Appendix 7)",
    ),
}
# The official values (Resolution No. 835, Appendix 7 register) and the days each allows.
FREQUENCY_DAYS = {
    "більш як один раз на день": 1,
    "щодня": 1,
    "щотижня": 7,
    "щомісяця": 31,
    "щокварталу": 92,
    "кожного півріччя": 183,
    "щороку": 366,
}
OFFICIAL_FREQUENCIES = ", ".join(f"«{v.capitalize()}»" for v in FREQUENCY_DAYS)
PROGRAM_STATUS = {"adopted": "Чинна", "repealed": "Скасована"}  # a draft has no national status
QUARTER_NAMES = {"1": "I", "2": "II", "3": "III", "4": "IV"}


@dataclass
class Publisher:
    """Facts about the publisher that the package does not hold; None leaves a gap."""

    executant_id: str | None = None  # ЄДРПОУ of the department that carries the plan out
    publisher_id: str | None = None  # ЄДРПОУ of the body that approved it
    program_url: str | None = None  # the plan published online
    legal_act_url: str | None = None  # the decision published online
    reports_url: str | None = None  # where the execution records are published
    dataset_url: str | None = None  # the data set's page on data.gov.ua
    contact_name: str | None = None
    contact_email: str | None = None

    def __post_init__(self) -> None:
        """Each fact in the form the exports take (`PUBLISHER_FORMATS`), read from a file or
        given in code: an e-mail «nope» would land in national/register.csv as it is."""
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        problems = [
            PublisherError("bad-field", key=key, value=value, kind=kind)
            for key, value in values.items()
            if (kind := publisher_value_problem(key, value))
        ]
        if problems:
            raise PublisherError.of(problems)

    @classmethod
    def from_file(cls, path: Path) -> Publisher:
        try:
            data = json.loads(path.read_text("utf-8-sig"))
        except (FileNotFoundError, IsADirectoryError) as error:
            raise PublisherError("missing", path=path) from error
        except UnicodeDecodeError as error:
            raise PublisherError(
                "not-json", path=path, detail="not UTF-8", line=1, column=error.start
            ) from error
        except json.JSONDecodeError as error:
            params = {"detail": error.msg, "line": error.lineno, "column": error.colno}
            raise PublisherError("not-json", path=path, **params) from error
        known = [f.name for f in fields(cls)]
        if not isinstance(data, dict):
            raise PublisherError("not-object", path=path, known=", ".join(known))
        problems = [_key_problem(path, key, value, known) for key, value in data.items()]
        if any(problems):  # every one at once, in the file's order: not a run for each
            raise PublisherError.of([problem for problem in problems if problem])
        return cls(**data)


def _key_problem(path: Path, key: str, value: object, known: list[str]) -> PublisherError | None:
    """What is wrong with one key of the publisher file and its value, if anything."""
    if key not in known:
        return PublisherError("unknown-key", path=path, key=key, known=", ".join(known))
    kind = publisher_value_problem(key, value)
    return PublisherError("bad-value", path=path, key=key, value=value, kind=kind) if kind else None


# what a publisher's fact must look like, where the exports' checks would refuse it:
# ЄДРПОУ's eight digits, the national structures' own pattern of a link, an e-mail
PUBLISHER_FORMATS = {
    "executant_id": ("edrpou", r"\d{8}"),
    "publisher_id": ("edrpou", r"\d{8}"),
    "program_url": ("link", r"https?://\S+"),
    "legal_act_url": ("link", r"https?://\S+"),
    "reports_url": ("link", r"https?://\S+"),
    "dataset_url": ("link", r"https?://\S+"),
    "contact_email": ("email", r"[^@\s]+@[^@\s]+\.[^@\s]+"),
}


def publisher_value_problem(key: str, value: object) -> str | None:
    """The kind of value the publisher's KEY must be (`PUBLISHER_FORMATS`, or ``text``) when
    VALUE is none of it; None for a value that fits, or no value."""
    if value is None:
        return None
    if not isinstance(value, str):
        return "text"
    kind, pattern = PUBLISHER_FORMATS.get(key, (None, None))
    return kind if pattern and not re.fullmatch(pattern, value) else None


class PublisherError(ValueError):
    """Why the publisher file, or a Publisher given in code (``bad-field``), cannot be used:
    ``code`` and the values its message names (``messages.BUILD_UI["publisher_errors"]``)."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params
        self.more: list[PublisherError] = []  # the file's other problems, each said on a line of its own

    @classmethod
    def of(cls, problems: list[PublisherError]) -> PublisherError:
        """The first problem, the others with it: all said at once."""
        first, first.more = problems[0], problems[1:]
        return first

    def __str__(self) -> str:
        return self.message("en")

    def message(self, lang: str) -> str:
        """What is wrong with the publisher file (or Publisher), in LANG: the file, each key and
        value, the fix; a line each."""
        return "\n".join(problem._said(lang) for problem in [self, *self.more])

    def _said(self, lang: str) -> str:
        params = dict(self.params)
        if "detail" in params:
            params["detail"] = json_reason(params["detail"], lang)
        if self.code == "unknown-key":
            params["meant"] = probably(tuple(params["known"].split(", ")), params["key"], lang)
        if "kind" in params:
            params["kind_words"] = BUILD_UI[lang]["publisher_kinds"][params["kind"]]
        if "value" in params:  # text in quotes, as the messages quote; a number or a list as JSON has it
            value = params["value"]
            as_json = json.dumps(value, ensure_ascii=False)
            params["value"] = f"«{value}»" if isinstance(value, str) else as_json
        return BUILD_UI[lang]["publisher_errors"][self.code].format(**params)


@dataclass(frozen=True)
class Gap:
    path: str
    column: str
    reason: str  # draft-decision, needs-publisher or empty-in-package
    key: str | None = None  # the publisher file's key that fills the column


# the publisher file's key that fills a column of a national structure: the columns are
# the structures' camelCase names, which the file does not take
PUBLISHER_KEYS = {
    ("programs", "executantId"): "executant_id",
    ("programs", "programUrl"): "program_url",
    ("programs", "legalActUrl"): "legal_act_url",
    ("programs", "publisherId"): "publisher_id",
    ("programs-reports", "url"): "reports_url",
    ("register", "url"): "dataset_url",
    ("register", "publisherId"): "executant_id",
    ("register", "contactPointName"): "contact_name",
    ("register", "contactPointEmail"): "contact_email",
}


def csvw_schema(name: str) -> dict:
    text = resources.files("opendata.national_schemas").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


def table_schema(name: str) -> dict:
    """A national structure of ours as a Frictionless Table Schema."""
    return from_csvw(csvw_schema(name))


# CSVW's datatypes in the national structures, as Table Schema's types
CSVW_TYPES = {
    "string": "string",
    "date": "date",
    "dateTime": "datetime",
    "time": "time",
    "integer": "integer",
    "decimal": "number",
    "boolean": "boolean",
    "anyURL": "string",
}


class CsvwError(ValueError):
    """A CSVW column Table Schema has no type for: its name and datatype."""

    def __init__(self, column: str, datatype: object) -> None:
        super().__init__(f"{column}: {datatype}")
        self.column, self.datatype = column, datatype


def from_csvw(csvw: dict) -> dict:
    """A CSVW structure (``tableSchema.columns``, as the Ministry's schema.json files are)
    as a Frictionless Table Schema: names trimmed, ``required`` kept, anyURL an http(s)
    URI; ``CsvwError`` for a column without a name or with a datatype of no such type."""
    converted = []
    for number, column in enumerate(csvw["tableSchema"]["columns"], start=1):
        name, datatype = column.get("name"), column.get("datatype", "string")
        if not isinstance(name, str) or not name.strip() or datatype not in CSVW_TYPES:
            raise CsvwError(name if isinstance(name, str) and name.strip() else f"№{number}", datatype)
        spec = {"name": name.strip()}
        if isinstance(column.get("title"), str):
            spec["title"] = column["title"].strip()
        if isinstance(column.get("description"), str):
            spec["description"] = column["description"].strip()
        spec["type"] = CSVW_TYPES[datatype]
        constraints = {"required": True} if column.get("required") else {}
        if datatype == "anyURL":
            spec["format"] = "uri"
            constraints["pattern"] = r"https?://\S+"
        if constraints:
            spec["constraints"] = constraints
        converted.append(spec)
    return {"fields": converted}


def national_exports(
    package: PackageData, publisher: Publisher, formats: list[str]
) -> tuple[dict[str, bytes], list[Gap]]:
    """The CSV exports by path, and every required cell left empty."""
    decision = package.tables["decision"].rows[0]
    program = _program(package, decision, publisher)
    rows = {
        "programs": [program],
        "programs-reports": _reports(package, program, publisher),
        "register": [_register(package, decision, publisher, formats)],
    }
    exports, gaps = {}, []
    for path, name in EXPORTS.items():
        schema = table_schema(name)
        header = [f["name"] for f in schema["fields"]]
        required = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")]
        for column in required:
            if any(not row.get(column) for row in rows[name]):
                key = PUBLISHER_KEYS.get((name, column))
                gaps.append(Gap(path, column, _gap_reason(column, key, decision), key))
        exports[path] = csv_bytes(header, rows[name])
    return exports, gaps


def _program(package: PackageData, decision: dict, publisher: Publisher) -> dict:
    accepted, number = decision["date"], decision["number"]
    return {
        "uid": f"{number}-{accepted.isoformat()}" if accepted and number else decision["decision_id"],
        "title": package.descriptor.get("title"),
        "validFrom": decision["period_start"],
        "validThrough": decision["period_end"],
        "status": PROGRAM_STATUS.get(decision["status"]),
        "executantName": publisher_name(package.descriptor),
        "executantId": publisher.executant_id,
        "programUrl": publisher.program_url,
        "legalActType": "Рішення",
        "legalActTitle": decision["title"],
        "legalActAccepted": accepted,
        "legalActNumber": number,
        "legalActUrl": publisher.legal_act_url,
        "publisherName": decision["issuing_body"],
        "publisherId": publisher.publisher_id,
    }


def _reports(package: PackageData, program: dict, publisher: Publisher) -> list[dict]:
    periods = sorted({r["period"] for r in package.tables["progress_reports"].rows})
    rows = []
    for period in periods:
        year, quarter = period.split("-Q")
        start, end = quarter_bounds(int(year), int(quarter))
        rows.append(
            {
                "uid": f"{program['uid']}-{period}",
                "acceptedDate": None,
                "title": f"Записи про виконання плану за {QUARTER_NAMES[quarter]} квартал {year} року",
                "periodStartDate": start,
                "periodEndDate": end,
                "programId": program["uid"],
                "programTitle": program["title"],
                "url": publisher.reports_url,
            }
        )
    return rows


def _register(package: PackageData, decision: dict, publisher: Publisher, formats: list[str]) -> dict:
    descriptor = package.descriptor
    act = f"{decision['issuing_body']}, рішення «{decision['title']}»"
    if decision["date"] and decision["number"]:
        act += f" від {ukrainian_date(decision['date'])} № {decision['number']}"  # Ukrainian text
    elif decision["status"] == "draft":
        act += " (проєкт)"
    return {
        "uid": package.name,
        "title": descriptor.get("title"),
        "description": plain_text(descriptor.get("description")),
        "accrualPeriodicity": "Щокварталу",  # execution records are kept by quarter
        "keywords": ", ".join(descriptor.get("keywords", [])),
        "purpose": act,
        "url": publisher.dataset_url,
        "distributionFormat": ", ".join(f.upper() for f in formats),
        # the department that publishes the data set, and its own code (the committee's
        # code, publisher_id, beside the department's name would name two bodies)
        "publisherName": publisher_name(package.descriptor),
        "publisherId": publisher.executant_id,
        "contactPointName": publisher.contact_name,
        "contactPointEmail": publisher.contact_email,
    }


def _gap_reason(column: str, key: str | None, decision: dict) -> str:
    """A code: `draft-decision` (no date, number or status yet), `needs-publisher` (a fact
    the publisher file gives, as KEY) or `empty-in-package` (the package's own)."""
    if column in ("status", "legalActAccepted", "legalActNumber") and decision["status"] == "draft":
        return "draft-decision"
    return "needs-publisher" if key else "empty-in-package"


def check_export(path: Path, name: str) -> list[str]:
    """Frictionless errors of an export against its national structure (empty when valid)."""
    resource = frictionless.Resource(
        path=path.name,
        basepath=str(path.parent),
        schema=frictionless.Schema.from_descriptor(table_schema(name)),
    )
    report = resource.validate()
    return [f"{error.type}: {error.message}" for task in report.tasks for error in task.errors]
