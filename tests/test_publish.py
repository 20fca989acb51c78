"""`opendata publish` and `opendata pull` against the real local CKAN portal.

Every test publishes under a unique dataset name, so the suite can run again
and again on the same portal.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from opendata.ckan_client import CkanClient, Rejected
from opendata.publish import (
    DataStoreRefused,
    NoRightsInOrganisation,
    OrganisationNotFound,
    Passport,
    PlanCarriedOut,
    PortalRowsWouldBeLost,
    PublishFile,
    check_can_publish,
    load_datastore,
    plan_publish,
    publish,
)
from opendata.validate import InvalidPackage
from tests.ckan_portal import Portal, lab_dir
from tests.helpers import add_counts_table, run_cli, write_cells_in_own_notation
from tests.test_build import NEWER_WORKBOOK, UNKNOWN_TASK_REPORT, newer_workbook

pytestmark = pytest.mark.ckan


def unique_name() -> str:
    return f"test-plan-{uuid.uuid4().hex[:10]}"


def cli_env(token: str | None, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CKAN_API_TOKEN", "OPENDATA_CONFIG")}
    env["HOME"] = "/nonexistent"  # no personal config file
    if token is not None:
        env["CKAN_API_TOKEN"] = token
    return {**env, **extra}


def publish_cli(portal: Portal, org: str, package: Path, name: str, *args, token: str | None = None):
    """Run `opendata publish --format json`; check the token appears nowhere in the output."""
    result = run_cli(
        "publish", package, "--portal", portal.url, "--org", org, "--dataset", name,
        "--maintainer-email", "opendata@example.org", "--format", "json", *args,
        env=cli_env(portal.token if token is None else token),
    )
    assert_no_token(portal, result)
    return result


def assert_no_token(portal: Portal, result) -> None:
    assert portal.token not in result.stdout
    assert portal.token not in result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def portal_state(portal: Portal, name: str) -> dict:
    """What a reader of the portal sees: the passport, each resource's file and DataStore table.

    The plan page links to this dataset's resources, whose ids differ between two
    publishes: its content is compared with each link written as the resource's name."""
    api = portal.api()
    dataset = api.action.package_show(id=name)
    resources = []
    for resource in dataset["resources"]:
        rows = None
        if resource.get("datastore_active"):
            rows = api.action.datastore_search(resource_id=resource["id"], limit=0)["total"]
        content = resource.get("opendata_sha256")
        if resource.get("opendata_name") == "page":
            page = requests.get(resource["url"], timeout=30).text
            for other in dataset["resources"]:
                page = page.replace(other["url"], "{" + other["name"] + "}")
            content = hashlib.sha256(page.encode()).hexdigest()
        resources.append(
            (resource["name"], resource.get("opendata_name"), content,
             resource.get("format"), resource.get("schema"), resource["size"], rows)
        )
    extras = {e["key"]: e["value"] for e in dataset["extras"]}
    return {
        "title": dataset["title"],
        "license_id": dataset["license_id"],
        "tags": sorted(t["name"] for t in dataset["tags"]),
        "extras": extras,
        "resources": sorted(resources),
    }


# What `opendata build` adds beside the tables and datapackage.json.
DOWNLOADS = {"kolomyia-communication-plan-2021.xlsx", "kolomyia-communication-plan-2021.sqlite", "plan.json",
             "dictionary.html", "index.html", "kolomyia-communication-plan-2021.zip"}
# Downloads built from every table: they change whenever any table does.
DERIVED = DOWNLOADS - {"dictionary.html"}
# Every resource of the dataset: the six tables, the downloads, the decision's text and
# datapackage.json.
RESOURCES = 6 + len(DOWNLOADS) + 2


def test_first_publish_creates_dataset_resources_and_datastore(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path, tmp_path: Path
):
    name = unique_name()
    built = tmp_path / "built"
    result = publish_cli(ckan_portal, ckan_org, plan_with_reports, name, "--build-dir", built)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["ok"] and summary["dataset"]["action"] == "create"
    assert summary["dataset"]["url"] == f"{ckan_portal.url}/dataset/{name}"
    assert len(summary["summary"]["created"]) == RESOURCES and not summary["summary"]["updated"]
    assert all(r["url"].startswith(ckan_portal.url) for r in summary["resources"])

    api = ckan_portal.api()
    dataset = api.action.package_show(id=name)
    assert dataset["organization"]["name"] == ckan_org
    assert dataset["license_id"] == "cc-by"
    assert dataset["maintainer"].startswith("Качанський Михайло")
    assert dataset["maintainer_email"] == "opendata@example.org"
    assert "Коломия" in {t["name"] for t in dataset["tags"]}
    extras = {e["key"]: e["value"] for e in dataset["extras"]}
    assert extras["update_frequency"] == "щокварталу"
    assert extras["language"] == "uk"
    assert extras["purpose_of_collecting_information"]
    # the plan's period and town: what tells one year's plan from the next on the portal
    assert (extras["temporal_start"], extras["temporal_end"], extras["spatial"]) == (
        "2021-04-01",
        "2021-12-31",
        "Коломия",
    )

    by_name = {r["name"]: r for r in dataset["resources"]}
    tables = {p.name for p in plan_with_reports.glob("*.csv")}
    assert set(by_name) == tables | DOWNLOADS | {"datapackage.json", "kolomyia-2021-communication-plan.txt"}
    for file_name, resource in by_name.items():
        # Uploaded bytes are the built files; a table's rows are the package's.
        local = plan_with_reports / file_name if file_name == "datapackage.json" else built / file_name
        if file_name == "index.html":  # the page as the portal serves it (links below)
            local = built / "portal" / file_name
        if file_name.endswith(".txt"):  # the decision's text, from the package
            local = plan_with_reports / "sources" / file_name
        if file_name in tables:
            local = built / "csv" / file_name
            assert csv_rows(local) == csv_rows(plan_with_reports / file_name)
        downloaded = requests.get(resource["url"], timeout=30)
        assert downloaded.content == local.read_bytes(), file_name
        if file_name.endswith(".csv"):
            schema_ref = plan_with_reports / "schemas" / f"{local.stem}.json"
            assert json.loads(resource["schema"]) == json.loads(schema_ref.read_text())
            search = api.action.datastore_search(resource_id=resource["id"], limit=1000)
            assert search["total"] == len(csv_rows(local)), file_name

    # Opened from the portal, the page's downloads are the dataset's other resources
    # (a relative link would fetch the page itself again).
    page_url = by_name["index.html"]["url"]
    served = requests.get(page_url, timeout=30).text
    links = re.findall(r'<tr data-download="[^"]*"><td><a href="([^"]+)" download>', served)
    # the page, and the package's own descriptor (for pull: its paths lead nowhere on
    # the portal; the build's descriptor is in the ZIP)
    unlinked = {"index.html", "datapackage.json"}
    assert sorted(links) == sorted(r["url"] for n, r in by_name.items() if n not in unlinked)
    assert requests.get(urljoin(page_url, "plan.json"), timeout=30).text == served

    # each resource described in Ukrainian, then in English, as the dataset's notes are
    uk, en = by_name["tasks.csv"]["description"].split("\n\n")
    assert uk.startswith("Завдання — ") and en == "Tasks — Every task row of the plan, in document order."
    assert by_name["kolomyia-communication-plan-2021.sqlite"]["description"].split("\n\n")[1].startswith(
        "All tables in one SQLite database — "
    )
    assert all("\n\n" in resource["description"] for resource in by_name.values()), by_name

    tasks = api.action.datastore_search(resource_id=by_name["tasks.csv"]["id"], limit=1)
    types = {f["id"]: f["type"] for f in tasks["fields"]}
    assert types["sequence"] == "int8" and types["number_is_duplicate"] == "bool"  # as PostgreSQL names them
    assert types["title_uk"] == "text"
    # the portal's data dictionary: each column's title and description, in both languages
    columns = {f["id"]: f for f in api.action.datastore_info(id=by_name["tasks.csv"]["id"])["fields"]}
    assert columns["sequence"]["info"]["label"] == "Порядок у документі / Order in the document"
    assert columns["sequence"]["info"]["notes"].endswith(
        "Position of the task row in the document (1 is the first task)."
    )
    reports = api.action.datastore_search(resource_id=by_name["progress_reports.csv"]["id"])
    assert {f["id"]: f["type"] for f in reports["fields"]}["report_date"] == "date"
    info = api.action.datastore_info(id=by_name["task_roles.csv"]["id"])
    assert info["meta"]["count"] == len(csv_rows(plan_with_reports / "task_roles.csv"))


def test_second_publish_changes_nothing(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    before = api.action.package_show(id=name)
    activities = len(api.action.package_activity_list(id=name, limit=100))

    again = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["dataset"]["action"] == "unchanged"
    assert len(summary["summary"]["unchanged"]) == RESOURCES
    assert not summary["summary"]["created"] and not summary["summary"]["updated"]

    after = api.action.package_show(id=name)
    assert after["metadata_modified"] == before["metadata_modified"]
    assert [r["metadata_modified"] for r in after["resources"]] == [
        r["metadata_modified"] for r in before["resources"]
    ]
    assert len(api.action.package_activity_list(id=name, limit=100)) == activities


def test_changed_csv_updates_exactly_one_resource(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path
):
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_with_reports, name).returncode == 0
    api = ckan_portal.api()
    before = {r["name"]: r for r in api.action.package_show(id=name)["resources"]}

    reports = plan_with_reports / "progress_reports.csv"
    lines = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    removed_id = lines[-1].split(",")[0]
    changed = lines[1].replace(",done,", ",in_progress,", 1)
    reports.write_text("".join([lines[0], changed, *lines[2:-1]]), encoding="utf-8")

    # the row deleted here is on the portal: deleted there too only when asked
    dry = publish_cli(ckan_portal, ckan_org, plan_with_reports, name, "--dry-run", "--replace-portal-rows")
    assert dry.returncode == 0
    planned = {r["name"]: r["action"] for r in json.loads(dry.stdout)["resources"]}
    # Of the tables only the changed one; the downloads made from all tables change with it.
    changed = {"progress_reports.csv"} | DERIVED
    assert {n for n, a in planned.items() if a != "unchanged"} == changed
    assert planned["progress_reports.csv"] == "update"
    # the same plan as an officer reads it: why each thing changes, in Ukrainian; without
    # --maintainer-email the portal's e-mail stays, and the passport with it
    text = run_cli("publish", plan_with_reports, "--portal", ckan_portal.url, "--org", ckan_org,
                   "--dataset", name, "--dry-run", "--replace-portal-rows", env=cli_env(ckan_portal.token))
    assert text.returncode == 0, text.stderr
    assert f"Паспорт набору даних {name}: без змін" in text.stdout
    assert "~ оновити    progress_reports.csv  (змінився вміст)" in text.stdout
    replaced = f"буде видалено з порталу (--replace-portal-rows): 1 рядок (report_id: {removed_id})"
    assert f"{replaced}; на порталі буде змінено: 1 рядок" in text.stdout
    assert "--maintainer-email" not in text.stderr
    assert "Пробний запуск: на порталі нічого не змінено." in text.stdout

    result = publish_cli(ckan_portal, ckan_org, plan_with_reports, name, "--replace-portal-rows")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert set(summary["updated"]) == changed and len(summary["unchanged"]) == RESOURCES - len(changed)

    after = {r["name"]: r for r in api.action.package_show(id=name)["resources"]}
    for file_name, resource in after.items():
        same = resource["metadata_modified"] == before[file_name]["metadata_modified"]
        assert same == (file_name not in changed), file_name
    resource = after["progress_reports.csv"]
    assert requests.get(resource["url"], timeout=30).content == reports.read_bytes()
    rows = api.action.datastore_search(resource_id=resource["id"], limit=100)
    assert rows["total"] == len(csv_rows(reports))
    by_id = {r["report_id"]: r for r in rows["records"]}
    assert removed_id not in by_id
    assert by_id[lines[1].split(",")[0]]["status"] == "in_progress"


def test_dry_run_touches_nothing(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    name = unique_name()
    result = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["dry_run"] and plan["dataset"]["action"] == "create"
    assert {r["action"] for r in plan["resources"]} == {"create"}
    assert name not in ckan_portal.api().action.package_list()
    assert plan["notes"] == []


def test_a_dry_run_says_when_the_real_publish_would_be_refused(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """With a token the portal does not accept, the dry run printed its plan, exit 0,
    and not a word of the token."""
    name = unique_name()
    refused = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run", token="not-a-token")
    assert refused.returncode == 0 and json.loads(refused.stdout)["notes"] == ["not-authorised"]
    text = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                   "--dry-run", env=cli_env("not-a-token"))  # fmt: skip
    assert "справжню публікацію портал не дозволить" in text.stderr
    assert json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run").stdout)["notes"] == []


def test_foreign_resources_are_kept_unless_prune(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    dataset_id = api.action.package_show(id=name)["id"]
    api.action.resource_create(package_id=dataset_id, name="photo report", url="https://example.org/p.pdf")

    kept = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert kept.returncode == 0
    assert "photo report" in {r["name"] for r in api.action.package_show(id=name)["resources"]}
    assert {r["name"]: r["action"] for r in json.loads(kept.stdout)["resources"]}["photo report"] == "keep"

    pruned = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--prune")
    assert pruned.returncode == 0
    assert json.loads(pruned.stdout)["summary"]["deleted"] == ["photo report"]
    assert "photo report" not in {r["name"] for r in api.action.package_show(id=name)["resources"]}


def test_changed_schema_rebuilds_the_datastore_table(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    schema_path = plan_copy / "schemas" / "tasks.json"
    schema = json.loads(schema_path.read_text())
    next(f for f in schema["fields"] if f["name"] == "sequence")["type"] = "number"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2))

    result = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert result.returncode == 0, result.stderr
    updated = set(json.loads(result.stdout)["summary"]["updated"])
    assert {name for name in updated if name.endswith(".csv")} == {"tasks.csv"}
    api = ckan_portal.api()
    tasks = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "tasks.csv")
    search = api.action.datastore_search(resource_id=tasks["id"], limit=0)
    assert {f["id"]: f["type"] for f in search["fields"]}["sequence"] == "numeric"
    assert search["total"] == len(csv_rows(plan_copy / "tasks.csv"))


def test_publish_then_pull_round_trips(ckan_portal: Portal, ckan_org: str, plan_with_reports: Path, tmp_path):
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_with_reports, name).returncode == 0
    out = tmp_path / "pulled"
    result = run_cli("pull", name, "--portal", ckan_portal.url, "--out", out, "--format", "json",
                     env=cli_env(ckan_portal.token))
    assert_no_token(ckan_portal, result)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["valid"] is True
    for table in plan_with_reports.glob("*.csv"):
        assert csv_rows(out / table.name) == csv_rows(table), table.name
    assert run_cli("validate", out).returncode == 0


def compress_the_reports(package: Path) -> None:
    """progress_reports.csv as progress_reports.csv.gz, which the package's descriptor names."""
    table = package / "progress_reports.csv"
    (package / "progress_reports.csv.gz").write_bytes(gzip.compress(table.read_bytes(), mtime=0))
    table.unlink()
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    reports = next(r for r in descriptor["resources"] if r["name"] == "progress_reports")
    reports["path"] = "progress_reports.csv.gz"
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")


def test_a_compressed_table_is_pulled_as_the_plain_csv_published(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path, tmp_path
):
    """Publish uploads the build's plain CSV of progress_reports.csv.gz, and the descriptor
    it published named the .gz: pull wrote the CSV as «progress_reports.csv.gz», which did
    not validate («Not a gzipped file»)."""
    reports = csv_rows(plan_with_reports / "progress_reports.csv")
    compress_the_reports(plan_with_reports)
    own = (plan_with_reports / "datapackage.json").read_bytes()
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_with_reports, name).returncode == 0
    out = tmp_path / "pulled"
    result = run_cli("pull", name, "--portal", ckan_portal.url, "--out", out, env=cli_env(ckan_portal.token))
    assert result.returncode == 0, result.stderr
    pulled = json.loads((out / "datapackage.json").read_text("utf-8"))
    entry = next(r for r in pulled["resources"] if r["name"] == "progress_reports")
    assert entry["path"] == "progress_reports.csv" and "compression" not in entry
    assert csv_rows(out / "progress_reports.csv") == reports
    assert not (out / "progress_reports.csv.gz").exists()
    assert (plan_with_reports / "datapackage.json").read_bytes() == own  # the package's own is left as it is
    again = json.loads(publish_cli(ckan_portal, ckan_org, plan_with_reports, name).stdout)["summary"]
    assert again["updated"] == [] and again["created"] == []


def test_pull_of_a_broken_schema_names_the_resource(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    tasks = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "tasks.csv")
    api.action.resource_patch(id=tasks["id"], schema='{"fields": [')  # edited by hand on the portal
    result = run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled",
                     "--format", "json", "--lang", "en", env=cli_env(ckan_portal.token))
    assert result.returncode == 2, result.stderr  # the dataset is unusable, as the help says
    assert "Traceback" not in result.stderr
    message = json.loads(result.stdout)["message"]
    assert "'tasks.csv'" in message and "not valid JSON" in message
    assert not (tmp_path / "pulled").exists()  # not half a package


def test_invalid_package_is_refused(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    name = unique_name()
    with (plan_copy / "tasks.csv").open("a", encoding="utf-8") as stream:
        stream.write("9.9,x,1,9.9,false,Broken row\n")
    result = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert result.returncode == 1
    assert json.loads(result.stdout)["error"] == "InvalidPackage"
    assert name not in ckan_portal.api().action.package_list()


def test_the_library_refuses_to_plan_a_package_with_errors(plan_copy: Path, tmp_path: Path):
    """plan_publish() and publish() from Python put a report on a task that does not exist
    into the DataStore, ok=True: only the command validated.  The refusal comes before the
    portal is asked (this address answers nothing)."""
    with (plan_copy / "progress_reports.csv").open("a", encoding="utf-8") as stream:
        stream.write(UNKNOWN_TASK_REPORT)
    client = CkanClient("http://127.0.0.1:9", "token", attempts=1)
    with pytest.raises(InvalidPackage) as raised:
        plan_publish(plan_copy, client, "api-org", Passport(name="api-invalid"), build_dir=tmp_path / "b")
    assert [e.field for e in raised.value.report.errors] == ["task_id", "reported_by"]
    assert not (tmp_path / "b").exists()


def test_publish_tells_the_packages_warnings(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    """A workbook newer than its CSV was published without a word: the officer's new rows
    were not on the portal, and nothing said why."""
    newer_workbook(plan_copy)
    name = f"api-{unique_name()}"
    answer = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run", "--lang", "en")
    assert answer.returncode == 0, answer.stderr
    [warning] = [w for w in json.loads(answer.stdout)["warnings"] if w["type"] == "newer-workbook"]
    assert warning["message"].startswith(NEWER_WORKBOOK)
    text = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                   "--dry-run", "--lang", "en", env=cli_env(ckan_portal.token))  # fmt: skip
    assert text.returncode == 0, text.stderr
    assert f"! {NEWER_WORKBOOK}" in text.stderr


def test_the_library_names_an_organisation_that_does_not_exist(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """publish() into an organisation the portal has not raised NoRightsInOrganisation with
    every organisation of the token's user, 1,482 characters: the fix is --org, not a right."""
    client = CkanClient(ckan_portal.url, ckan_portal.token)
    name = f"api-{unique_name()}"
    plan = plan_publish(plan_copy, client, "api-no-such-org", Passport(name=name))
    with pytest.raises(OrganisationNotFound) as raised:
        publish(plan, client)
    assert raised.value.params == {"org": "api-no-such-org", "portal": ckan_portal.url}
    assert name not in ckan_portal.api().action.package_list()


class _MemberOfMany:
    """A portal's client whose token's user may publish in 12 organisations, not in «ours»."""

    has_token, url = True, "https://data.example"
    orgs = tuple({"name": f"org-{n:02}", "id": f"id-{n:02}"} for n in range(12))

    def call(self, action: str, data: dict) -> list[dict]:
        return list(self.orgs)

    def token_organisations(self) -> list[dict]:
        return list(self.orgs)

    def find(self, action: str, data: dict) -> dict:
        return {"name": data["id"]}


def test_the_organisations_a_token_may_publish_in_are_a_few_named_and_the_rest_counted():
    with pytest.raises(NoRightsInOrganisation) as raised:
        check_can_publish(_MemberOfMany(), "ours")
    shown = "org-00, org-01, org-02, org-03, org-04"
    assert str(raised.value).endswith(f"(it may in: {shown} and 7 more)")
    assert raised.value.params["allowed"] == f"{shown}, … (+7)"


@pytest.mark.parametrize("token", ["", "not-a-real-token"])
def test_missing_or_invalid_token_stops_clearly(ckan_portal: Portal, ckan_org: str, plan_copy: Path, token):
    name = unique_name()
    result = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--lang", "en", token=token)
    assert result.returncode == 2
    message = json.loads(result.stdout)["message"]
    assert "token" in message
    refused = "does not accept the API token" if token else "lets no one publish without an API token"
    assert refused in result.stderr  # and how to get one
    assert token == "" or token not in result.stdout + result.stderr
    assert name not in ckan_portal.api().action.package_list()


@pytest.mark.parametrize(
    ("lang", "lead", "detail"),
    [
        ("uk", "Портал не приймає API-токен", "Портал {url} не знає цього API-токена (його набрано"),
        ("en", "The portal does not accept the API token", "The portal {url} does not know this API token"),
    ],
)
def test_a_token_the_portal_does_not_know_is_told_in_the_users_language(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, lang, lead, detail
):
    """The details line was the tool's own English in Ukrainian too: «Подробиці: the portal
    does not know this API token (or its user is a member of no organisation); check …»."""
    result = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--lang", lang,
                     env=cli_env("not-a-real-token"))  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-3].startswith(lead) and lines[-2].startswith(detail.format(url=ckan_portal.url))
    assert "CKAN_API_TOKEN" in lines[-2] and "does not know" not in (result.stderr if lang == "uk" else "")


@pytest.fixture
def others_datasets(ckan_portal: Portal, ckan_org: str) -> Iterator[dict[str, str]]:
    """A dataset of another organisation, and one of ours made by hand (names api2-…)."""
    api = ckan_portal.api()
    suffix = uuid.uuid4().hex[:8]
    other, theirs, handmade = (f"api2-{what}-{suffix}" for what in ("other", "theirs", "handmade"))
    api.action.organization_create(name=other, title="Інший відділ (тест)")
    api.action.package_create(name=theirs, owner_org=other, title="Чужий набір (тест)")
    api.action.package_create(name=handmade, owner_org=ckan_org, title="Бюджет (вручну)")
    api.action.resource_create(package_id=handmade, name="budget.csv", url="https://example.org/b.csv")
    yield {"other": other, "theirs": theirs, "handmade": handmade}
    for dataset in (theirs, handmade):
        api.action.dataset_purge(id=dataset)
    api.action.organization_purge(id=other)


def test_a_dataset_not_ours_is_named_with_its_owner_in_the_users_language(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, others_datasets: dict[str, str]
):
    """«Подробиці: dataset 'x' belongs to organisation 'y', not 'z'»: the details of the
    refusal were the tool's own English in Ukrainian too."""
    theirs, handmade, other = others_datasets["theirs"], others_datasets["handmade"], others_datasets["other"]
    said = {
        ("uk", theirs): f"Набір «{theirs}» ({ckan_portal.url}/dataset/{theirs}) належить організації "
        f"«{other}», а не «{ckan_org}».",
        ("en", theirs): f"Dataset «{theirs}» ({ckan_portal.url}/dataset/{theirs}) belongs to organisation "
        f"«{other}», not «{ckan_org}».",
        ("uk", handmade): f"Набір «{handmade}» ({ckan_portal.url}/dataset/{handmade}) опубліковано не цією "
        "програмою: на його ресурсах немає її позначок.",
        ("en", handmade): f"Dataset «{handmade}» ({ckan_portal.url}/dataset/{handmade}) was not published by "
        "this tool: its resources bear none of its marks.",
    }
    for (lang, name), words in said.items():
        result = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org,
                         "--dataset", name, "--lang", lang, env=cli_env(ckan_portal.token))  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().splitlines()[-1] == words
    assert ckan_portal.api().action.package_show(id=theirs)["organization"]["name"] == other


@pytest.mark.parametrize(
    ("lang", "words", "publishers"),
    [
        ("uk", "Портал не показує набору «{name}»: він закритий чи видалений", "Створіть новий API-токен"),
        ("en", "The portal does not show dataset «{name}»: it is private or deleted", "Create a new token"),
    ],
)
def test_a_private_dataset_pulled_without_a_token_says_whom_to_ask(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path, lang, words, publishers
):
    """Pull is an analyst's command too: it said the token may not publish in the organisation
    and to create a new one, where the dataset is private and its publisher can open it."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    ckan_portal.api().action.package_patch(id=name, private=True)
    result = run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled", "--lang", lang,
                     env=cli_env(None))  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(words.format(name=name)), result.stderr
    assert "CKAN_API_TOKEN" in result.stderr and publishers not in result.stderr
    assert not (tmp_path / "pulled").exists()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("uk", "Набір «{name}» опубліковано не командою opendata publish"),
        ("en", "Dataset «{name}» was not published by opendata publish"),
    ],
)
def test_a_dataset_not_published_by_opendata_is_pulled_from_its_page(
    ckan_portal: Portal, others_datasets: dict[str, str], tmp_path, lang, words
):
    """«Подробиці: dataset 'x' has no datapackage.json published by opendata; cannot rebuild it»,
    in English and with nothing to do."""
    name = others_datasets["handmade"]
    result = run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled", "--lang", lang,
                     env=cli_env(None))  # fmt: skip
    assert result.returncode == 2
    said = result.stderr.strip().splitlines()[-1]
    assert said.startswith(words.format(name=name)), result.stderr
    assert said.endswith(f"{ckan_portal.url}/dataset/{name}")


def test_token_is_never_taken_from_argv(ckan_portal: Portal):
    result = run_cli("publish", "--token", ckan_portal.token, env=cli_env(None))
    assert result.returncode == 2  # click: no such option
    assert ckan_portal.token not in result.stdout + result.stderr


def test_token_from_config_file(ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text(f'[portal]\nurl = "{ckan_portal.url}"\ntoken = "{ckan_portal.token}"\n')
    name = unique_name()
    result = run_cli("publish", plan_copy, "--config", config, "--org", ckan_org, "--dataset", name,
                     "--format", "json", env=cli_env(None))
    assert_no_token(ckan_portal, result)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["portal"] == ckan_portal.url  # the url came from the file too
    assert summary["local_test_portal"] is True and summary["dataset"]["action"] == "create"


def test_missing_organisation_is_not_created_silently(ckan_portal: Portal, plan_copy: Path):
    org = f"no-such-org-{uuid.uuid4().hex[:8]}"
    result = publish_cli(ckan_portal, org, plan_copy, unique_name(), "--lang", "en")
    assert result.returncode == 2
    assert "--create-org" in json.loads(result.stdout)["message"]
    # a dry run says so too: it printed a plan to create the dataset there, exit 0
    dry = publish_cli(ckan_portal, org, plan_copy, unique_name(), "--dry-run", token="")
    assert dry.returncode == 2 and json.loads(dry.stdout)["error"] == "OrganisationNotFound"
    assert f"Організації «{org}» на порталі немає" in dry.stderr and "--create-org" in dry.stderr
    assert "does not exist" not in dry.stderr  # the English duplicate of the line above
    assert dry.stderr.strip().splitlines()[-1] == f"Портал: {ckan_portal.url}."
    planned = publish_cli(ckan_portal, org, plan_copy, unique_name(), "--dry-run", "--create-org", token="")
    assert planned.returncode == 0  # --create-org: the plan, and nothing made
    assert f"Організацію «{org}» буде створено" in planned.stderr
    assert org not in ckan_portal.api().action.organization_list()
    created = publish_cli(ckan_portal, org, plan_copy, unique_name(), "--create-org")
    assert created.returncode == 0 and f"Організацію «{org}» створено" in created.stderr
    # no token at all is said as such, not as "no such organisation"
    result = publish_cli(ckan_portal, org, plan_copy, unique_name(), "--lang", "en", token="")
    assert json.loads(result.stdout)["error"] == "NoToken"


def test_a_dataset_of_another_organisation_or_not_ours_is_not_taken_over(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """Publishing under a name the portal already has moved that dataset into the
    officer's organisation, retitled it and, with --prune, deleted its files."""
    api = ckan_portal.api()
    other = f"test-other-{uuid.uuid4().hex[:8]}"
    api.action.organization_create(name=other, title="Інший відділ (тест)")
    theirs = unique_name()
    assert publish_cli(ckan_portal, other, plan_copy, theirs).returncode == 0
    result = publish_cli(ckan_portal, ckan_org, plan_copy, theirs, "--prune")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == "DatasetNotOurs"
    assert "належить іншій організації" in result.stderr
    assert api.action.package_show(id=theirs)["organization"]["name"] == other

    handmade = unique_name()
    api.action.package_create(name=handmade, owner_org=ckan_org, title="Бюджет (вручну)")
    api.action.resource_create(package_id=handmade, name="budget.csv", url="https://example.org/b.csv")
    result = publish_cli(ckan_portal, ckan_org, plan_copy, handmade, "--prune")
    assert result.returncode == 2
    dataset = api.action.package_show(id=handmade)
    assert dataset["title"] == "Бюджет (вручну)"
    assert [r["name"] for r in dataset["resources"]] == ["budget.csv"]


def test_a_republish_without_the_maintainers_email_keeps_the_portals(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """The e-mail is given on the command line only: a run without it erased it."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    result = run_cli(
        "publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
        "--format", "json", env=cli_env(ckan_portal.token),
    )
    assert result.returncode == 0, result.stderr
    assert ckan_portal.api().action.package_show(id=name)["maintainer_email"] == "opendata@example.org"
    assert "--maintainer-email" not in result.stderr  # no warning that it is missing: it is not


def test_a_passport_value_the_portal_refuses_names_its_option_and_changes_nothing(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """CKAN refuses an e-mail it cannot read (HTTP 409 on package_patch, a real one): the
    refusal said «an option of publish, such as --org or --maintainer, or
    datapackage.json» and left the officer to find which."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    before = portal_state(ckan_portal, name)
    args = ["publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
            "--maintainer-email", "opendata at example.org", "--lang", "en"]  # fmt: skip
    result = run_cli(*args, env=cli_env(ckan_portal.token))
    assert_no_token(ckan_portal, result)
    assert result.returncode == 1, result.stderr
    said = " ".join(result.stderr.split())
    assert "The portal does not take «opendata at example.org» for the dataset's field maintainer_email " \
        "(set by --maintainer-email): running again would end the same way." in said  # fmt: skip
    assert "maintainer_email: Email opendata at example.org is not a valid format" in said
    assert portal_state(ckan_portal, name) == before  # the passport first: no file was sent either
    assert ckan_portal.api().action.package_show(id=name)["maintainer_email"] == "opendata@example.org"
    made = run_cli(*args[:-4], "--dataset", unique_name(), "--maintainer-email", "x@", "--format", "json",
                   env=cli_env(ckan_portal.token))  # fmt: skip
    assert made.returncode == 1 and json.loads(made.stdout)["error"] == "PassportRefused"  # a new dataset's


def test_pull_into_a_folder_with_files_changes_nothing(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    """A pull into the working package replaced the tables, unpublished edits and all."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    reports = plan_copy / "progress_reports.csv"
    reports.write_text(reports.read_text(encoding="utf-8") + "R-1,1.1,2021-Q2,2021-06-15,done,x,,,,\n")
    before = reports.read_bytes()
    result = run_cli("pull", name, "--portal", ckan_portal.url, "--out", plan_copy, "--format", "json",
                     env=cli_env(ckan_portal.token))
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == "OutputNotEmpty"
    assert reports.read_bytes() == before


def test_a_page_address_copied_from_the_browser_is_taken_as_the_portals(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """«…/dataset/x» answered HTTP 405 with a page of HTML (a CSRF token and all) in the
    message, exit 1."""
    result = run_cli(
        "publish", plan_copy, "--portal", f"{ckan_portal.url}/dataset/some-dataset", "--org", ckan_org,
        "--dataset", unique_name(), "--dry-run", "--format", "json", env=cli_env(ckan_portal.token),
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["portal"] == ckan_portal.url
    assert answer["ok"] is True and answer["dry_run"] is True  # as README says of every command's JSON


def test_a_file_replaced_by_hand_on_the_portal_is_sent_again(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    """A file uploaded over ours in the portal's form keeps the hash of the one published;
    the upload's own time gives it away, and publish sends the package's file again and
    reloads the DataStore.  Once repaired, the next publish changes nothing."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    people = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "people.csv")
    edited = tmp_path / "people.csv"
    edited.write_text("person_id\nsomebody\n", encoding="utf-8")
    with edited.open("rb") as upload:
        api.action.resource_patch(id=people["id"], upload=upload)
    assert requests.get(people["url"], timeout=30).content != (plan_copy / "people.csv").read_bytes()
    pulled = run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled",
                     env=cli_env(ckan_portal.token))  # fmt: skip
    assert pulled.returncode == 2 and "Файл «people.csv» набору змінили на порталі вручну" in pulled.stderr
    # what the publisher and a reader can do, and why, in the user's language
    assert "Якщо ні, повідомте того, хто його опублікував" in pulled.stderr
    assert f"з його сторінки: {ckan_portal.url}/dataset/{name}" in pulled.stderr
    assert "people.csv: завантажений файл не той, що опубліковано" in pulled.stderr
    assert "Подробиці" not in pulled.stderr and "does not match" not in pulled.stderr
    dry = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run").stdout)
    planned = {r["name"]: r for r in dry["resources"] if r["action"] != "unchanged"}
    assert list(planned) == ["people.csv"] and planned["people.csv"]["reasons"] == ["replaced on the portal"]
    repaired = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert repaired.returncode == 0, repaired.stderr
    assert json.loads(repaired.stdout)["summary"]["updated"] == ["people.csv"]
    people = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "people.csv")
    assert requests.get(people["url"], timeout=30).content == (plan_copy / "people.csv").read_bytes()
    rows = api.action.datastore_search(resource_id=people["id"], limit=0)["total"]
    assert rows == len(csv_rows(plan_copy / "people.csv"))
    again = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name).stdout)["summary"]
    assert again["updated"] == [] and again["created"] == []


def test_force_sends_every_file_again(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    forced = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--force")
    assert forced.returncode == 0, forced.stderr
    summary = json.loads(forced.stdout)["summary"]
    assert "people.csv" in summary["updated"] and summary["unchanged"] == []


def test_a_real_runs_reasons_say_what_was_done(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    """After a real run the lines are in the past tense («оновлено»), their reasons were
    the dry run's orders: «(надіслати знову (--force))», «…його файл надіслати знову»."""
    name = f"reload-{unique_name()}"
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0

    def publish_text(*args: str) -> str:
        result = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset",
                         name, "--maintainer-email", "opendata@example.org", *args,
                         env=cli_env(ckan_portal.token))  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "datapackage.json  (надіслати знову (--force))" in publish_text("--force", "--dry-run")
    assert "оновлено   datapackage.json  (надіслано знову, --force)" in publish_text("--force")
    assert "updated    datapackage.json  (sent again, --force)" in publish_text("--force", "--lang", "en")
    api = ckan_portal.api()
    people = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "people.csv")
    api.action.resource_update(**{key: people[key] for key in ("id", "url", "format", "url_type")})
    edited = "people.csv  (ресурс збережено у формі порталу: його файл надіслано знову,"
    assert edited in publish_text()
    api.action.resource_update(**{key: people[key] for key in ("id", "url", "format", "url_type")})
    assert "people.csv  (saved in the portal's form: its file sent again," in publish_text("--lang", "en")


def test_an_update_frequency_that_is_not_official_is_refused(plan_copy: Path):
    """«quarterly» was published, and the year's audit then called it a passport error."""
    result = run_cli("publish", plan_copy, "--update-frequency", "quarterly", "--dry-run", "--format", "json")
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "BadUpdateFrequency"
    assert "«quarterly» — не офіційне значення частоти оновлення" in result.stderr
    assert "«Щокварталу»" in result.stderr


def test_a_resource_saved_in_the_portals_form_is_still_the_files(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    """CKAN's edit form calls resource_update with the fields it shows: the marks, the
    hash and the schema publish keeps are dropped (here the officer retitled it too).
    The next publish made a second people.csv beside it ("keep: not in the package"),
    and pull said no table 'people'."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    resources = api.action.package_show(id=name)["resources"]
    people = next(r for r in resources if r["name"] == "people.csv")
    form = {key: people[key] for key in ("id", "url", "format", "url_type")}
    api.action.resource_update(**form, name="Посадові особи плану", description="Edited in the web form")
    assert "opendata_name" not in api.action.resource_show(id=people["id"])  # as the form leaves it
    pulled = run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled",
                     env=cli_env(ckan_portal.token))  # fmt: skip
    assert pulled.returncode == 2 and "Файл «people.csv» набору змінили на порталі вручну" in pulled.stderr
    dry = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run").stdout)
    changed = [r for r in dry["resources"] if r["action"] != "unchanged"]
    planned = {r["name"]: (r["action"], r["reasons"][0]) for r in changed}
    assert planned == {"people.csv": ("update", "edited on the portal")}  # under the package's name again
    repaired = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name).stdout)["summary"]
    assert repaired["updated"] == ["people.csv"] and repaired["created"] == []
    after = api.action.package_show(id=name)["resources"]
    assert len(after) == len(resources)
    assert api.action.resource_show(id=people["id"])["opendata_name"] == "people"
    rows = api.action.datastore_search(resource_id=people["id"], limit=0)["total"]
    assert rows == len(csv_rows(plan_copy / "people.csv"))
    again = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name).stdout)["summary"]
    assert again["updated"] == [] and again["created"] == []
    assert run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled",
                   env=cli_env(ckan_portal.token)).returncode == 0  # fmt: skip


def test_a_token_whose_user_may_not_publish_in_the_organisation_says_whom_to_ask(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """The user is an editor elsewhere: the message said to create a new token, which
    would not help; the organisation's administrator would."""
    api = ckan_portal.api()
    user = f"editor-{uuid.uuid4().hex[:8]}"
    api.action.user_create(name=user, email=f"{user}@example.org", password=uuid.uuid4().hex)
    elsewhere = f"test-elsewhere-{uuid.uuid4().hex[:8]}"
    api.action.organization_create(name=elsewhere, title="Деінде (тест)")
    api.action.organization_member_create(id=elsewhere, username=user, role="editor")
    token = api.action.api_token_create(user=user, name="test")["token"]
    result = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset",
                     unique_name(), "--format", "json", env=cli_env(token))  # fmt: skip
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "NoRightsInOrganisation"
    assert f"не може публікувати в організації «{ckan_org}» (може в: {elsewhere})" in result.stderr
    assert "новий токен тут не допоможе" in result.stderr and token not in result.stderr + result.stdout


def test_a_token_whose_user_may_publish_nowhere_says_whom_to_ask_in_the_users_language(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """A member (not an editor) of another organisation: the details were the tool's own
    English in Ukrainian too («Подробиці: the token's user may publish in no organisation …»)."""
    api = ckan_portal.api()
    user, elsewhere = (f"api2-{what}-{uuid.uuid4().hex[:8]}" for what in ("member", "elsewhere"))
    api.action.user_create(name=user, email=f"{user}@example.org", password=uuid.uuid4().hex)
    api.action.organization_create(name=elsewhere, title="Деінде (тест)")
    api.action.organization_member_create(id=elsewhere, username=user, role="member")
    token = api.action.api_token_create(user=user, name="test")["token"]
    command = ("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org)
    try:
        said = {lang: run_cli(*command, "--lang", lang, env=cli_env(token)) for lang in ("uk", "en")}
    finally:
        api.action.organization_purge(id=elsewhere)
        api.action.user_delete(id=user)
    assert said["uk"].returncode == said["en"].returncode == 2, said["uk"].stderr
    assert said["uk"].stderr.strip().splitlines()[-2] == (
        f"Користувач API-токена не може публікувати в жодній організації порталу {ckan_portal.url}: "
        f"попросіть адміністратора організації «{ckan_org}» надати йому роль редактора."
    )
    assert said["en"].stderr.strip().splitlines()[-2] == (
        f"The API token's user may publish in no organisation of the portal {ckan_portal.url}: "
        f"ask the administrator of organisation «{ckan_org}» for the editor role."
    )


def test_a_dry_run_names_the_passports_changed_fields_in_ukrainian(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """«змінено title, змінено purpose_of_collecting_information» inside Ukrainian."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    descriptor = plan_copy / "datapackage.json"
    data = json.loads(descriptor.read_text("utf-8"))
    data["title"] += " (змінено)"
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    text = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                   "--purpose", "Інша підстава", "--dry-run", env=cli_env(ckan_portal.token))  # fmt: skip
    reasons = "змінено назву, змінено підставу та призначення збору"
    assert f"Паспорт набору даних {name}: оновити ({reasons})" in text.stdout


def test_a_dataset_whose_every_resource_was_saved_in_the_form_is_still_ours(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """With every resource's mark dropped, the dataset was "not published by opendata"
    and refused for good; the dataset's own mark says it is."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    resources = api.action.package_show(id=name)["resources"]
    for resource in resources:
        form = {key: resource[key] for key in ("id", "name", "url", "format", "url_type")}
        api.action.resource_update(**form)
    repaired = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert repaired.returncode == 0, repaired.stderr
    summary = json.loads(repaired.stdout)["summary"]
    assert len(summary["updated"]) == len(resources) and summary["created"] == []
    assert len(api.action.package_show(id=name)["resources"]) == len(resources)


def test_a_build_dir_of_other_files_is_refused_naming_the_option(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("the officer's", "utf-8")
    result = publish_cli(ckan_portal, ckan_org, plan_copy, unique_name(), "--build-dir", mine, "--dry-run")
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "OutputInUse"
    assert "наприклад --build-dir dist" in result.stderr and (mine / "notes.txt").exists()


def test_a_pulled_package_takes_a_new_decision_and_keeps_hand_edits(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    """Pull did not bring back the decision's text, so a later import-plan could not tell
    its own files from edits: only --force went on, edits and all."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    pulled = tmp_path / "pulled"
    assert run_cli("pull", name, "--portal", ckan_portal.url, "--out", pulled,
                   env=cli_env(ckan_portal.token)).returncode == 0  # fmt: skip
    source = plan_copy / "sources" / "kolomyia-2021-communication-plan.txt"
    assert (pulled / "sources" / source.name).read_bytes() == source.read_bytes()
    changed = tmp_path / source.name
    changed.write_text(source.read_text("utf-8").replace("ПЛАН", "ПЛАН\n", 1), "utf-8")  # a new text
    imported = run_cli("import-plan", changed, "--out", pulled, "--lang", "en")
    assert imported.returncode == 0, imported.stderr
    people = pulled / "people.csv"
    people.write_text(people.read_text("utf-8").replace("Токарчук", "Токарчук-Іванів", 1), "utf-8")
    again = run_cli("import-plan", source, "--out", pulled, "--lang", "en")
    assert again.returncode == 2 and "Changed by hand since the last import" in again.stderr


def test_a_link_of_the_officers_own_is_never_taken_for_a_file_of_ours(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    """A link whose address ends in index.html was retitled «index.html» and its link
    replaced by our page, when our own page resource was missing."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    resources = api.action.package_show(id=name)["resources"]
    api.action.resource_delete(id=next(r["id"] for r in resources if r["name"] == "index.html"))
    link = "https://kolomyia.example/komunikatsiina-stratehiia/index.html"
    own = api.action.resource_create(package_id=name, name="Сторінка плану на сайті міськради", url=link)
    summary = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name).stdout)["summary"]
    assert summary["created"] == ["index.html"]
    kept = api.action.resource_show(id=own["id"])
    assert (kept["name"], kept["url"]) == ("Сторінка плану на сайті міськради", link)
    source = next(r for r in resources if r["name"].endswith(".txt"))  # saved in the form: pull says so
    api.action.resource_update(**{key: source[key] for key in ("id", "url", "format", "url_type")},
                               name="Текст рішення")  # fmt: skip
    pulled = run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled",
                     env=cli_env(ckan_portal.token))  # fmt: skip
    assert pulled.returncode == 2 and f"Файл «{source['name']}» набору змінили на порталі" in pulled.stderr


def test_cells_in_a_schemas_own_notation_reach_the_datastore_as_meant(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path
):
    """With «так» as a boolean's true value, every true was loaded into the DataStore as
    false (the CSV said «true», read against ``trueValues: ["так"]``), exit 0. A count
    over int4's range (a reach of 3 billion, which the schema allows) failed the publish."""
    write_cells_in_own_notation(plan_with_reports)
    reports = csv_rows(plan_with_reports / "progress_reports.csv")
    reports[0]["reach"] = "3000000000"
    with (plan_with_reports / "progress_reports.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(reports[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(reports)
    name = unique_name()
    result = publish_cli(ckan_portal, ckan_org, plan_with_reports, name)
    assert result.returncode == 0, result.stderr
    api = ckan_portal.api()
    by_name = {r["name"]: r for r in api.action.package_show(id=name)["resources"]}
    tasks = api.action.datastore_search(resource_id=by_name["tasks.csv"]["id"], limit=100)["records"]
    duplicates = {task["task_id"] for task in tasks if task["number_is_duplicate"]}
    assert duplicates == {"1.8", "1.8-2"}
    decision = api.action.datastore_search(resource_id=by_name["decision.csv"]["id"])["records"][0]
    assert decision["period_start"].startswith("2021-04-01")
    search = api.action.datastore_search(resource_id=by_name["progress_reports.csv"]["id"], limit=1000)
    assert max(row["reach"] or 0 for row in search["records"]) == 3_000_000_000



def test_an_integer_beyond_int8_reaches_the_datastore_with_every_digit(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """A valid integer beyond the DataStore's int8 (123456789012345678901, the schema sets
    no maximum) was refused by the portal half-way through the publish: its column is
    numeric, which holds every digit."""
    add_counts_table(plan_copy, [("a", "123456789012345678901", "1"), ("b", "-5", "2")])
    name = f"wording-{unique_name()}"
    result = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert result.returncode == 0, result.stderr
    api = ckan_portal.api()
    counts = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "counts.csv")
    table = api.action.datastore_search(resource_id=counts["id"])
    assert {f["id"]: f["type"] for f in table["fields"]}["big"] == "numeric"
    assert [(int(Decimal(str(r["big"]))), r["small"]) for r in table["records"]] == [
        (123456789012345678901, 1),
        (-5, 2),
    ]
    again = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run")
    assert "DataStore fields differ" not in again.stdout

def test_an_integer_beyond_int8_typed_over_a_published_one_makes_its_column_numeric(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path
):
    """A reach of 3200 changed in place to 100000000000000000000 (no row moved) was
    upserted into the table's int8 column: «bigint out of range», exit 1, listed among
    the refusals that a rerun meets again, yet the data is valid."""
    name = f"reload-{unique_name()}"
    assert publish_cli(ckan_portal, ckan_org, plan_with_reports, name).returncode == 0
    reports = plan_with_reports / "progress_reports.csv"
    text = reports.read_text(encoding="utf-8")
    beyond_int8 = ",social media,100000000000000000000,"
    reports.write_text(text.replace(",social media,3200,", beyond_int8, 1), "utf-8")
    result = publish_cli(ckan_portal, ckan_org, plan_with_reports, name)
    assert result.returncode == 0, result.stdout
    api = ckan_portal.api()
    resource = next(r for r in api.action.package_show(id=name)["resources"]
                    if r["name"] == "progress_reports.csv")  # fmt: skip
    table = api.action.datastore_search(resource_id=resource["id"], limit=100)
    assert {f["id"]: f["type"] for f in table["fields"]}["reach"] == "numeric"
    assert [r["report_id"] for r in table["records"]] == [r["report_id"] for r in csv_rows(reports)]
    assert 100000000000000000000 in {int(Decimal(str(r["reach"]))) for r in table["records"] if r["reach"]}


def test_rows_deleted_from_a_datastore_table_on_the_portal_are_loaded_again(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """Rows deleted with datastore_delete were never seen: «all is current», for good."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    roles = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "task_roles.csv")
    api.action.datastore_delete(resource_id=roles["id"], force=True, filters={"task_id": "1.1"})
    dry = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                  "--dry-run", env=cli_env(ckan_portal.token))  # fmt: skip
    assert "task_roles.csv  (у таблиці DataStore не стільки рядків, скільки у файлі)" in dry.stdout
    repaired = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name).stdout)["summary"]
    assert repaired["updated"] == ["task_roles.csv"]
    rows = api.action.datastore_search(resource_id=roles["id"], limit=0)["total"]
    assert rows == len(csv_rows(plan_copy / "task_roles.csv"))


def test_a_file_replaced_by_a_link_on_the_portal_is_named_by_pull_and_sent_again(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    """An upload replaced by a link kept our hash and marks: «unchanged» for good, and pull
    said publish would send it again (with an unreachable link: «Портал не відповідає»)."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    tasks = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "tasks.csv")
    link = "http://127.0.0.1:9/nowhere.csv"
    api.action.resource_patch(id=tasks["id"], url=link, url_type="", clear_upload=True)
    pulled = run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "pulled",
                     env=cli_env(ckan_portal.token))  # fmt: skip
    assert pulled.returncode == 2 and "Файл «tasks.csv» набору змінили на порталі вручну" in pulled.stderr
    assert f"tasks.csv: файл замінено посиланням на {link}." in pulled.stderr
    assert "Подробиці" not in pulled.stderr
    dry = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run").stdout)
    reasons = {r["name"]: r["reasons"] for r in dry["resources"]}
    assert reasons["tasks.csv"] == ["replaced on the portal"]
    repaired = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name).stdout)["summary"]
    assert "tasks.csv" in repaired["updated"]
    assert api.action.resource_show(id=tasks["id"])["url_type"] == "upload"
    assert run_cli("pull", name, "--portal", ckan_portal.url, "--out", tmp_path / "again",
                   env=cli_env(ckan_portal.token)).returncode == 0  # fmt: skip


def drop_the_reports(package: Path) -> None:
    remove_resources(package, "progress_reports")


def add_a_table_with_only_a_title(package: Path) -> None:
    (package / "channels.csv").write_text("code,label\ntv,Телебачення\n", "utf-8")
    schema = {"fields": [{"name": "code", "type": "string"}, {"name": "label", "type": "string"}],
              "primaryKey": ["code"]}  # fmt: skip
    add_resource(package, {"name": "channels", "path": "channels.csv", "title": "Канали", "schema": schema})


def add_a_pdf(package: Path) -> None:
    (package / "sources" / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    add_resource(package, {"name": "scan", "path": "sources/scan.pdf", "format": "pdf", "title": "Скан"})


def remove_resources(package: Path, name: str) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != name]
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")


def add_resource(package: Path, resource: dict) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    descriptor["resources"].append(resource)
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")


@pytest.mark.parametrize("edit", [drop_the_reports, add_a_table_with_only_a_title, add_a_pdf])
def test_packages_that_validate_are_built_and_published(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path, edit
):
    """Valid packages ended in tracebacks: no progress_reports (KeyError in the plan's JSON),
    a new table with only a title (the dictionary's template), a PDF (no schema)."""
    edit(plan_copy)
    assert run_cli("validate", plan_copy).returncode == 0
    built = run_cli("build", plan_copy, "--out", tmp_path / "built")
    assert built.returncode == 0, built.stderr
    name = unique_name()
    result = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert result.returncode == 0, result.stderr
    resources = ckan_portal.api().action.package_show(id=name)["resources"]
    if edit is add_a_pdf:
        scan = next(r for r in resources if r["name"] == "scan.pdf")
        assert scan["mimetype"] == "application/pdf" and not scan.get("datastore_active")
    if edit is add_a_table_with_only_a_title:
        channels = next(r for r in resources if r["name"] == "channels.csv")
        assert channels["datastore_active"]
    again = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run").stdout)
    assert {r["action"] for r in again["resources"]} == {"unchanged"}


def test_a_routine_republish_keeps_the_passport_options_set_earlier(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """--maintainer, --purpose and --update-frequency went back to their defaults on the
    next publish without them (only the e-mail was kept)."""
    name = unique_name()
    options = ["--maintainer", "Іваненко І. І.", "--purpose", "Особлива мета",
               "--update-frequency", "щомісяця"]  # fmt: skip
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name, *options).returncode == 0
    dry = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                  "--dry-run", env=cli_env(ckan_portal.token))  # fmt: skip
    assert f"Паспорт набору даних {name}: без змін" in dry.stdout, dry.stdout
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    dataset = ckan_portal.api().action.package_show(id=name)
    extras = {e["key"]: e["value"] for e in dataset["extras"]}
    assert dataset["maintainer"] == "Іваненко І. І."
    assert extras["purpose_of_collecting_information"] == "Особлива мета"
    assert extras["update_frequency"] == "щомісяця"


def test_a_member_who_is_not_an_editor_is_told_to_ask_for_the_role(ckan_portal: Portal, plan_copy: Path):
    """A member (not an editor) of the organisation was told the token was refused and to
    create a new one, which would not help."""
    api = ckan_portal.api()
    user, org = f"xfp-member-{uuid.uuid4().hex[:8]}", f"xfp-org-{uuid.uuid4().hex[:8]}"
    api.action.user_create(name=user, email=f"{user}@example.org", password=uuid.uuid4().hex)
    api.action.organization_create(name=org, title="Учасник (тест)")
    try:
        api.action.organization_member_create(id=org, username=user, role="member")
        token = api.action.api_token_create(user=user, name="test")["token"]
        args = ["publish", plan_copy, "--portal", ckan_portal.url, "--org", org, "--dataset", unique_name()]
        result = run_cli(*args, "--format", "json", env=cli_env(token))
        assert result.returncode == 2 and json.loads(result.stdout)["error"] == "NotAnEditor"
        assert f"учасник організації «{org}», але не редактор" in result.stderr
        assert "Створіть новий API-токен" not in result.stderr and token not in result.stderr + result.stdout
        dry = run_cli(*args, "--dry-run", env=cli_env(token))
        assert dry.returncode == 0 and "попросіть її адміністратора надати роль редактора" in dry.stderr
    finally:
        api.action.organization_purge(id=org)
        api.action.user_delete(id=user)


def test_another_package_under_the_same_dataset_name_does_not_take_it_over(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """A second package published under an existing dataset's name replaced its files: the
    dry run said only «змінено позначку opendata»."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    descriptor = json.loads((plan_copy / "datapackage.json").read_text("utf-8"))
    first = descriptor["name"]
    descriptor["name"] = "xfp-second-plan"
    (plan_copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")
    for dry_run in (["--dry-run"], []):
        result = publish_cli(ckan_portal, ckan_org, plan_copy, name, *dry_run)
        assert result.returncode == 2 and json.loads(result.stdout)["error"] == "OtherPackagesDataset"
        assert f"опубліковано з іншого пакета («{first}»), а не з «xfp-second-plan»" in result.stderr
        assert result.stderr.strip().splitlines()[-1] == f"Сторінка набору: {ckan_portal.url}/dataset/{name}"
    extras = {e["key"]: e["value"] for e in ckan_portal.api().action.package_show(id=name)["extras"]}
    assert extras["opendata_package"] == first


def test_another_period_under_the_same_package_name_does_not_take_its_dataset_over(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """A town's Q3 and Q4 plans share the package name («…-communication-plan-2022»): the
    Q3 package published to the Q4 plan's dataset was «оновити», and replaced it."""
    name = f"plan2-{uuid.uuid4().hex[:10]}"
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    decision = plan_copy / "decision.csv"
    q4 = decision.read_text("utf-8").replace(",2021-04-01,2021-12-31,", ",2021-10-01,2021-12-31,")
    decision.write_text(q4, "utf-8")
    for dry_run in (["--dry-run"], []):
        result = publish_cli(ckan_portal, ckan_org, plan_copy, name, *dry_run)
        assert result.returncode == 2, result.stderr
        assert json.loads(result.stdout)["error"] == "OtherPlansDataset"
        said = f"Набір «{name}» на порталі — план на 2021-Q2 – 2021-Q4 (temporal_start, temporal_end)"
        assert f"{said}, а цей пакет — план на 2021-Q4, тож набір не змінено" in result.stderr
        assert f"Дайте цьому пакету іншу назву набору, наприклад --dataset {name}-q4." in result.stderr
        assert result.stderr.strip().splitlines()[-1] == f"Сторінка набору: {ckan_portal.url}/dataset/{name}"
    extras = {e["key"]: e["value"] for e in ckan_portal.api().action.package_show(id=name)["extras"]}
    assert extras["temporal_start"] == "2021-04-01"


def test_a_real_publish_says_what_it_did_and_a_dry_run_what_it_would_do(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """«Паспорт набору даних X: створити (новий набір)», «+ створити decision.csv» above
    «Готово: створено 14»: a real run printed its plan in the future tense."""
    name = f"language-{uuid.uuid4().hex[:10]}"
    command = ["publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name]
    dry = run_cli(*command, "--dry-run", env=cli_env(ckan_portal.token))
    assert f"Паспорт набору даних {name}: створити (новий набір)" in dry.stdout, dry.stderr
    assert "+ створити   decision.csv" in dry.stdout
    real = run_cli(*command, env=cli_env(ckan_portal.token))
    assert real.returncode == 0, real.stderr
    assert f"Паспорт набору даних {name}: створено (новий набір)" in real.stdout
    assert "+ створено   decision.csv" in real.stdout and "створити" not in real.stdout
    again = run_cli(*command, "--lang", "en", env=cli_env(ckan_portal.token))
    assert "= unchanged  decision.csv" in again.stdout, again.stdout


def test_a_resource_that_failed_is_not_counted_as_published(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """«створено 15» and then «Не вдалося опублікувати 1 ресурс»: the summary counted the
    failed resource too, and JSON listed it both as created and among the failures."""
    (plan_copy / "extra.csv").write_text("_code,label\ntv,TV\n", "utf-8")  # the DataStore refuses "_code"
    schema = {"fields": [{"name": "_code", "type": "string"}, {"name": "label", "type": "string"}]}
    add_resource(plan_copy, {"name": "extra", "path": "extra.csv", "title": "Extra", "schema": schema})
    name = unique_name()
    result = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    data = json.loads(result.stdout)
    assert result.returncode == 1 and [f.split(":")[0] for f in data["failures"]] == ["extra.csv"]
    assert "extra.csv" not in data["summary"]["created"] and len(data["summary"]["created"]) == RESOURCES
    text = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                   env=cli_env(ckan_portal.token))  # fmt: skip
    counts = re.search(r"Готово: створено (\d+), оновлено (\d+), без змін (\d+)", text.stdout)
    assert counts and sum(map(int, counts.groups())) == RESOURCES, text.stdout  # extra.csv is not one
    assert "Файли, яких портал не приймає такими, як вони є (1 файл)" in text.stderr  # to fix, not to rerun


def test_a_stale_variable_that_hides_the_config_files_token_is_named(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path
):
    """A stale CKAN_API_TOKEN overrode the good token of the config file, and the refusal
    did not say which token was used."""
    config = tmp_path / "config.toml"
    config.write_text(f'[portal]\ntoken = "{ckan_portal.token}"\n', "utf-8")
    config.chmod(0o600)
    result = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset",
                     unique_name(), "--config", config, env=cli_env("stale-token"))  # fmt: skip
    assert_no_token(ckan_portal, result)
    assert result.returncode == 2
    said = f"API-токен узято з $CKAN_API_TOKEN, він має перевагу над токеном у файлі {config}"
    assert said in result.stderr


def test_https_for_an_http_portal_is_said_at_once(ckan_portal: Portal, ckan_org: str, plan_copy: Path):
    """https:// for an http-only portal was tried 5 times (~8 s) and called «no answer,
    check the internet connection»."""
    https = ckan_portal.url.replace("http://", "https://")
    result = run_cli("publish", plan_copy, "--portal", https, "--org", ckan_org, "--dataset", unique_name(),
                     "--dry-run", "--format", "json", env=cli_env(ckan_portal.token))  # fmt: skip
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "TlsFailed"
    assert "Можливо, він працює за адресою http://, а не https://?" in result.stderr
    assert "after 5 tries" not in result.stderr


def test_ctrl_c_says_in_ukrainian_that_a_rerun_finishes_the_publish(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """Ctrl-C printed click's English «Aborted!» and exited 1."""
    import signal
    import subprocess
    import time

    from tests.helpers import OPENDATA

    name = unique_name()
    args = [OPENDATA, "publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name]
    process = subprocess.Popen(list(map(str, args)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=cli_env(ckan_portal.token))  # fmt: skip
    deadline = time.monotonic() + 60
    api = ckan_portal.api()
    while time.monotonic() < deadline and not api.action.package_search(q=f"name:{name}")["count"]:
        time.sleep(0.2)  # until the dataset is there: the publish is under way
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Aborted!" not in stderr and "Traceback" not in stderr
    assert "Перервано (Ctrl-C)." in stderr and "запустіть opendata publish ще раз, щоб її завершити" in stderr
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0


def test_a_dataset_another_publish_created_meanwhile_is_said_not_doubled(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """Two officers publishing at once: the one whose create came second was told "the
    portal refused the data" ("That URL is already in use"), with no way forward."""
    from opendata.ckan_client import CkanClient
    from opendata.publish import CreatedMeanwhile, Passport, plan_publish, publish

    name = unique_name()
    client = CkanClient(ckan_portal.url, ckan_portal.token)
    late = plan_publish(plan_copy, client, ckan_org, Passport(name=name, maintainer_email="a@example.org"))
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0  # the colleague's, first
    with pytest.raises(CreatedMeanwhile, match="already in use"):
        publish(late, client)
    names = [r["name"] for r in ckan_portal.api().action.package_show(id=name)["resources"]]
    assert len(names) == len(set(names))  # nothing added twice
    again = publish_cli(ckan_portal, ckan_org, plan_copy, name)
    assert again.returncode == 0 and json.loads(again.stdout)["dataset"]["action"] == "unchanged"


def test_a_plan_published_twice_is_refused_with_what_to_do(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """A retry in a Python session, publish(plan) again, raised CreatedMeanwhile, blaming
    «another publish» for the dataset the first call had created."""
    name = f"api2-twice-{uuid.uuid4().hex[:8]}"
    client = CkanClient(ckan_portal.url, ckan_portal.token)
    passport = Passport(name=name, maintainer_email="a@example.org")
    plan = plan_publish(plan_copy, client, ckan_org, passport)
    try:
        assert publish(plan, client).ok
        published = ckan_portal.api().action.package_show(id=name)["resources"]
        with pytest.raises(PlanCarriedOut) as raised:
            publish(plan, client)
        assert str(raised.value).startswith(f"this plan for {ckan_portal.url}/dataset/{name} was carried out")
        assert str(raised.value).endswith("make a new plan with plan_publish() and publish that")
        assert ckan_portal.api().action.package_show(id=name)["resources"] == published  # nothing sent
        fresh = plan_publish(plan_copy, client, ckan_org, passport)
        assert fresh.action == "unchanged" and not fresh.changes and publish(fresh, client).ok
    finally:
        ckan_portal.api().action.dataset_purge(id=name)


def test_the_published_register_row_names_the_datasets_contact(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, tmp_path: Path
):
    """The zip publish uploads had a register row (Resolution 835, appendix 7) with no
    contact, while the passport beside it had one."""
    name = unique_name()
    result = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run", "--build-dir", tmp_path / "b")
    assert result.returncode == 0, result.stderr
    [row] = csv_rows(tmp_path / "b" / "national" / "register.csv")
    assert row["contactPointName"].startswith("Качанський Михайло")
    assert row["contactPointEmail"] == "opendata@example.org"


def test_the_datastore_lists_rows_in_the_files_order_after_a_row_moved(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path
):
    """An upsert keeps a row's place (its _id): a report moved up in the spreadsheet stayed
    last in the DataStore, where analysts read the table page by page."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, plan_with_reports, name).returncode == 0
    api = ckan_portal.api()
    resource = next(r for r in api.action.package_show(id=name)["resources"]
                    if r["name"] == "progress_reports.csv")  # fmt: skip
    reports = plan_with_reports / "progress_reports.csv"

    def datastore_rows() -> list[dict]:
        return api.action.datastore_search(resource_id=resource["id"], limit=100)["records"]

    # a row added at the end is upserted: the rows before keep their place
    header, *rows = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    added = rows[0].replace("SAMPLE-2021-Q2-1.1-01", "SAMPLE-2021-Q4-1.1-09", 1)
    added = added.replace("2021-Q2", "2021-Q4", 1).replace("2021-05-14", "2021-11-02", 1)
    reports.write_text("".join([header, *rows, added]), encoding="utf-8")
    before = {r["report_id"]: r["_id"] for r in datastore_rows()}
    assert publish_cli(ckan_portal, ckan_org, plan_with_reports, name).returncode == 0
    after = datastore_rows()
    assert {r["report_id"]: r["_id"] for r in after[:-1]} == before
    assert [r["report_id"] for r in after] == [r["report_id"] for r in csv_rows(reports)]

    # the last row moved to the top: the DataStore follows the file
    header, *rows = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    reports.write_text("".join([header, rows[-1], *rows[:-1]]), encoding="utf-8")
    assert publish_cli(ckan_portal, ckan_org, plan_with_reports, name).returncode == 0
    assert [r["report_id"] for r in datastore_rows()] == [r["report_id"] for r in csv_rows(reports)]


def test_an_organisation_typed_as_words_is_created_under_a_latin_name(ckan_portal: Portal, plan_copy: Path):
    """The dry run promised «XNW Місто», then the portal refused the name (exit 1: "run again")."""
    suffix = uuid.uuid4().hex[:6]
    typed = f"Тестова міська рада {suffix}"
    name = f"testova-miska-rada-{suffix}"
    dry = publish_cli(ckan_portal, typed, plan_copy, unique_name(), "--dry-run", "--create-org", token="")
    assert dry.returncode == 0, dry.stderr
    assert f"Організацію «{typed}» буде створено на порталі як {name}" in dry.stderr
    created = publish_cli(ckan_portal, typed, plan_copy, unique_name(), "--create-org")
    assert created.returncode == 0, created.stdout
    organisation = ckan_portal.api().action.organization_show(id=name)
    assert organisation["title"] == typed
    # typed the same way again, it is the same organisation
    again = publish_cli(ckan_portal, typed, plan_copy, unique_name())
    assert again.returncode == 0, again.stdout
    assert ckan_portal.api().action.organization_show(id=name)["package_count"] == 2



@pytest.mark.parametrize(
    ("table", "field", "where"),
    [
        ("_code,label\ntv,TV\n", {"name": "_code", "type": "string"},
         "extra.csv, field «_code»: the portal answered «fields: \"_code\" is not a valid field name»"),
    ],
)  # fmt: skip
def test_a_table_the_datastore_refuses_names_what_to_fix_not_a_rerun(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path, table: str, field: dict, where: str
):
    """A column name the DataStore refuses («_code»), or a value it cannot store, ended in
    «run publish again to finish», which fails the same way every time."""
    (plan_copy / "extra.csv").write_text(table, "utf-8")
    schema = {"fields": [field, {"name": "label", "type": "string"}]}
    add_resource(plan_copy, {"name": "extra", "path": "extra.csv", "title": "Extra", "schema": schema})
    name = f"config-{uuid.uuid4().hex[:10]}"
    text = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                   "--lang", "en", env=cli_env(ckan_portal.token))  # fmt: skip
    assert text.returncode == 1, text.stderr
    assert "Files the portal does not accept as they are (1 file): running publish again would end the " \
        "same way, so fix them first:" in text.stderr  # fmt: skip
    assert where in text.stderr and "Fix it in extra.csv" in text.stderr, text.stderr
    assert "run publish again" not in text.stderr
    refused = json.loads(publish_cli(ckan_portal, ckan_org, plan_copy, name).stdout)["refused"]
    assert refused["extra.csv"]["file"] == "extra.csv" and refused["extra.csv"]["reason"] in where


def test_a_value_the_datastore_refuses_is_named_by_its_row_in_the_file(plan_copy: Path, monkeypatch):
    """The DataStore names the refused record by its index in the request's batch: the
    row in the file (the header is row 1) is what a person can find."""
    monkeypatch.setattr("opendata.publish.BATCH_ROWS", 2)

    class RefusingClient:  # refuses the second record of the second batch, as PostgreSQL would
        batches = 0

        def call(self, action: str, data: dict, **_) -> dict:
            self.batches += action == "datastore_upsert"
            if self.batches == 2:
                raise Rejected("datastore_upsert: the portal refused it: records: integer out of range",
                               reason="records: integer out of range", record="1")  # fmt: skip
            return {}

    schema = json.loads((plan_copy / "schemas" / "people.json").read_text("utf-8"))
    table = PublishFile(key="people", path=plan_copy / "people.csv", title="", description="", format="CSV",
                        mimetype="text/csv", sha256="", schema=schema, package_path="people.csv")  # fmt: skip
    with pytest.raises(DataStoreRefused) as refused:
        load_datastore(RefusingClient(), "id", table, recreate=True)
    assert refused.value.params == {"file": "people.csv", "reason": "records: integer out of range",
                                    "row": "5"}  # fmt: skip


def test_a_changed_table_without_a_primary_key_is_not_loaded_twice(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """With no key to upsert by, a changed table's rows were inserted after the old ones."""
    name = unique_name()
    add_counts_table(plan_copy, [("a", "1", "1"), ("b", "2", "2")])
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    (plan_copy / "counts.csv").write_text("id,big,small\na,1,1\nb,5,2\nc,3,3\n", "utf-8")
    assert publish_cli(ckan_portal, ckan_org, plan_copy, name).returncode == 0
    api = ckan_portal.api()
    counts = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "counts.csv")
    rows = api.action.datastore_search(resource_id=counts["id"], limit=100)["records"]
    assert [(r["id"], r["big"]) for r in rows] == [("a", 1), ("b", 5), ("c", 3)]


def test_an_organisation_typed_as_its_title_is_found_not_made_twice(ckan_portal: Portal, plan_copy: Path):
    """`--org "xr2 Миколаївська рада" --create-org` promised a new organisation
    xr2-mykolaivska-rada beside xr2-mykolaiv, titled so: a twin for every council whose name
    on the portal is not its title's Latin spelling."""
    suffix = uuid.uuid4().hex[:6]
    api = ckan_portal.api()
    title = f"Портальна рада {suffix}"
    own = api.action.organization_create(name=f"portal-own-{suffix}", title=title)["name"]
    typed = f"  портальна   РАДА {suffix}"  # case and spaces aside, its title
    dry = publish_cli(ckan_portal, typed, plan_copy, unique_name(), "--dry-run", "--create-org", token="")
    assert dry.returncode == 0, dry.stderr
    assert f"Організацію «{typed.strip()}» знайдено на порталі за її повною назвою: {own}." in dry.stderr
    assert "буде створено" not in dry.stderr
    name = unique_name()
    created = publish_cli(ckan_portal, typed, plan_copy, name, "--create-org", "--lang", "en")
    assert created.returncode == 0, created.stdout
    assert f"Organisation «{typed.strip()}» was found on the portal by its title: {own}." in created.stderr
    assert api.action.package_show(id=name)["organization"]["name"] == own
    assert f"portalna-rada-{suffix}" not in api.action.organization_list()
    # two of that title: which one is for the officer to say
    twin = api.action.organization_create(name=f"portal-twin-{suffix}", title=title)["name"]
    several = publish_cli(ckan_portal, typed, plan_copy, unique_name(), "--create-org")
    assert several.returncode == 2 and json.loads(several.stdout)["error"] == "SeveralOrganisations"
    several_said = f"Організацій з повною назвою «{typed.strip()}» на порталі кілька: {own}, {twin}."
    assert several_said in several.stderr


def add_a_report(package: Path, report_id: str) -> None:
    """Add one more report to the package's progress_reports.csv, a copy of its first with
    another id, in Q4."""
    reports = package / "progress_reports.csv"
    header, first, *rest = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    added = first.replace(first.split(",")[0], report_id, 1)
    added = added.replace("2021-Q2", "2021-Q4", 1).replace("2021-05-14", "2021-11-02", 1)
    reports.write_text("".join([header, first, *rest, added]), encoding="utf-8")


def change_a_status(package: Path) -> None:
    """A local edit: the first report's status, «done» → «in_progress»."""
    reports = package / "progress_reports.csv"
    header, first, *rest = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = first.replace(",done,", ",in_progress,", 1)
    reports.write_text("".join([header, changed, *rest]), encoding="utf-8")


def publish_from_two_computers(ckan_portal: Portal, ckan_org: str, pc1: Path, tmp_path: Path) -> str:
    """PC1 publishes the package; PC4 pulls it, adds a report and publishes; PC1 then edits a
    report of its own, not having pulled PC4's. Returns the dataset's name."""
    name = unique_name()
    assert publish_cli(ckan_portal, ckan_org, pc1, name).returncode == 0
    pc4 = tmp_path / "pc4"
    pulled = run_cli("pull", name, "--portal", ckan_portal.url, "--out", pc4, env=cli_env(ckan_portal.token))
    assert pulled.returncode == 0, pulled.stderr
    add_a_report(pc4, COLLEAGUES_REPORT)
    assert publish_cli(ckan_portal, ckan_org, pc4, name).returncode == 0
    change_a_status(pc1)
    return name


COLLEAGUES_REPORT = "SAMPLE-2021-Q4-1.1-09"


def reports_on_the_portal(ckan_portal: Portal, name: str) -> tuple[list[str], bytes]:
    """The report ids in the DataStore, and the bytes of the progress_reports.csv resource."""
    api = ckan_portal.api()
    resource = next(r for r in api.action.package_show(id=name)["resources"]
                    if r["name"] == "progress_reports.csv")  # fmt: skip
    records = api.action.datastore_search(resource_id=resource["id"], limit=100)["records"]
    return [r["report_id"] for r in records], requests.get(resource["url"], timeout=30).content


def test_a_republish_never_deletes_a_report_a_colleague_published(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path, tmp_path: Path
):
    """The officer at PC1 republished after a local edit: the report PC4 had published was gone
    from the DataStore and the file, and publish said «ok», its dry run only «змінився вміст»."""
    name = publish_from_two_computers(ckan_portal, ckan_org, plan_with_reports, tmp_path)
    api = ckan_portal.api()
    before = api.action.package_show(id=name)
    reports_before = reports_on_the_portal(ckan_portal, name)
    assert COLLEAGUES_REPORT in reports_before[0]

    refused = publish_cli(ckan_portal, ckan_org, plan_with_reports, name)
    assert refused.returncode == 2, refused.stderr
    failure = json.loads(refused.stdout)
    assert failure["ok"] is False and failure["error"] == "PortalRowsWouldBeLost"
    assert COLLEAGUES_REPORT in failure["message"]
    reports = next(r for r in failure["resources"] if r["name"] == "progress_reports.csv")
    assert reports["portal_rows"] == {"key": ["report_id"], "lost": 1, "lost_keys": [COLLEAGUES_REPORT],
                                      "changed": 1, "unread": None}  # fmt: skip
    text = run_cli("publish", plan_with_reports, "--portal", ckan_portal.url, "--org", ckan_org,
                   "--dataset", name, env=cli_env(ckan_portal.token))  # fmt: skip
    assert text.returncode == 2, text.stderr
    lost = f"progress_reports.csv: на порталі є, а у файлі немає: 1 рядок (report_id: {COLLEAGUES_REPORT})"
    assert lost in text.stderr
    assert f"opendata pull {name}" in text.stderr and "--replace-portal-rows" in text.stderr
    assert "Нічого не змінено" in text.stderr
    # the library refuses the same plan before it sends anything
    client = CkanClient(ckan_portal.url, ckan_portal.token)
    plan = plan_publish(plan_with_reports, client, ckan_org, Passport(name=name))
    with pytest.raises(PortalRowsWouldBeLost, match=COLLEAGUES_REPORT):
        publish(plan, client)

    after = api.action.package_show(id=name)
    assert after["metadata_modified"] == before["metadata_modified"]
    assert [r["metadata_modified"] for r in after["resources"]] == [
        r["metadata_modified"] for r in before["resources"]
    ]
    assert reports_on_the_portal(ckan_portal, name) == reports_before


def test_a_dry_run_shows_the_portals_rows_a_publish_would_lose_and_change(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path, tmp_path: Path
):
    name = publish_from_two_computers(ckan_portal, ckan_org, plan_with_reports, tmp_path)
    dry = run_cli("publish", plan_with_reports, "--portal", ckan_portal.url, "--org", ckan_org,
                  "--dataset", name, "--dry-run", env=cli_env(ckan_portal.token))  # fmt: skip
    assert dry.returncode == 2, dry.stderr
    assert "~ оновити    progress_reports.csv  (змінився вміст)" in dry.stdout
    lost = f"на порталі є, а у файлі немає: 1 рядок (report_id: {COLLEAGUES_REPORT})"
    assert f"{lost}; на порталі буде змінено: 1 рядок" in dry.stdout
    assert "--replace-portal-rows" in dry.stderr
    english = run_cli("publish", plan_with_reports, "--portal", ckan_portal.url, "--org", ckan_org,
                      "--dataset", name, "--dry-run", "--lang", "en",
                      env=cli_env(ckan_portal.token))  # fmt: skip
    lost = f"on the portal, not in the file: 1 row (report_id: {COLLEAGUES_REPORT})"
    assert f"{lost}; to be changed on the portal: 1 row" in english.stdout
    assert "Nothing was changed" in english.stderr


def test_replace_portal_rows_replaces_the_colleagues_rows_knowingly(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path, tmp_path: Path
):
    name = publish_from_two_computers(ckan_portal, ckan_org, plan_with_reports, tmp_path)
    dry = json.loads(publish_cli(ckan_portal, ckan_org, plan_with_reports, name, "--replace-portal-rows",
                                 "--dry-run").stdout)  # fmt: skip
    assert dry["ok"] is True
    replaced = run_cli("publish", plan_with_reports, "--portal", ckan_portal.url, "--org", ckan_org,
                       "--dataset", name, "--replace-portal-rows",
                       env=cli_env(ckan_portal.token))  # fmt: skip
    assert replaced.returncode == 0, replaced.stderr
    # the run that deletes them says which it deleted (only the dry run had)
    deleted = f"видалено з порталу (--replace-portal-rows): 1 рядок (report_id: {COLLEAGUES_REPORT})"
    assert f"{deleted}; на порталі змінено: 1 рядок" in replaced.stdout
    ids, content = reports_on_the_portal(ckan_portal, name)
    assert ids == [r["report_id"] for r in csv_rows(plan_with_reports / "progress_reports.csv")]
    assert COLLEAGUES_REPORT not in ids
    assert content == (plan_with_reports / "progress_reports.csv").read_bytes()
    again = json.loads(publish_cli(ckan_portal, ckan_org, plan_with_reports, name).stdout)
    assert again["ok"] and again["dataset"]["action"] == "unchanged" and again["summary"]["updated"] == []


def test_a_portal_copy_that_cannot_be_read_stops_the_publish_and_the_option_replaces_it(
    ckan_portal: Portal, ckan_org: str, plan_with_reports: Path, tmp_path: Path
):
    """The portal's file of a table gone from its file store (CKAN answers 500): the row
    check's download stopped the publish as a failing portal, and no option got past it, so
    the file could never be repaired by publishing it again."""
    name = publish_from_two_computers(ckan_portal, ckan_org, plan_with_reports, tmp_path)
    resource = next(r for r in ckan_portal.api().action.package_show(id=name)["resources"]
                    if r["name"] == "progress_reports.csv")  # fmt: skip
    rid = resource["id"]
    (lab_dir() / "storage" / "resources" / rid[:3] / rid[3:6] / rid[6:]).unlink()
    args = ("publish", plan_with_reports, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name)
    dry = run_cli(*args, "--dry-run", env=cli_env(ckan_portal.token))
    assert dry.returncode == 2, dry.stderr
    assert "копію таблиці на порталі не вдалося завантажити, щоб порівняти: чи є там рядки" in dry.stdout
    assert "Публікацію зупинено: копію таблиці на порталі не вдалося завантажити" in dry.stderr
    assert "--replace-portal-rows" in dry.stderr and "Traceback" not in dry.stderr
    refused = json.loads(publish_cli(ckan_portal, ckan_org, plan_with_reports, name).stdout)
    assert refused["error"] == "PortalRowsWouldBeLost" and "could not be read" in refused["message"]
    replaced = run_cli(*args, "--replace-portal-rows", "--lang", "en", env=cli_env(ckan_portal.token))
    assert replaced.returncode == 0, replaced.stderr
    assert "could not be downloaded to compare; it was replaced (--replace-portal-rows)" in replaced.stdout
    _, content = reports_on_the_portal(ckan_portal, name)
    assert content == (plan_with_reports / "progress_reports.csv").read_bytes()


def test_a_maintainer_taken_from_the_publisher_is_said_with_the_option_to_name_one(
    ckan_portal: Portal, ckan_org: str, plan_copy: Path
):
    """Another council's people.csv names no «начальник відділу комунікації»: the passport's
    maintainer was the publisher (the executive committee, a department), unsaid."""
    people = plan_copy / "people.csv"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("начальник відділу комунікації", "начальник відділу інформації"), "utf-8")
    publisher = "Відділ комунікації та інформаційних технологій Коломийської міської ради"
    name = unique_name()
    dry = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["notes"] == ["maintainer-is-publisher"]
    uk = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                 "--dry-run", env=cli_env(ckan_portal.token))  # fmt: skip
    assert f"Увага: відповідальна особа набору — «{publisher}», розпорядник із datapackage.json" in uk.stderr
    assert "--maintainer «Прізвище Ім'я, посада»" in uk.stderr
    en = run_cli("publish", plan_copy, "--portal", ckan_portal.url, "--org", ckan_org, "--dataset", name,
                 "--dry-run", "--lang", "en", env=cli_env(ckan_portal.token))  # fmt: skip
    assert f"Note: the dataset's responsible person is «{publisher}», the publisher in" in en.stderr
    named = publish_cli(ckan_portal, ckan_org, plan_copy, name, "--dry-run", "--maintainer", "Бойко Ірина")
    assert json.loads(named.stdout)["notes"] == []
