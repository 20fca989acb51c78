"""Publish a data package to a CKAN portal, safely and repeatably.

One CKAN dataset per package; one resource per file from `files_to_publish`:
the files `opendata build` writes for analysts — each table's CSV (its Table
Schema in the ``schema`` field, as ckanext-validation expects), the workbook,
the whole plan as JSON, the data dictionary, the plan page and the zip — plus
the package's own ``datapackage.json``; each table loaded into the DataStore
with typed fields and its primary key.

`plan_publish` compares the package with the portal and says what would be
created, updated or left unchanged; `publish` carries the plan out. A resource
is unchanged when its content hash (``opendata_sha256``), schema hash and
metadata match and its DataStore table is there. The content hash is written
*last*, after the upload and the DataStore load, so a publish interrupted
half-way leaves a resource that the next run sees as unfinished and redoes:
rerunning always converges.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import mimetypes
import re
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import frictionless
from frictionless.settings import COMPRESSION_FORMATS

from opendata.build import build, distributed
from opendata.ckan_client import (
    CkanClient,
    NotAuthorised,
    NotFound,
    PortalError,
    Rejected,
    UnknownAction,
)
from opendata.national import Publisher, publisher_value_problem
from opendata.package import json_text, publisher_name
from opendata.page import page_for_portal
from opendata.paths import escapes_folder
from opendata.plan_descriptor import COUNCILS_EN
from opendata.plan_rules import Table, read_table
from opendata.problems import Problem
from opendata.quarters import period_label, quarter_label
from opendata.tables import INT64, integers_outside
from opendata.text import transliterate
from opendata.validate import ValidPackage, valid_package

LICENSES = {  # Frictionless licence name -> CKAN license_id
    "CC-BY-4.0": "cc-by",
    "CC-BY-SA-4.0": "cc-by-sa",
    "CC0-1.0": "cc-zero",
    "ODC-BY-1.0": "odc-by",
    "ODbL-1.0": "odc-odbl",
    "PDDL-1.0": "odc-pddl",
}
DATASTORE_TYPES = {  # Table Schema type -> DataStore (PostgreSQL) type
    "integer": "int8",  # int4 refused a count of 3,000,000,000 that the schema allows
    "number": "numeric",
    "date": "date",
    "datetime": "timestamp",
    "time": "time",
    "boolean": "bool",
    "year": "int8",
}
DEFAULT_UPDATE_FREQUENCY = "щокварталу"  # data.gov.ua's wording for "quarterly"
DEFAULT_PURPOSE = (
    "Оприлюднення плану реалізації Комунікаційної стратегії та звітів про його виконання "
    "відповідно до Закону України «Про доступ до публічної інформації»"
)
HEAD_OF_COMMUNICATION = "начальник відділу комунікації"
# Built downloads published beside the tables: build role -> (key, then the title and
# description in Ukrainian, then in English).
DOWNLOADS = {
    "workbook": (
        "workbook",
        "Усі таблиці в Excel (XLSX)",
        "Робоча книга: аркуш на кожну таблицю й аркуш зі словником даних.",
        "All tables in Excel (XLSX)",
        "A workbook: a sheet for each table and a sheet with the data dictionary.",
    ),
    "database": (
        "database",
        "Усі таблиці однією базою SQLite",
        "Таблиці з типами, первинними й зовнішніми ключами та словник даних: для SQL у DB Browser "
        "for SQLite, Datasette, Python чи R.",
        "All tables in one SQLite database",
        "The tables with types, primary and foreign keys, and the data dictionary: for SQL in DB "
        "Browser for SQLite, Datasette, Python or R.",
    ),
    "plan": (
        "plan",
        "Увесь план одним файлом (JSON)",
        "Кампанії → завдання → керівники, виконавці, звіти, в одному файлі.",
        "The whole plan in one file (JSON)",
        "Campaigns → tasks → leaders, executors, reports, in one file.",
    ),
    "dictionary": (
        "dictionary",
        "Словник даних (HTML)",
        "Кожне поле кожної таблиці: тип, назва й опис українською та англійською, обмеження.",
        "Data dictionary (HTML)",
        "Every field of every table: type, title and description in Ukrainian and English, constraints.",
    ),
    "page": (
        "page",
        "Сторінка плану (HTML)",
        "План і хід виконання для читача: кампанії, завдання, фільтри, графіки.",
        "The plan's page (HTML)",
        "The plan and its progress for a reader: campaigns, tasks, filters, charts.",
    ),
    "archive": (
        "archive",
        "Усе одним архівом (ZIP)",
        "CSV, JSON, XLSX, SQLite, словник, національні формати й datapackage.json.",
        "Everything in one archive (ZIP)",
        "CSV, JSON, XLSX, SQLite, the dictionary, the national formats and datapackage.json.",
    ),
}
BATCH_ROWS = 500
LOST_KEYS_SHOWN = 5  # of the rows a publish would delete from the portal: the rest are counted
ORGANISATIONS_SHOWN = 5  # of the token's, where it may not publish: a portal's 60 fill a screen
MANAGED_MARK = "opendata_name"  # resource field naming the package file a resource comes from
# a dataset extra: the dataset is published by opendata, when the portal's form has
# dropped every resource's mark
DATASET_MARK = "opendata_package"
# build_dir/portal/: a file as the portal serves it, where the build's is not (index.html,
# datapackage.json)
PORTAL_PAGE_DIR = "portal"


class PackageError(Exception):
    """The package cannot be published as it is (missing file, bad descriptor).
    ``params`` are what the user's message says of it (the packages, the dataset); a
    ``reason``, the key of its details in ``messages.FAILURES`` (else str() is shown)."""

    reason: str | None = None

    def __init__(self, *args: object, reason: str | None = None, **params: str) -> None:
        super().__init__(*args)
        self.params = params
        if reason is not None:
            self.reason = reason


class DatasetNotOurs(PackageError):
    """The portal's dataset of that name belongs to another organisation, or was not
    published by this tool: updating it (and pruning its resources) would take over
    someone else's data."""

    exit_code = 2


class CreatedMeanwhile(PortalError):
    """Another publish (a colleague's, a second window) created the dataset after this
    one found none: the next run updates it."""


class PortalRowsWouldBeLost(PackageError):
    """The portal holds rows of a table that the package's file lacks: a colleague's report
    published from another computer, say. Replacing the table would delete them, so nothing
    is published unless the plan was made with ``replace_rows``.  ``params``: the dataset."""

    exit_code = 2


class PlanCarriedOut(ValueError):
    """`publish` was given a plan it has carried out already: the portal has changed since the
    plan read it (the dataset created, files uploaded), so the plan no longer says what to do.
    Carried out again, it would create what exists."""


class DataStoreRefused(Rejected):
    """The DataStore refuses a table as it is (a field name, a type, a value it cannot
    store): publishing again is refused the same way until the table is fixed.  ``params``:
    the package's ``file``, the portal's ``reason``, and the ``field`` or ``row`` it names."""


class ResourceRefused(Rejected):
    """The portal refuses a resource as the package describes it (a validation error, HTTP 409,
    on resource_create or resource_patch: a value its schema does not take): publishing again
    is refused the same way.  ``params``: the ``resource``, the portal's ``reason`` and the
    ``field`` it names."""


class PassportRefused(Rejected):
    """The portal refuses a value of the dataset's passport (a validation error, HTTP 409,
    on package_create or package_patch): publishing again is refused the same way.
    ``params``: the dataset's ``key``, its ``value``, where it comes from (``source``:
    the option of publish, or datapackage.json's key) and the portal's ``reason``."""


# where a dataset's field comes from: an option of publish, else the package's descriptor
PASSPORT_SOURCES = {
    "name": "--dataset",
    "owner_org": "--org",
    "maintainer": "--maintainer",
    "maintainer_email": "--maintainer-email",
    "title": "datapackage.json, «title»",
    "notes": "datapackage.json, «description»",
    "license_id": "datapackage.json, «licenses»",
    "version": "datapackage.json, «version»",
    "tags": "datapackage.json, «keywords»",
}


class OtherPackagesDataset(DatasetNotOurs):
    """The dataset was published from another package (its ``opendata_package`` mark):
    publishing this one there would replace that package's files."""

    reason = "dataset_page"  # the message's first line says the rest


class OtherPlansDataset(DatasetNotOurs):
    """The dataset was published from a package of this name for another period (the
    same town's plan for another quarter of the year): publishing would replace it."""

    reason = "dataset_page"


@dataclass(frozen=True)
class PublishFile:
    """One file of the package that becomes one CKAN resource."""

    key: str  # stable identity on the portal (the data resource's name)
    path: Path
    title: str
    description: str
    format: str
    mimetype: str
    sha256: str  # of the file's bytes: what the portal's resource is marked with
    schema: dict | None = None  # a Table Schema: the file is a table for the DataStore
    package_path: str = ""  # the package's file it is built from, which a refusal names
    title_en: str = ""  # the English title and description, after the Ukrainian ones
    description_en: str = ""


@dataclass
class Passport:
    """The dataset's metadata as data.gov.ua shows it; blanks are filled from the package."""

    name: str | None = None
    maintainer: str | None = None
    maintainer_email: str | None = None
    update_frequency: str | None = None  # None: the portal's, or DEFAULT_UPDATE_FREQUENCY
    language: str | None = None
    purpose: str | None = None  # None: the portal's, or DEFAULT_PURPOSE


@dataclass
class PortalRows:
    """A table's rows on the portal against the file's, by its primary key (``key``): the
    rows the file lacks (``lost``, the first few named in ``lost_keys``), which replacing
    the table would delete, such as a colleague's published from another computer; and
    those of the same key with other values (``changed``).  ``unread``: why the portal's
    copy could not be read (gone from its file store, too big): what it holds is unknown."""

    key: list[str]
    lost: int = 0
    lost_keys: list[str] = field(default_factory=list)
    changed: int = 0
    unread: str | None = None

    @property
    def at_risk(self) -> bool:
        """Whether replacing the table may delete rows only the portal has."""
        return bool(self.lost or self.unread)


@dataclass
class ResourceChange:
    key: str
    name: str
    action: str  # create | update | unchanged | delete | keep (on the portal, not ours)
    reasons: list[str] = field(default_factory=list)
    id: str | None = None
    url: str | None = None
    bytes: int = 0
    rows: int | None = None
    portal_rows: PortalRows | None = None  # a published table the update replaces


@dataclass
class PublishPlan:
    portal: str
    organization: str
    dataset: dict[str, Any]  # the CKAN dataset as it should be
    action: str  # create | update | unchanged
    reasons: list[str]
    resources: list[ResourceChange]
    files: dict[str, PublishFile]
    existing: dict[str, Any] | None  # the dataset as it is on the portal
    notes: list[str] = field(default_factory=list)  # codes: messages.PUBLISH_UI[lang]["notes"]
    built_page: Path | None = None  # the page as built, with relative download links
    # Holds the temporary build folder (when no build_dir was given) until the plan is done.
    workspace: tempfile.TemporaryDirectory | None = field(default=None, repr=False, compare=False)
    warnings: list[Problem] = field(default_factory=list)  # the package's, published as it is
    carried_out: bool = field(default=False, compare=False)  # by `publish`: a new plan for the next
    replace_rows: bool = False  # the portal's rows the package lacks are deleted knowingly

    @property
    def losing_rows(self) -> list[ResourceChange]:
        """The tables whose update would delete rows the portal has and the package lacks."""
        return [c for c in self.resources if c.portal_rows is not None and c.portal_rows.at_risk]

    @property
    def dataset_url(self) -> str:
        return f"{self.portal}/dataset/{self.dataset['name']}"

    @property
    def changes(self) -> bool:
        return self.action != "unchanged" or any(
            r.action in ("create", "update", "delete") for r in self.resources
        )

    def to_dict(self) -> dict:
        return {
            "portal": self.portal,
            "organization": self.organization,
            "dataset": {
                "name": self.dataset["name"],
                "action": self.action,
                "reasons": self.reasons,
                "url": self.dataset_url,
            },
            "resources": [asdict(r) for r in self.resources],
            "notes": self.notes,
        }


@dataclass
class PublishResult:
    plan: PublishPlan
    errors: dict[str, PortalError] = field(default_factory=dict)  # by resource: left out of the counts
    retries: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def failures(self) -> list[str]:
        return [f"{name}: {error}" for name, error in self.errors.items()]

    @property
    def refused(self) -> dict[str, Rejected]:
        """What the portal refuses as it is (a table, a resource's value): to fix, not to
        publish again as a lost connection is."""
        return {name: error for name, error in self.errors.items() if isinstance(error, Rejected)}

    def to_dict(self) -> dict:
        data = self.plan.to_dict()
        summary: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": [], "deleted": []}
        verbs = {"create": "created", "update": "updated", "unchanged": "unchanged", "delete": "deleted"}
        for change in self.plan.resources:
            if change.action in verbs and change.name not in self.errors:
                summary[verbs[change.action]].append(change.name)
        return {
            **data,
            "ok": self.ok,
            "summary": summary,
            "failures": self.failures,
            "refused": {name: refusal.params for name, refusal in self.refused.items()},
            "retries": self.retries,
        }


# --- the package side ------------------------------------------------------------------------


def files_to_publish(
    package_dir: str | Path | ValidPackage, build_dir: str | Path, publisher: Publisher | None = None
) -> list[PublishFile]:
    """The files that become the dataset's resources, as `opendata build` writes them
    (with ``publisher``: what the passport knows that the package does not); a package
    with errors raises InvalidPackage, as `build` does.

    Tables first (keyed by resource name, loaded into the DataStore), then the
    analysts' downloads, then the package's own datapackage.json, which `pull`
    uses to put the package back together.
    """
    checked = valid_package(package_dir)
    package_dir, build_dir = checked.folder, Path(build_dir)
    descriptor = read_descriptor(package_dir)
    built = build(checked, build_dir, publisher)
    tables = {f.resource: f for f in built.files if f.role == "table" and f.format == "csv"}
    files = []
    for resource in descriptor.get("resources", []):
        table = tables.get(resource["name"])
        if table is not None:
            path, sha256 = build_dir / table.path, table.sha256
        else:  # not a CSV table: publish the package's own file
            path = package_dir / resource["path"]
            if not path.is_file():
                raise PackageError(f"{path} does not exist")
            sha256 = _sha256_file(path)
        guessed = "text/csv" if table is not None else mimetypes.guess_type(path.name)[0]
        schema = resource.get("schema")
        if isinstance(schema, str):
            schema = json.loads((package_dir / schema).read_text(encoding="utf-8"))
        files.append(
            PublishFile(
                key=resource["name"],
                path=path,
                title=resource.get("title") or resource["name"],
                description=resource.get("description", ""),
                title_en=resource.get("title_en", ""),
                description_en=resource.get("description_en", ""),
                format=str(resource.get("format", path.suffix.lstrip("."))).upper(),
                mimetype=resource.get("mediatype") or guessed or "application/octet-stream",
                sha256=sha256,
                schema=schema,
                package_path=str(resource.get("path", "")),
            )
        )
    for built_file in built.files:
        if built_file.role not in DOWNLOADS or not distributed(built_file.path):
            continue
        key, title, description, title_en, description_en = DOWNLOADS[built_file.role]
        files.append(
            PublishFile(
                key=key,
                path=build_dir / built_file.path,
                title=title,
                description=description,
                title_en=title_en,
                description_en=description_en,
                format=built_file.format.upper(),
                mimetype=built_file.mediatype,
                sha256=built_file.sha256,
            )
        )
    source = _source_text(package_dir)
    if source is not None:  # what `opendata pull` needs for a later import to know its files
        # the build's copy (the same bytes): the page's row for it then links the resource
        source = next((build_dir / f.path for f in built.files if f.role == "source"), source)
        files.append(
            PublishFile(
                key="source",
                path=source,
                title="Текст рішення (джерело пакета)",
                description="Текстовий експорт рішення, з якого `opendata import-plan` будує таблиці плану.",
                title_en="The decision's text (the package's source)",
                description_en="The decision's text export, from which `opendata import-plan` builds the "
                "plan's tables.",
                format="TXT",
                mimetype="text/plain",
                sha256=_sha256_file(source),
            )
        )
    descriptor_file = _published_descriptor(package_dir, descriptor, tables, build_dir)
    files.append(
        PublishFile(
            key="datapackage",
            path=descriptor_file,
            title="Опис пакета даних (Frictionless Data Package)",
            description="datapackage.json: таблиці, їхні схеми та метадані пакета; з нього "
            "`opendata pull` відтворює пакет. Схеми таблиць він називає файлами пакета, тож відкривайте "
            "пакет через `opendata pull`, не за посиланням на цей файл.",
            title_en="The data package's descriptor (Frictionless Data Package)",
            description_en="datapackage.json: the tables, their schemas and the package's metadata; "
            "`opendata pull` puts the package back together from it. It names the tables' schemas as "
            "the package's files, so open the package with `opendata pull`, not by this file's link.",
            format="JSON",
            mimetype="application/json",
            sha256=_sha256_file(descriptor_file),
        )
    )
    return files


def _published_descriptor(
    package_dir: Path, descriptor: dict, uploaded: Collection[str], build_dir: Path
) -> Path:
    """The datapackage.json `pull` rebuilds the package from: the package's own, but where
    a table is compressed («reports.csv.gz»), its entry names the plain CSV uploaded in its
    place (no ".gz", no "compression"); else pull wrote the CSV under the archive's name,
    which did not read.  UPLOADED: the tables whose CSV the build wrote."""
    resources = descriptor.get("resources", [])
    published = [_uncompressed(r) if r.get("name") in uploaded else r for r in resources]
    if published == resources:
        return package_dir / "datapackage.json"
    target = build_dir / PORTAL_PAGE_DIR / "datapackage.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json_text({**descriptor, "resources": published}), encoding="utf-8")
    return target


def _uncompressed(resource: dict) -> dict:
    """RESOURCE's entry for its file unpacked: the path without a compression suffix."""
    path = PurePosixPath(str(resource.get("path")))
    suffixed = path.suffix.lstrip(".").lower() in COMPRESSION_FORMATS
    if not suffixed and "compression" not in resource:
        return resource
    plain = {key: value for key, value in resource.items() if key not in ("compression", "innerpath")}
    if suffixed:
        plain["path"] = path.with_suffix("").as_posix()
    return plain


def _source_text(package_dir: Path) -> Path | None:
    """The package's copy of the decision's text (its descriptor's first source), if there."""
    sources = read_descriptor(package_dir).get("sources") or [{}]
    path = sources[0].get("path") if isinstance(sources[0], dict) else None
    if not isinstance(path, str) or escapes_folder(path) or not (package_dir / path).is_file():
        return None
    return package_dir / path


def read_descriptor(package_dir: str | Path) -> dict:
    package_dir = Path(package_dir)
    try:
        return json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PackageError(f"cannot read {package_dir / 'datapackage.json'}: {error}") from error


def dataset_dict(package_dir: str | Path, org: str, passport: Passport) -> dict[str, Any]:
    """The CKAN dataset (the fields we manage) for the package's descriptor."""
    package_dir = Path(package_dir)
    descriptor = read_descriptor(package_dir)
    name = ckan_name(passport.name or descriptor.get("name") or package_dir.resolve().name)
    notes = descriptor.get("description", "")
    if descriptor.get("description_en"):
        notes += "\n\n" + descriptor["description_en"]
    licence = (descriptor.get("licenses") or [{}])[0].get("name", "")
    maintainer, email = passport.maintainer, passport.maintainer_email
    if not maintainer:
        maintainer = _head_of_communication(package_dir) or publisher_name(descriptor)
    extras = {
        "update_frequency": passport.update_frequency or DEFAULT_UPDATE_FREQUENCY,
        "language": passport.language or descriptor.get("language", "uk"),
        "purpose_of_collecting_information": passport.purpose or DEFAULT_PURPOSE,
        **_coverage(package_dir),
        DATASET_MARK: descriptor.get("name") or name,
    }
    return {
        "name": name,
        "title": descriptor.get("title", name),
        "notes": notes,
        "owner_org": org,
        "license_id": LICENSES.get(licence, "other-open" if licence else "notspecified"),
        "maintainer": maintainer or "",
        "maintainer_email": email or "",
        "version": str(descriptor.get("version", "")),
        "tags": sorted({tag for k in descriptor.get("keywords", []) if (tag := _tag(k))}),
        "extras": extras,
    }


def ckan_name(text: str) -> str:
    """A CKAN-valid dataset name: 2–100 characters of a-z, 0-9, - and _; a Ukrainian one
    in the official Latin spelling ("Мій набір" → "mii-nabir")."""
    name = re.sub(r"[^a-z0-9_-]+", "-", transliterate(text).lower()).strip("-")[:100]
    if len(name) < 2:
        raise PackageError(f"cannot make a CKAN dataset name from {text!r}; pass one explicitly")
    return name


def _tag(keyword: str) -> str:
    return re.sub(r"[^\w .-]+", " ", keyword).strip()[:100]


def _plan_table(package_dir: Path, name: str) -> Table | None:
    """A table of the plan as text, wherever the descriptor puts it (osoby.csv, say)."""
    resources = read_descriptor(package_dir).get("resources", [])
    path = next((r.get("path") for r in resources if r.get("name") == name), None)
    if not isinstance(path, str) or escapes_folder(path) or not (package_dir / path).is_file():
        return None
    return read_table(frictionless.Resource(path, basepath=str(package_dir)))


def _decision(package_dir: Path) -> dict[str, str]:
    """The plan's decision (decision.csv's row), or {} for a package that has none."""
    table = _plan_table(package_dir, "decision")
    return table.rows[0] if table is not None and table.rows else {}


def _coverage(package_dir: Path) -> dict[str, str]:
    """The passport's temporal and spatial coverage: the plan's period and town, which
    tell one year's plan from the next on the portal (the audit counts them, too)."""
    decision = _decision(package_dir)
    wanted = {"temporal_start": "period_start", "temporal_end": "period_end", "spatial": "city"}
    return {key: decision[column] for key, column in wanted.items() if decision.get(column)}


def _head_of_communication(package_dir: Path) -> str | None:
    """The maintainer by default: the head of the communication and IT department, from the
    people table."""
    table = _plan_table(package_dir, "people")
    for row in table.rows if table is not None else []:
        if (row.get("position_uk") or "").startswith(HEAD_OF_COMMUNICATION):
            full = " ".join(filter(None, [row.get("surname"), row.get("first_name")]))
            return f"{full}, {row['position_uk']}"
    return None


def _maintainer_is_the_publisher(package_dir: Path, passport: Passport, maintainer: str) -> bool:
    """Whether the passport's MAINTAINER is the package's publisher (an executive committee,
    a department) for want of --maintainer and of a head of communication in people.csv, as
    in another council's plan: the officer is told, not left to find it on the portal."""
    if passport.maintainer or _head_of_communication(package_dir) is not None:
        return False
    return bool(maintainer) and maintainer == publisher_name(read_descriptor(package_dir))


# --- comparing with the portal ---------------------------------------------------------------


def plan_publish(
    package_dir: str | Path | ValidPackage,
    client: CkanClient,
    org: str,
    passport: Passport | None = None,
    *,
    prune: bool = False,
    force: bool = False,
    replace_rows: bool = False,
    build_dir: str | Path | None = None,
) -> PublishPlan:
    """What a publish would do: read the portal, compare, change nothing.

    The package is validated first (unless it is a ValidPackage already): one with
    errors raises InvalidPackage before the portal is asked.  The downloads are built
    into `build_dir` (a temporary folder if None).  A published table to be replaced is
    compared with the file row by row (`PortalRows`): the plan's `losing_rows` are refused
    by `publish` unless REPLACE_ROWS.
    """
    checked = valid_package(package_dir)
    package_dir = checked.folder
    passport = passport or Passport()
    wanted = dataset_dict(package_dir, org, passport)
    workspace = None
    if build_dir is None:
        workspace = tempfile.TemporaryDirectory(prefix="opendata-build-")
        build_dir = workspace.name
    existing = client.find("package_show", {"id": wanted["name"]})
    if existing is not None:
        _ensure_ours(existing, org, wanted["extras"], client.url)
        _keep_the_portals_passport(wanted, existing, passport)
    # the register row of the build (national/register.csv) names the dataset's contact,
    # as the passport does: a plain build leaves it to --publisher.  Not the dataset's
    # page: the same package's files would differ from one dataset name to another.  An
    # e-mail not in the register's form is left out of it (the portal's refusal names it)
    email = wanted["maintainer_email"] or None
    fits = publisher_value_problem("contact_email", email) is None
    publisher = Publisher(contact_name=wanted["maintainer"] or None, contact_email=email if fits else None)
    files = {f.key: f for f in files_to_publish(checked, build_dir, publisher)}
    notes = []
    if _maintainer_is_the_publisher(package_dir, passport, wanted["maintainer"]):
        notes.append("maintainer-is-publisher")
    if not wanted["maintainer_email"]:
        notes.append("no-maintainer-email")
    if existing and existing.get("state") == "deleted":
        notes.append("dataset-deleted")
    if existing is None:
        action, reasons = "create", ["new dataset"]
    else:
        reasons = _dataset_differences(wanted, existing)
        action = "update" if reasons else "unchanged"
    on_portal = _our_resources((existing or {}).get("resources", []), files)
    built_page = files["page"].path if "page" in files else None
    if built_page is not None:
        files["page"] = _portal_page(files, built_page, {k: r.get("url") for k, r in on_portal.items()})
    datastore = not any(f.schema for f in files.values()) or _has_datastore(client, on_portal.values())
    if not datastore:
        notes.append("no-datastore")
    changes = []
    for key, publish_file in files.items():
        resource = on_portal.get(key)
        table = _datastore_table(client, resource) if datastore and publish_file.schema and resource else None
        change = _resource_change(publish_file, resource, table, force=force, datastore=datastore)
        if resource is not None and _replaces_published_rows(publish_file, resource, change):
            change.portal_rows = compare_portal_rows(client, resource, publish_file)
        changes.append(change)
    ours = {resource["id"] for resource in on_portal.values()}
    for resource in (existing or {}).get("resources", []):
        if resource["id"] in ours:
            continue
        changes.append(
            ResourceChange(
                key=resource.get(MANAGED_MARK) or "",
                name=resource.get("name") or resource["id"],
                action="delete" if prune else "keep",
                reasons=["not in the package", *([] if prune else ["use --prune to delete"])],
                id=resource["id"],
                url=resource.get("url"),
            )
        )
    return PublishPlan(
        portal=client.url,
        organization=org,
        dataset=wanted,
        action=action,
        reasons=reasons,
        resources=changes,
        files=files,
        existing=existing,
        notes=notes,
        built_page=built_page,
        workspace=workspace,
        warnings=checked.warnings,
        replace_rows=replace_rows,
    )


def _keep_the_portals_passport(wanted: dict, existing: dict, passport: Passport) -> None:
    """What was set once (--maintainer, --maintainer-email, --update-frequency, --purpose)
    stays on the portal until given anew: a routine republish reset it to the default."""
    extras = _extras(existing)
    for given, fields, key in (
        (passport.maintainer, wanted, "maintainer"),
        (passport.maintainer_email, wanted, "maintainer_email"),
        (passport.update_frequency, wanted["extras"], "update_frequency"),
        (passport.purpose, wanted["extras"], "purpose_of_collecting_information"),
    ):
        on_portal = existing.get(key) if fields is wanted else extras.get(key)
        if not given and on_portal:
            fields[key] = on_portal


def _our_resources(resources: list[dict], files: dict[str, PublishFile]) -> dict[str, dict]:
    """The portal's resource of each package file, by the mark publish leaves on it; or,
    where the mark is gone, by the file's name (the resource's, or its URL's).  The
    portal's own edit form saves only the fields it shows, and drops the marks, the hash
    and the schema: such a resource is still the file's, not one more beside it."""
    found = {r[MANAGED_MARK]: r for r in resources if r.get(MANAGED_MARK) in files}
    unmarked = [r for r in resources if not r.get(MANAGED_MARK)]
    for key, publish_file in files.items():
        named = publish_file.path.name
        same = [r for r in unmarked if named in (r.get("name"), uploaded_file_name(r))]
        if key not in found and len(same) == 1:
            found[key] = same[0]
    return found


def uploaded_file_name(resource: dict) -> str | None:
    """The file an uploaded resource's URL ends in (…/download/people.csv), which the form
    keeps when the officer retitles the resource.  None for a link: the page it points
    at is someone else's, whatever its name."""
    if resource.get("url_type") != "upload":
        return None
    return unquote(urlsplit(resource.get("url") or "").path.rpartition("/")[2])


def _extras(dataset: dict) -> dict[str, str]:
    return {e["key"]: e["value"] for e in dataset.get("extras", []) if isinstance(e, dict) and "key" in e}


def _ensure_ours(existing: dict, org: str, extras: dict[str, str], portal: str) -> None:
    """Refuse a dataset this package must not update: another organisation's, another
    package's, or another plan's of the same package name (a town's Q3 and Q4 plans are
    both «…-communication-plan-2022»: their periods, temporal_start and temporal_end, differ).
    The refusal names the dataset's page on PORTAL, to look at."""
    package = extras[DATASET_MARK]
    name = existing["name"]
    where = {"dataset": name, "url": f"{portal}/dataset/{name}"}
    owner = (existing.get("organization") or {}).get("name")
    if owner and owner != org:
        raise DatasetNotOurs(
            f"dataset {name!r} belongs to organisation {owner!r}, not {org!r}",
            reason="other_organisation",
            owner=owner,
            org=org,
            **where,
        )
    theirs = _extras(existing).get(DATASET_MARK)
    if theirs and theirs != package:
        raise OtherPackagesDataset(
            f"dataset {name!r} holds package {theirs!r}, not {package!r}; "
            f"give this one another --dataset name",
            theirs=theirs,
            ours=package,
            **where,
        )
    theirs_period, ours_period = (_period(e) for e in (_extras(existing), extras))
    if theirs == package and None not in (theirs_period, ours_period) and theirs_period != ours_period:
        raise OtherPlansDataset(
            f"dataset {name!r} holds the plan for {theirs_period}, not {ours_period}; "
            f"give this one another --dataset name",
            theirs=period_label(*theirs_period),
            ours=period_label(*ours_period),
            suggested=f"{name}-{_quarters_slug(*ours_period)}",
            **where,
        )
    resources = existing.get("resources", [])
    marked = any(r.get(MANAGED_MARK) for r in resources) or _extras(existing).get(DATASET_MARK)
    if resources and not marked:
        message = f"dataset {name!r} was not published by opendata"
        raise DatasetNotOurs(message, reason="not_by_opendata", **where)


def _period(extras: dict[str, str]) -> tuple[date, date] | None:
    """A dataset's temporal coverage (the plan's period), if it has one in ISO dates."""
    try:
        return date.fromisoformat(extras["temporal_start"]), date.fromisoformat(extras["temporal_end"])
    except (KeyError, ValueError):
        return None


def _quarters_slug(start: date, end: date) -> str:
    """«q3», «q2-q4»: what tells a plan's dataset from the same year's other plans."""
    first, last = (quarter_label(day).rpartition("-")[2].lower() for day in (start, end))
    return first if first == last else f"{first}-{last}"


def _portal_page(files: dict[str, PublishFile], built_page: Path, urls: dict[str, str | None]) -> PublishFile:
    """The page resource's file: the built page, its downloads linked to `urls` (by key).

    Only the build's files: the package's own datapackage.json (for `pull`) took the
    row of the build's descriptor, and its relative paths to tables and schemas lead
    nowhere on the portal; that row is left out, as the ZIP archive holds it."""
    build_dir = built_page.parent
    by_path = {
        publish_file.path.relative_to(build_dir).as_posix(): urls[key]
        for key, publish_file in files.items()
        if urls.get(key) and publish_file.path.is_relative_to(build_dir)
    }
    data = page_for_portal(built_page.read_text(encoding="utf-8"), by_path).encode()
    target = build_dir / PORTAL_PAGE_DIR / built_page.name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data)
    return replace(files["page"], path=target, sha256=hashlib.sha256(data).hexdigest())


def _dataset_differences(wanted: dict, existing: dict) -> list[str]:
    reasons = []
    for key in ("title", "notes", "license_id", "maintainer", "maintainer_email", "version"):
        if (existing.get(key) or "") != wanted[key]:
            reasons.append(f"{key} changed")
    if sorted(t["name"] for t in existing.get("tags", [])) != wanted["tags"]:
        reasons.append("tags changed")
    extras = _extras(existing)
    for key, value in wanted["extras"].items():
        if extras.get(key) != value:
            reasons.append(f"{key} changed")
    if existing.get("state") != "active" or existing.get("private"):
        reasons.append("not public and active")
    return reasons


def _resource_fields(publish_file: PublishFile) -> dict[str, Any]:
    """The resource's metadata that we manage (the content hash is added last)."""
    description = _titled(publish_file.title, publish_file.description)
    if publish_file.title_en or publish_file.description_en:  # as the dataset's notes: then English
        description += "\n\n" + _titled(publish_file.title_en, publish_file.description_en)
    fields = {
        "name": publish_file.path.name,
        "description": description,
        "format": publish_file.format,
        "mimetype": publish_file.mimetype,
        MANAGED_MARK: publish_file.key,
    }
    if publish_file.schema:
        fields["schema"] = json.dumps(publish_file.schema, ensure_ascii=False)
    return fields


def _titled(title: str, description: str) -> str:
    return f"{title} — {description}" if title and description else title or description


def _resource_change(
    publish_file: PublishFile,
    resource: dict | None,
    table: dict | None = None,
    *,
    force: bool = False,
    datastore: bool = True,
) -> ResourceChange:
    """What to do with one file; TABLE is its DataStore table as `_datastore_table` reads
    it; FORCE sends it again whatever the portal says.  On a portal without a DataStore
    (not DATASTORE) a table is a file like the others: no DataStore table is no change."""
    size = publish_file.path.stat().st_size
    name = publish_file.path.name
    if resource is None:
        return ResourceChange(publish_file.key, name, "create", ["new resource"], bytes=size)
    reasons = []
    stored = resource.get("opendata_sha256")
    if not resource.get(MANAGED_MARK):  # saved in the portal's form: what it holds is unknown
        reasons.append("edited on the portal")
    elif stored != publish_file.sha256:
        reasons.append("content changed" if stored not in (None, "", "pending") else "unfinished upload")
    elif _replaced_on_portal(resource):
        reasons.append("replaced on the portal")
    for key, value in _resource_fields(publish_file).items():
        if key == "schema":
            if _parse_json(resource.get("schema")) != publish_file.schema:
                reasons.append("schema changed")
        elif (resource.get(key) or "") != value:
            reasons.append(f"{key} changed")
    if publish_file.schema and datastore and table is None:
        reasons.append("no DataStore table")
    elif publish_file.schema and datastore and not RELOAD_REASONS & set(reasons):
        same_file = not CONTENT_REASONS & set(reasons)
        reasons += _datastore_differences(publish_file, table, same_file=same_file)
    if force:
        reasons.append("forced")
    return ResourceChange(
        publish_file.key,
        name,
        "update" if reasons else "unchanged",
        reasons,
        id=resource["id"],
        url=resource.get("url"),
        bytes=size if CONTENT_REASONS & set(reasons) else 0,
    )


# why a table's rows were not loaded: the portal has no DataStore (a note says so)
NO_DATASTORE = "table not loaded: the portal has no DataStore"

# why a file is sent again, and why its DataStore table is made anew
CONTENT_REASONS = {
    "content changed",
    "unfinished upload",
    "edited on the portal",
    "replaced on the portal",
    "forced",
}
RELOAD_REASONS = {
    "schema changed",
    "unfinished upload",  # the schema may be patched already, the table not yet rebuilt
    "no DataStore table",
    "DataStore fields differ",
    "DataStore rows differ",
    "edited on the portal",
    "replaced on the portal",
    "forced",
}


DATASTORE_PROBE = "opendata-datastore-probe"  # no resource's id: a DataStore answers «not found»


def _has_datastore(client: CkanClient, resources: Iterable[dict]) -> bool:
    """Whether the portal has a DataStore: one of the dataset's RESOURCES is in it, or a search
    of a table that is nowhere is «not found» rather than an action the portal does not have.
    Many city portals have none: their tables' missing DataStore tables are no update to make
    on every publish, which would change the dataset's metadata_modified each time."""
    if any(resource.get("datastore_active") for resource in resources):
        return True
    try:
        client.find("datastore_search", {"resource_id": DATASTORE_PROBE, "limit": 0})
    except UnknownAction:
        return False
    except NotAuthorised:  # a portal that hides the DataStore from this user still has one
        pass
    return True


def _datastore_table(client: CkanClient, resource: dict) -> dict | None:
    """The resource's DataStore table (its fields and row count), None when there is none."""
    if not resource.get("datastore_active"):
        return None
    return client.find("datastore_search", {"resource_id": resource["id"], "limit": 0})


def _datastore_differences(publish_file: PublishFile, table: dict, *, same_file: bool) -> list[str]:
    """Why the DataStore table is not the file's: edited on the portal (rows deleted with
    datastore_delete, say), or rebuilt only half-way; the file's hash cannot tell.  The
    columns are the file's even when it changed: a value beyond int8 typed over a small one
    makes its column numeric, which an upsert cannot.  A changed file's rows are upserted."""
    assert publish_file.schema is not None
    reasons = []
    if _field_types(table["fields"]) != _field_types(file_datastore_fields(publish_file)):
        reasons.append("DataStore fields differ")
    if same_file and table.get("total") != _csv_rows(publish_file.path):
        reasons.append("DataStore rows differ")
    return reasons


def _field_types(fields: list[dict]) -> list[tuple[str, str]]:
    """The columns' (id, type) pairs, without the DataStore's own ``_id``."""
    return [(f["id"], f["type"]) for f in fields if f["id"] != "_id"]


def _csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream))


def _replaced_on_portal(resource: dict) -> bool:
    """A file uploaded over ours by hand, in the portal's own form, or the upload replaced
    by a link (``url_type`` no longer "upload").  It keeps our hash, but CKAN gives every
    upload a new last_modified; ours is kept as ``opendata_uploaded`` (an upload by an
    earlier version of opendata, which kept none, is taken as ours until the next)."""
    if resource.get("url_type") != "upload":  # the file's name in its URL is the portal's spelling
        return True
    uploaded = resource.get("opendata_uploaded")
    return bool(uploaded) and resource.get("last_modified") != uploaded


def _replaces_published_rows(publish_file: PublishFile, resource: dict, change: ResourceChange) -> bool:
    """Whether the update sends the table's file over other rows that a publish put on the
    portal (this computer's or a colleague's): a file replaced or edited by hand on the
    portal is repaired as before, and one of the same hash holds the same rows."""
    return (
        bool(publish_file.schema)
        and bool(CONTENT_REASONS & set(change.reasons))
        and bool(resource.get(MANAGED_MARK))
        and not _replaced_on_portal(resource)
        and resource.get("opendata_sha256") != publish_file.sha256
    )


def compare_portal_rows(client: CkanClient, resource: dict, publish_file: PublishFile) -> PortalRows | None:
    """The portal's file of the table against the package's, by the primary key (both are
    built CSVs, so a row's text is its values).  None for a table without a primary key, or
    a portal's file without its columns: a changed row cannot be told from a lost one.  A
    copy the portal cannot give (gone from its file store, too big or too slow) is
    ``unread``: a plan stops at it as at lost rows, and --replace-portal-rows replaces it."""
    key = _primary_key(publish_file.schema or {})
    if not key:
        return None
    with tempfile.TemporaryDirectory(prefix="opendata-portal-rows-") as folder:
        downloaded = Path(folder) / publish_file.path.name
        try:
            client.download(resource["url"], downloaded)
            portal = _row_digests(downloaded, key)
        except NotAuthorised:
            raise  # the token, not this copy: the publish stops, as at any request
        except (PortalError, OSError, UnicodeDecodeError, csv.Error) as error:
            # its file store answers 500 for a file it lost: the portal read the plan just now
            return PortalRows(key=key, unread=str(error) or type(error).__name__)
    ours = _row_digests(publish_file.path, key)
    if portal is None or ours is None:
        return None
    lost = [k for k in portal if k not in ours]
    changed = sum(1 for k, digest in portal.items() if k in ours and ours[k] != digest)
    shown = ["/".join(k) for k in lost[:LOST_KEYS_SHOWN]]
    return PortalRows(key=key, lost=len(lost), lost_keys=shown, changed=changed)


def _row_digests(path: Path, key: list[str]) -> dict[tuple[str, ...], int] | None:
    """A CSV's rows as their KEY's values and a hash of the whole row, in the file's order
    (a hash, not the row: a table of a million reports is compared in tens of MB); None if
    a key column is missing."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader, [])
        if not set(key) <= set(header):
            return None
        places = [header.index(k) for k in key]
        return {tuple(row[i] if i < len(row) else "" for i in places): hash(tuple(row)) for row in reader}


def rows_refusal(plan: PublishPlan) -> PortalRowsWouldBeLost | None:
    """Why PLAN must not be carried out: rows on the portal its tables lack, which it would
    delete (unless made with ``replace_rows``); None when it may."""
    losing = [] if plan.replace_rows else plan.losing_rows
    if not losing:
        return None
    tables = "; ".join(_lost_rows_text(change) for change in losing)
    name = plan.dataset["name"]
    return PortalRowsWouldBeLost(
        f"{plan.dataset_url} holds rows the package lacks, which publishing would delete ({tables}); "
        f"nothing was changed. Pull the dataset into another folder (opendata pull {name} --out FOLDER) "
        f"and copy those rows into the package's files, or publish with --replace-portal-rows to delete "
        f"them knowingly",
        dataset=name,
    )


def _lost_rows_text(change: ResourceChange) -> str:
    """«progress_reports.csv: 2 rows, report_id X, Y», in English (the refusal's str())."""
    rows = change.portal_rows
    assert rows is not None
    if rows.unread:
        return f"{change.name}: the portal's copy could not be read to compare ({rows.unread})"
    more = rows.lost - len(rows.lost_keys)
    keys = ", ".join(rows.lost_keys) + (f" and {more} more" if more else "")
    return f"{change.name}: {rows.lost} row(s), {'/'.join(rows.key)} {keys}"


# --- carrying the plan out -------------------------------------------------------------------


def publish(
    plan: PublishPlan,
    client: CkanClient,
    *,
    on_upload: Callable[[str, int], None] | None = None,
) -> PublishResult:
    """Carry out PLAN; a resource that fails is reported and the others go on.

    Lost connections and refusals of one resource make a partial result (the
    next run finishes the job); a bad token or an unreachable portal stops
    everything by raising.  A plan is carried out once: to publish again (a retry, say),
    make a new plan with `plan_publish`, which reads the portal as it is now; this one
    raises PlanCarriedOut.  Rows on the portal that the package lacks are never deleted
    unsaid: a plan with `losing_rows` raises PortalRowsWouldBeLost before anything is sent,
    unless it was made with ``replace_rows``.
    """
    if plan.carried_out:
        raise PlanCarriedOut(
            f"this plan for {plan.dataset_url} was carried out already, and the portal has changed since "
            f"the plan read it; to publish again, make a new plan with plan_publish() and publish that"
        )
    refusal = rows_refusal(plan)
    if refusal is not None:
        raise refusal
    result = PublishResult(plan)
    check_can_publish(client, plan.organization)
    plan.carried_out = True  # from here on the portal changes
    dataset = _sync_dataset(plan, client)
    for change in sorted(plan.resources, key=lambda change: change.key == "page"):  # the page last
        if change.key == "page" and plan.built_page is not None:
            _relink_page(plan, change)
        if change.action in ("unchanged", "keep"):
            continue
        try:
            if change.action == "delete":
                client.call("resource_delete", {"id": change.id})
                continue
            resource = _sync_resource(plan.files[change.key], change, dataset, client, on_upload)
            change.id, change.url = resource["id"], resource["url"]
        except DataStoreRefused as error:
            result.errors[change.name] = error
        except Rejected as error:
            result.errors[change.name] = _resource_refused(error, change.name)
        except PortalError as error:
            if error.exit_code == 2:
                raise
            result.errors[change.name] = error
    if "no-datastore" not in plan.notes and any(NO_DATASTORE in change.reasons for change in plan.resources):
        plan.notes.append("no-datastore")
    result.retries = client.retries
    return result


def _relink_page(plan: PublishPlan, change: ResourceChange) -> None:
    """Link the page to the resources' URLs as they are once the others are synced.

    A resource created by this run has its URL only now; the page is uploaded when
    its content differs from what the portal holds."""
    assert plan.built_page is not None
    page = _portal_page(plan.files, plan.built_page, {c.key: c.url for c in plan.resources})
    plan.files["page"] = page
    on_portal = (plan.existing or {}).get("resources", [])
    stored = next((r.get("opendata_sha256") for r in on_portal if r.get(MANAGED_MARK) == "page"), None)
    replaced = "replaced on the portal" in change.reasons
    change.bytes = page.path.stat().st_size if stored != page.sha256 or replaced else 0
    if change.bytes and change.action == "unchanged":
        change.action = "update"
        change.reasons.append("links changed")


def _require_token(client: CkanClient) -> None:
    """No token, no publish: said with why there is none, the config file's token kept from
    this portal (another's) told apart from none set anywhere."""
    if client.has_token:
        return
    withheld = client.withheld
    if withheld is None:
        raise NoToken(
            "no API token: set CKAN_API_TOKEN or put token = ... under [portal] in the config", "no_token"
        )
    file, url, portal = withheld.file, withheld.url, client.url
    if url is None:
        message = f"no API token: the one in {file} names no portal url, so it was not sent to {portal}"
        raise NoToken(message, "token_withheld_no_url", file=file, portal=portal)
    message = f"no API token: the API token in {file} is for {url}, so it was not sent to {portal}"
    raise NoToken(message, "token_withheld", file=file, url=url, portal=portal)


class NoToken(NotAuthorised):
    """There is no API token to publish with: ``reason`` says why (none set, or the config
    file's kept from this portal, another's), and what to do; ``params``: file, url, portal."""


class OrganisationNotFound(NotFound):
    """--org names no organisation of the portal: a typo, or one still to create (``params``:
    org, portal)."""

    reason = "on_portal"  # the message's first line says the rest


class NoRightsInOrganisation(NotAuthorised):
    """The token is good (its user may publish elsewhere), but not in this organisation:
    a new token would not help, a membership would."""


class NotAnEditor(NoRightsInOrganisation):
    """The token's user is a member of the organisation, but not its editor: the role
    would help, a new token would not."""


def check_can_publish(client: CkanClient, org: str) -> None:
    """Stop early, with a clear message, if the token cannot publish in ORG."""
    _require_token(client)
    orgs = client.call("organization_list_for_user", {"permission": "create_dataset"})
    if org not in _names(orgs):
        if org in _names(client.token_organisations()):
            raise NotAnEditor(
                f"the token's user is a member of organisation {org!r} but may not publish there: "
                f"ask its administrator for the editor role",
                org=org,
            )
        if client.find("organization_show", {"id": org, "include_datasets": False}) is None:
            raise organisation_not_found(client, org)
        if not orgs:
            raise NotAuthorised(
                f"the token's user may publish in no organisation of {client.url}: ask the administrator "
                f"of {org!r} for the editor role",
                "no_rights_anywhere",
                org=org,
                portal=client.url,
            )
        names = sorted(o["name"] for o in orgs)
        shown, more = ", ".join(names[:ORGANISATIONS_SHOWN]), len(names[ORGANISATIONS_SHOWN:])
        raise NoRightsInOrganisation(
            f"the token's user may not publish in organisation {org!r} (it may in: {shown}"
            f"{f' and {more} more' if more else ''})",
            org=org,
            allowed=f"{shown}, … (+{more})" if more else shown,  # for the messages of either language
        )


def organisation_not_found(client: CkanClient, org: str) -> OrganisationNotFound:
    """ORG is no organisation of the portal: a typo, or one to create (not a right to ask for)."""
    return OrganisationNotFound(
        f"organisation {org!r} does not exist on {client.url}; create it there "
        f"(or rerun with --create-org), or pass --org NAME",
        org=org,
        portal=client.url,
    )


def _names(orgs: list[dict]) -> set[str]:
    return {o["name"] for o in orgs} | {o["id"] for o in orgs}


def publish_refusal(client: CkanClient, org: str) -> str | None:
    """Why the token would not be let publish in ORG (what a dry run cannot try): a note's
    code, or None when it would."""
    try:
        check_can_publish(client, org)
    except NotAnEditor:
        return "not-an-editor"
    except NotAuthorised:
        return "not-authorised"
    return None


def _sync_dataset(plan: PublishPlan, client: CkanClient) -> dict:
    wanted = plan.dataset
    body = {
        **{k: v for k, v in wanted.items() if k not in ("tags", "extras")},
        "tags": [{"name": t} for t in wanted["tags"]],
        "private": False,
        "state": "active",
    }
    if plan.existing is None:
        body["extras"] = [{"key": k, "value": v} for k, v in wanted["extras"].items()]
        try:
            return client.call(
                "package_create", body, landed=lambda: client.find("package_show", {"id": wanted["name"]})
            )
        except Rejected as error:
            if client.find("package_show", {"id": wanted["name"]}) is None:
                raise _passport_refused(error, wanted) from None
            # another publish made it since this one looked: going on would add its files twice
            raise CreatedMeanwhile(f"{error}", dataset=wanted["name"]) from None
    if plan.action == "unchanged":
        return plan.existing
    extras = _extras(plan.existing)  # keep others' extras
    extras.update(wanted["extras"])
    body["extras"] = [{"key": k, "value": v} for k, v in extras.items()]
    body["id"] = plan.existing["id"]
    try:
        return client.call("package_patch", body)
    except Rejected as error:
        raise _passport_refused(error, wanted) from None


def _passport_refused(error: Rejected, wanted: dict) -> Rejected:
    """A refusal of one passport field named with where its value comes from; any other as it is."""
    key = error.params.get("key")
    if key not in PASSPORT_SOURCES:
        return error
    value = wanted[key]
    text = ", ".join(value) if isinstance(value, list) else str(value)
    shown = text if len(text) <= 80 else text[:79] + "…"
    return PassportRefused(str(error), **{**error.params, "value": shown, "source": PASSPORT_SOURCES[key]})


def _sync_resource(
    publish_file: PublishFile,
    change: ResourceChange,
    dataset: dict,
    client: CkanClient,
    on_upload: Callable[[str, int], None] | None,
) -> dict:
    fields = _resource_fields(publish_file)
    sha = publish_file.sha256
    needs_upload = change.action == "create" or change.bytes > 0
    if change.action == "create":
        resource = client.call(
            "resource_create",
            {"package_id": dataset["id"], **fields, "opendata_sha256": "pending"},
            upload=publish_file.path,
            landed=lambda: _find_resource(client, dataset["id"], publish_file.key),
        )
    elif needs_upload:  # the marker goes back to "pending" until the DataStore is loaded too
        resource = client.call(
            "resource_patch",
            {"id": change.id, **fields, "opendata_sha256": "pending"},
            upload=publish_file.path,
        )
    if needs_upload and on_upload:
        on_upload(change.name, change.bytes)
    recreate = bool(publish_file.schema) and (
        change.action == "create" or bool(RELOAD_REASONS & set(change.reasons))
    )
    if not needs_upload and not recreate:  # metadata only: the content is already there
        return client.call("resource_patch", {"id": change.id, **fields, "opendata_sha256": sha})
    if not needs_upload:
        resource = client.call("resource_patch", {"id": change.id, **fields, "opendata_sha256": "pending"})
    if publish_file.schema:
        change.rows = _load_if_datastore(client, resource["id"], publish_file, change, recreate=recreate)
    done = {"id": resource["id"], "opendata_sha256": sha}
    if needs_upload:  # the time the portal gave this upload: a later one is not ours
        done["opendata_uploaded"] = resource.get("last_modified") or ""
    return client.call("resource_patch", done)


def _find_resource(client: CkanClient, dataset_id: str, key: str) -> dict | None:
    dataset = client.call("package_show", {"id": dataset_id})
    return next((r for r in dataset.get("resources", []) if r.get(MANAGED_MARK) == key), None)


# --- the DataStore ---------------------------------------------------------------------------


def file_datastore_fields(publish_file: PublishFile) -> list[dict]:
    """The DataStore's columns for the file's table, read to find its integers beyond int8."""
    schema = publish_file.schema or {}
    return datastore_fields(schema, integers_outside(schema, read_records(publish_file.path, schema), INT64))


def datastore_fields(schema: dict, wide: Collection[str] = ()) -> list[dict]:
    """The DataStore's columns, with the portal's data dictionary filled from the schema:
    each field's title and description, in Ukrainian and English.  The integer columns
    WIDE, holding a value beyond int8 (a Table Schema integer has no bounds), are numeric,
    which holds every digit: int8 refused 100000000000000000000 half-way through a publish."""
    return [
        {
            "id": f["name"],
            "type": "numeric" if f["name"] in wide else DATASTORE_TYPES.get(f.get("type", "string"), "text"),
            "info": {
                "label": " / ".join(filter(None, (f.get("title"), f.get("title_en")))),
                "notes": "\n\n".join(filter(None, (f.get("description"), f.get("description_en")))),
            },
        }
        for f in schema["fields"]
    ]


def load_datastore(client: CkanClient, resource_id: str, publish_file: PublishFile, *, recreate: bool) -> int:
    """Make the resource's DataStore table hold exactly the CSV's rows; return the row count.

    RECREATE (a new or changed schema, other columns: the plan's reasons) rebuilds the
    table; otherwise rows are upserted by primary key and rows no longer in the CSV are
    deleted, unless that would list them in another order than the file's (a row moved in
    the spreadsheet): the DataStore lists rows by ``_id``, which an upsert keeps and a new
    row takes last.  A table without a primary key has no rows to upsert by: it is always
    loaded anew.
    """
    schema = publish_file.schema or {}
    primary_key = _primary_key(schema)
    fields = file_datastore_fields(publish_file)
    recreate = recreate or not primary_key
    stored: list[tuple] = []
    if primary_key and not recreate:
        stored = _datastore_keys(client, resource_id, primary_key)
        file_keys = [tuple(r[k] for k in primary_key) for r in read_records(publish_file.path, schema)]
        recreate = not _upsert_keeps_order(stored, file_keys)
    if recreate:
        with contextlib.suppress(NotFound):  # no table yet
            client.call("datastore_delete", {"resource_id": resource_id, "force": True})
        try:
            client.call(
                "datastore_create",
                {
                    "resource_id": resource_id,
                    "force": True,
                    "fields": fields,
                    "primary_key": primary_key,
                },
            )
        except Rejected as error:
            raise _refused(error, publish_file, 0) from None
    count = 0
    keys = set()
    for batch in _batches(read_records(publish_file.path, schema), BATCH_ROWS):
        method = "upsert" if primary_key else "insert"
        try:
            client.call(
                "datastore_upsert",
                {"resource_id": resource_id, "force": True, "method": method, "records": batch},
            )
        except Rejected as error:
            raise _refused(error, publish_file, count) from None
        count += len(batch)
        keys.update(tuple(r[k] for k in primary_key) for r in batch)
    if primary_key and not recreate:
        for stale in set(stored) - keys:
            client.call(
                "datastore_delete",
                {
                    "resource_id": resource_id,
                    "force": True,
                    "filters": dict(zip(primary_key, stale, strict=True)),
                },
            )
    return count


def _load_if_datastore(
    client: CkanClient, resource_id: str, publish_file: PublishFile, change: ResourceChange, *, recreate: bool
) -> int | None:
    """`load_datastore`, on a portal that has a DataStore.  Many city portals have none (no
    ``datastore_*`` actions): the file is published all the same, and the change says why its
    table was not loaded (the next publish loads it once the portal has a DataStore)."""
    try:
        return load_datastore(client, resource_id, publish_file, recreate=recreate)
    except UnknownAction as error:
        if not error.params["action"].startswith("datastore_"):
            raise
        change.reasons.append(NO_DATASTORE)
        return None


def _refused(error: Rejected, publish_file: PublishFile, rows_before: int) -> DataStoreRefused:
    """The DataStore's refusal of the table, naming the package's file and, where the portal
    names them, the field or the row (counted as validate counts: the header is row 1)."""
    params = {"file": publish_file.package_path or publish_file.key, "reason": error.params.get("reason", "")}
    if "field" in error.params:
        params["field"] = error.params["field"]
    if "record" in error.params:
        params["row"] = str(rows_before + int(error.params["record"]) + 2)
    return DataStoreRefused(str(error), **params)


def _resource_refused(error: Rejected, name: str) -> ResourceRefused:
    """The portal's refusal of resource NAME's value: its words, and the field it names."""
    where = {"field": error.params["key"]} if "key" in error.params else {}
    return ResourceRefused(str(error), resource=name, reason=error.params.get("reason", ""), **where)


def _primary_key(schema: dict) -> list[str]:
    """The Table Schema's primary key as a list of fields (a single field may be a string)."""
    primary_key = schema.get("primaryKey") or []
    return [primary_key] if isinstance(primary_key, str) else list(primary_key)


def _upsert_keeps_order(stored: list[tuple], wanted: list[tuple]) -> bool:
    """Whether upserting the file's keys WANTED over the table's STORED ones (deleting
    the rest) leaves the table in the file's order: kept rows keep their places, new
    rows come last."""
    wanted_keys, stored_keys = set(wanted), set(stored)
    kept = [key for key in stored if key in wanted_keys]
    return kept + [key for key in wanted if key not in stored_keys] == wanted


def _datastore_keys(client: CkanClient, resource_id: str, primary_key: list[str]) -> list[tuple]:
    """The table's primary keys in the order the DataStore lists its rows."""
    keys: list[tuple] = []
    offset = 0
    while True:
        page = client.call(
            "datastore_search",
            {
                "resource_id": resource_id,
                "fields": primary_key,
                "sort": "_id",
                "limit": 10000,
                "offset": offset,
            },
        )
        keys.extend(tuple(r[k] for k in primary_key) for r in page["records"])
        offset += len(page["records"])
        if not page["records"] or offset >= page["total"]:
            return keys


def read_records(path: Path, schema: dict) -> Iterator[dict[str, Any]]:
    """The CSV's rows as DataStore records: each cell read by its field (a boolean's
    own true values, a date's format, a number's decimal mark, the missing values)
    and sent as PostgreSQL reads it; a DataStore text column gets the text as written."""
    fields = {field.name: field for field in frictionless.Schema.from_descriptor(schema).fields}
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            yield {name: _datastore_value(fields.get(name), text) for name, text in row.items()}


def _datastore_value(field: frictionless.Field | None, text: str | None) -> Any:
    if field is None or text is None:
        return text or None
    value, errors = field.read_cell(text)
    if errors and "type" in errors:  # `publish` validates first: only a file changed since gets here
        raise PackageError(f"{field.name}: {text!r} is not a {field.type}")
    if value is None:
        return None
    if field.type not in DATASTORE_TYPES:
        return text
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _batches(records: Iterator[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- small helpers ---------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _parse_json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


class BadOrganisationName(PackageError):
    """--org holds no letter or digit a portal's name could be made of (``params``: org)."""

    exit_code = 2
    reason = "org_name"  # the message's first line names --org; this one, what a name is


def organisation_name(org: str) -> str:
    """ORG's CKAN name: as typed where it is one, else in the official Latin spelling
    ("Коломийська міська рада" → "kolomyiska-miska-rada"), as a dataset's name is made;
    an organisation created for it keeps the typed words as its title."""
    if re.fullmatch(r"[a-z0-9_-]{2,100}", org):
        return org
    try:
        return ckan_name(org)
    except PackageError:  # its words name a dataset: this is --org
        raise BadOrganisationName(
            f"--org: cannot make a portal's organisation name from {org!r}", org=org
        ) from None


KOLOMYIA_ORG = "kolomyia-city-council"  # the organisation of the plan the tool was made for


def default_organisation(package_dir: Path) -> str | None:
    """Kolomyia's organisation for Kolomyia's plan (its decision's town), where the tool
    began and `--org` may go unsaid; for any other package None: another council's plan
    published without `--org` went into Kolomyia's organisation."""
    return KOLOMYIA_ORG if _decision(package_dir).get("city") == "Коломия" else None


def suggested_organisation(package_dir: Path) -> str | None:
    """The organisation name a plan's council may take, made as Kolomyia's is
    («Снятин», a city council: «sniatyn-city-council»); None where the town is unknown."""
    decision = _decision(package_dir)
    town, body = decision.get("city"), decision.get("issuing_body") or ""
    if not town:
        return None
    kind = next((en for uk, en in COUNCILS_EN.items() if uk in body), COUNCILS_EN["міської"])
    return organisation_name(f"{transliterate(town)} {kind}")


@dataclass(frozen=True)
class Organisation:
    """The organisation --org leads to: ``name`` on the portal, as ``typed``; found by its
    title (the words typed), or missing and created (in a dry run, to be) with --create-org."""

    name: str
    typed: str
    by_title: bool = False
    created: bool = False


class SeveralOrganisations(PortalError):
    """Several of the portal's organisations have the title typed in --org: which one is
    for the officer to say (``params``: org, names, portal)."""

    exit_code = 2
    reason = "on_portal"  # the message's first line says the rest


def ensure_organization(
    client: CkanClient, typed: str, *, create: bool, dry_run: bool = False
) -> Organisation:
    """The organisation TYPED names: by its name, else (words typed) by its title; created only
    when asked, so a typo never makes a new one, nor words typed a twin of the one so titled.

    A missing token is said first: without it the portal may hide the organisation,
    and "no such organisation" would send the officer after the wrong cause.  A dry
    run needs no token, and creates nothing."""
    org = organisation_name(typed)
    if not dry_run:
        _require_token(client)
    show = {"id": org, "include_datasets": False}
    if client.find("organization_show", show) is not None:
        return Organisation(org, typed)
    if org != typed and (titled := organisation_titled(client, typed)) is not None:
        return Organisation(titled, typed, by_title=True)
    if not create:
        raise organisation_not_found(client, org)
    if not dry_run:
        client.call(
            "organization_create",
            {"name": org, "title": typed},
            landed=lambda: client.find("organization_show", show),
        )
    return Organisation(org, typed, created=True)


def organisation_titled(client: CkanClient, words: str) -> str | None:
    """The name of the portal's organisation titled WORDS, letter case and spaces aside; None
    when there is none, SeveralOrganisations when there are more."""
    wanted = _title_key(words)
    names = [o["name"] for o in _all_organisations(client) if _title_key(o.get("title") or "") == wanted]
    if len(names) > 1:
        listed = ", ".join(sorted(names))
        message = f"organisations titled {words.strip()!r} on {client.url}: {listed}; give --org one's name"
        raise SeveralOrganisations(message, org=words.strip(), names=listed, portal=client.url)
    return names[0] if names else None


def _title_key(title: str) -> str:
    return "".join(title.split()).casefold()


ORGANISATIONS_PAGE = 25  # CKAN gives no more organisations with all their fields at once


def _all_organisations(client: CkanClient) -> Iterator[dict]:
    """Every organisation of the portal, with its title: page by page."""
    offset = 0
    while True:
        page = client.call(
            "organization_list", {"all_fields": True, "limit": ORGANISATIONS_PAGE, "offset": offset}
        )
        yield from page
        if len(page) < ORGANISATIONS_PAGE:
            return
        offset += len(page)
