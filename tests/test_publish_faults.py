"""Publishing through a faulty network: retries, lost answers, and interrupted runs.

A `FaultyProxy` sits between the publisher and the real portal. Each test
compares what the portal ends up holding with a clean publish of the same
package under another name (`portal_state` ignores the dataset's name).
"""

from __future__ import annotations

import csv
import json
import shutil
import threading
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from opendata.ckan_client import CkanClient, NotACkanPortal, NotAuthorised, PortalUnreachable, UnknownAction
from opendata.publish import Passport, plan_publish, publish
from tests.ckan_portal import Portal
from tests.faulty_proxy import FaultyProxy
from tests.helpers import EXAMPLES, PACKAGE, run_cli
from tests.test_publish import assert_no_token, cli_env, portal_state

pytestmark = pytest.mark.ckan


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("faults") / "package"
    shutil.copytree(PACKAGE, target)
    shutil.copyfile(EXAMPLES / "progress_reports.sample.csv", target / "progress_reports.csv")
    return target


@pytest.fixture(scope="module")
def reference(ckan_portal: Portal, ckan_org: str, package: Path) -> dict:
    """The portal's state after a clean publish of the package."""
    name = run_publish(direct(ckan_portal), ckan_org, package)
    return portal_state(ckan_portal, name)


def direct(portal: Portal) -> CkanClient:
    return CkanClient(portal.url, portal.token)


def via(proxy: FaultyProxy, portal: Portal) -> CkanClient:
    """A client with a short backoff, so injected faults cost little time.

    The timeout still allows for a portal slowed down by other work on the machine.
    """
    return CkanClient(proxy.url, portal.token, timeout=8, backoff=0.05)


def run_publish(client: CkanClient, org: str, package: Path, name: str | None = None):
    name = name or f"test-faults-{uuid.uuid4().hex[:10]}"
    passport = Passport(name=name, maintainer_email="opendata@example.org")
    result = publish(plan_publish(package, client, org, passport), client)
    assert result.ok, result.failures
    return name


def test_timeouts_drops_5xx_and_429_are_retried(ckan_portal, ckan_org, package, reference):
    with FaultyProxy(ckan_portal.url, hang_s=10) as proxy:
        proxy.fail("/package_show", "timeout")
        proxy.fail("/package_create", "503")
        proxy.fail("/resource_create", "500", nth=2)
        proxy.fail("/datastore_create", "drop", nth=3)
        proxy.fail("/datastore_upsert", "429", nth=2, times=2)
        proxy.fail("/resource_patch", "502", nth=4)
        client = via(proxy, ckan_portal)
        name = run_publish(client, ckan_org, package)
        assert {fault for _, fault in proxy.faults()} == {"timeout", "503", "500", "drop", "429", "502"}
    assert client.retries >= 7
    assert portal_state(ckan_portal, name) == reference


def test_a_lost_answer_to_a_create_makes_no_duplicate(ckan_portal, ckan_org, package, reference):
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/package_create", "drop_after")
        proxy.fail("/resource_create", "drop_after", nth=2)
        proxy.fail("/resource_create", "drop_after", nth=5)
        name = run_publish(via(proxy, ckan_portal), ckan_org, package)
        assert len(proxy.faults()) == 3
    assert portal_state(ckan_portal, name) == reference  # seven resources, none twice


@pytest.mark.parametrize("cut_after", [2, 6, 13, 22])
def test_interrupted_publish_converges_when_run_again(ckan_portal, ckan_org, package, reference, cut_after):
    name = f"test-faults-{uuid.uuid4().hex[:10]}"
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.cut_after(cut_after)
        with pytest.raises(PortalUnreachable, match="no answer from"):
            run_publish(via(proxy, ckan_portal), ckan_org, package, name)
    run_publish(direct(ckan_portal), ckan_org, package, name)
    assert portal_state(ckan_portal, name) == reference
    plan = plan_publish(package, direct(ckan_portal), ckan_org, Passport(name=name))
    assert {r.action for r in plan.resources} == {"unchanged"}


def test_a_portal_that_keeps_failing_is_not_called_unreachable(ckan_portal, ckan_org, package):
    """HTTP 500 at every try was "the portal does not answer: check its address and the
    internet connection", which are right."""
    args = ["publish", package, "--org", ckan_org, "--dataset", f"test-faults-{uuid.uuid4().hex[:10]}"]
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/package_show", "500", times=100)
        result = run_cli(*args, "--portal", proxy.url, "--format", "json", env=cli_env(ckan_portal.token))
    assert_no_token(ckan_portal, result)
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == "PortalFailing"
    assert "Портал відповідає помилкою сервера (HTTP 500)" in result.stderr


def test_a_datastore_that_keeps_failing_is_a_wait_not_a_table_to_fix(ckan_portal, ckan_org, package):
    """HTTP 503 at every load is the portal's passing failure: try later; only the
    DataStore's refusal of the table itself names what to fix in it."""
    name = f"config-{uuid.uuid4().hex[:10]}"
    args = ["publish", package, "--org", ckan_org, "--dataset", name, "--lang", "en"]
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/datastore_upsert", "503", times=100)
        result = run_cli(*args, "--portal", proxy.url, env=cli_env(ckan_portal.token))
    assert_no_token(ckan_portal, result)
    assert result.returncode == 2
    assert "The portal answers with a server error (HTTP 503)" in result.stderr
    assert "Try again later" in result.stderr and "DataStore does not accept" not in result.stderr


def test_a_value_the_portals_schema_refuses_names_what_to_change_not_a_rerun(ckan_portal, ckan_org, package):
    """A 409 validation error on resource_create (a value the portal's schema refuses) was
    listed with the failures to «run publish again», which fails the same way every time."""
    name = f"secrets-{uuid.uuid4().hex[:10]}"
    args = ["publish", package, "--org", ckan_org, "--dataset", name,
            "--maintainer-email", "opendata@example.org"]  # fmt: skip
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/resource_create", "409", nth=2)
        result = run_cli(*args, "--portal", proxy.url, env=cli_env(ckan_portal.token))
    assert_no_token(ckan_portal, result)
    assert result.returncode == 1, result.stderr
    said = " ".join(result.stderr.split())
    assert "Файли, яких портал не приймає такими, як вони є (1 файл): повторний запуск publish закінчиться " \
        "так само, тож спершу виправте їх:" in said  # fmt: skip
    assert (", поле «format»: портал відхилив значення, бо його схема такого не приймає: «format: Value must "
            "be one of the portal's formats». Змініть це значення в пакеті (datapackage.json") in said
    assert "запустіть publish ще раз" not in said
    with FaultyProxy(ckan_portal.url) as proxy:  # the one left to create, refused again
        proxy.fail("/resource_create", "409")
        again = run_cli(*args, "--portal", proxy.url, "--format", "json", env=cli_env(ckan_portal.token))
    assert again.returncode == 1, again.stderr
    refused = json.loads(again.stdout)["refused"]
    assert [(r["field"], r["reason"]) for r in refused.values()] == [
        ("format", "format: Value must be one of the portal's formats")
    ]
    assert [name for name, r in refused.items() if r["resource"] == name] == list(refused)


def test_403_stops_with_the_portals_message(ckan_portal, ckan_org, package):
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/package_create", "403")
        with pytest.raises(NotAuthorised, match="not authorised"):
            run_publish(via(proxy, ckan_portal), ckan_org, package)


@pytest.mark.slow
def test_cli_interrupted_then_rerun_says_why_and_never_shows_the_token(
    ckan_portal, ckan_org, package, reference
):
    name = f"test-faults-{uuid.uuid4().hex[:10]}"
    args = ["publish", package, "--org", ckan_org, "--dataset", name, "--format", "json",
            "--maintainer-email", "opendata@example.org", "--timeout", "2"]
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.cut_after(10)  # the first resource_create is the eleventh request
        cut = run_cli(*args, "--portal", proxy.url, env=cli_env(ckan_portal.token))
    assert_no_token(ckan_portal, cut)
    # Each retry of the create first asks whether the lost one landed, once: that lookup had
    # tries of its own, five lookups of five tries, 40 s before «the portal does not answer».
    after_cut = [path.rsplit("/", 1)[1] for path, fault in proxy.log if fault == "cut"]
    assert after_cut == ["resource_create"] + ["package_show", "resource_create"] * 4
    assert cut.returncode == 2
    assert json.loads(cut.stdout)["error"] == "PortalUnreachable"
    assert "no answer from" in cut.stderr
    assert "Портал не відповідає" in cut.stderr and "запустіть команду ще раз" in cut.stderr

    rerun = run_cli(*args, "--portal", ckan_portal.url, env=cli_env(ckan_portal.token))
    assert_no_token(ckan_portal, rerun)
    assert rerun.returncode == 0, rerun.stderr
    assert portal_state(ckan_portal, name) == reference


def test_an_address_that_answers_with_a_page_is_no_portal(ckan_portal):
    """A path that is no CKAN API answers with an HTML page: its text (a CSRF token
    and all) was the message, and the exit code 1 of a portal's refusal."""
    client = CkanClient(f"{ckan_portal.url}/nonsense", ckan_portal.token)
    with pytest.raises(NotACkanPortal, match="does not answer as a CKAN portal") as raised:
        client.call("package_show", {"id": "x"})
    assert "<" not in str(raised.value) and raised.value.exit_code == 2
    assert isinstance(raised.value, PortalUnreachable) and raised.value.params == {"status": "405"}


def test_an_action_the_portal_does_not_have_is_no_wrong_address(ckan_portal):
    """CKAN answers an action it does not have (no plugin: a portal without the DataStore has no
    datastore_create) with HTTP 400 and a JSON string: that was «does not answer as a CKAN portal;
    give the portal's own address», where the address was right."""
    with pytest.raises(UnknownAction, match="has no action 'client_no_such_action'") as raised:
        direct(ckan_portal).call("client_no_such_action", {})
    assert raised.value.params == {
        "action": "client_no_such_action",
        "reason": "Bad request - Action name not known: client_no_such_action",
    }
    assert not isinstance(raised.value, PortalUnreachable) and raised.value.exit_code == 2


def test_a_command_stops_at_an_action_the_portal_does_not_have_naming_it(ckan_portal, ckan_org, package):
    args = ["publish", package, "--org", ckan_org, "--dataset", f"client-{uuid.uuid4().hex[:10]}"]
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/package_show", "unknown_action", times=100)
        result = run_cli(*args, "--portal", proxy.url, env=cli_env(ckan_portal.token))
        english = run_cli(*args, "--portal", proxy.url, "--lang", "en", "--format", "json",
                          env=cli_env(ckan_portal.token))  # fmt: skip
    assert_no_token(ckan_portal, result)
    assert result.returncode == english.returncode == 2
    assert result.stderr.startswith(
        "Портал не має дії API «package_show»: на ньому не ввімкнено потрібний модуль (плагін) CKAN. "
        "Попросіть адміністратора порталу його ввімкнути"
    )
    assert "«Bad request - Action name not known: package_show»" in result.stderr
    assert json.loads(english.stdout)["error"] == "UnknownAction"
    assert english.stderr.startswith("The portal has no API action «package_show»: a CKAN plugin it needs")


def without_rows(state: dict) -> list[tuple]:
    """The portal's resources as `portal_state` gives them, without their DataStore rows."""
    return [resource[:-1] for resource in state["resources"]]


def test_a_portal_without_the_datastore_gets_the_files_and_says_the_tables_were_not_loaded(
    ckan_portal, ckan_org, package, reference
):
    """Many city portals have no DataStore: its first datastore_* request stopped publish
    (exit 2) with «За цією адресою не портал CKAN… Перевірте адресу», and left the tables'
    files unfinished.  The files are published; the tables named, and why they have no rows."""
    name = f"client-{uuid.uuid4().hex[:10]}"
    args = ["publish", package, "--org", ckan_org, "--dataset", name,
            "--maintainer-email", "opendata@example.org"]  # fmt: skip
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/datastore_", "unknown_action", times=1000)
        result = run_cli(*args, "--portal", proxy.url, env=cli_env(ckan_portal.token))
        assert_no_token(ckan_portal, result)
        assert result.returncode == 0, result.stderr
        said = " ".join((result.stdout + result.stderr).split())
        assert "+ створено people.csv (новий ресурс, рядків не завантажено: на порталі немає DataStore)" \
            in said  # fmt: skip
        assert "Увага: на порталі немає DataStore (модуля CKAN datastore), тож рядки таблиць не " \
            "завантажуються" in said and "публікуються лише самі файли" in said  # fmt: skip
        assert "попросіть адміністратора порталу ввімкнути DataStore" in said
        assert "Перевірте адресу" not in said
        state = portal_state(ckan_portal, name)
        assert without_rows(state) == without_rows(reference)  # every file, finished (its hash written)
        assert [resource[-1] for resource in state["resources"]] == [None] * len(state["resources"])

        before = ckan_portal.api().action.package_show(id=name)
        dry = run_cli(*args, "--portal", proxy.url, "--dry-run", env=cli_env(ckan_portal.token))
        again = run_cli(*args, "--portal", proxy.url, "--lang", "en", "--format", "json",
                        env=cli_env(ckan_portal.token))  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    said = " ".join((dry.stdout + dry.stderr).split())
    assert "Увага: на порталі немає DataStore" in said and "немає таблиці DataStore" not in said
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)  # the tables, without a DataStore table to make, are no update
    assert report["ok"] and report["notes"] == ["no-datastore"]
    assert report["summary"]["updated"] == report["summary"]["created"] == []
    after = ckan_portal.api().action.package_show(id=name)
    assert after["metadata_modified"] == before["metadata_modified"]
    assert [r["metadata_modified"] for r in after["resources"]] == [
        r["metadata_modified"] for r in before["resources"]
    ]

    run_publish(direct(ckan_portal), ckan_org, package, name)  # the portal given a DataStore
    assert portal_state(ckan_portal, name) == reference


@pytest.fixture
def plain_web_server(tmp_path):
    """`python -m http.server`: a web server of files, which answers a POST with HTTP 501
    and an HTML page. Yields its address and the statuses it answered."""
    answered: list[int] = []

    class Files(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_request(self, code="-", size="-") -> None:
            answered.append(int(code))

    server = ThreadingHTTPServer(("127.0.0.1", 0), Files)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", answered
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("command", ["audit", "publish"])
def test_a_web_server_that_is_no_portal_is_said_so_at_once(ckan_portal, package, plain_web_server, command,
                                                          tmp_path):  # fmt: skip
    """A plain web server at --portal (HTTP 501 to a POST) was asked five times, ~8 s, and said
    to be a portal failing at the right address («Спробуйте пізніше»); the portal's page at
    a wrong path (HTTP 405 and HTML) was «Портал не відповідає… з'єднання з інтернетом»."""
    server, answered = plain_web_server
    for address, status in ((server, 501), (f"{ckan_portal.url}/nonsense", 405)):
        if command == "audit":
            args = ["audit", "--portal", address, "--org", "tok-org", "--out", tmp_path / "a", "--no-links"]
        else:
            args = ["publish", package, "--portal", address, "--org", "tok-org", "--dataset", "tok-x"]
        result = run_cli(*args, env=cli_env(ckan_portal.token))
        assert_no_token(ckan_portal, result)
        assert result.returncode == 2
        lead = result.stderr.splitlines()[0]
        assert lead.startswith(f"За цією адресою не портал CKAN: вона відповідає (HTTP {status})"), lead
        assert "Перевірте адресу (--portal" in lead and "Спробуйте пізніше" not in result.stderr
        english = run_cli(*args, "--lang", "en", "--format", "json", env=cli_env(ckan_portal.token))
        there = "There is no CKAN portal at this address"
        # the kind the text names, for both commands (the audit's not its own PortalUnreadable)
        assert english.returncode == 2 and json.loads(english.stdout)["error"] == "NotACkanPortal"
        assert english.stderr.startswith(f"{there}: it answers (HTTP {status})")
    assert answered == [501, 501]  # once for each run: no retries


def add_a_phone_column(package: Path) -> None:
    """A new column in people.csv and its schema: the DataStore table must be rebuilt."""
    schema_path = package / "schemas" / "people.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    schema["fields"].append({"name": "phone", "type": "string", "title": "Телефон", "title_en": "Phone",
                             "description": "Телефон", "description_en": "Phone"})  # fmt: skip
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), "utf-8")
    with (package / "people.csv").open(encoding="utf-8", newline="") as stream:
        rows = [{**row, "phone": "+380000000"} for row in csv.DictReader(stream)]
    with (package / "people.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_publish_cut_between_a_tables_upload_and_its_datastore_rebuild_converges(
    ckan_portal, ckan_org, package, tmp_path
):
    """The new schema was patched with the upload, before the DataStore table was rebuilt:
    the next runs saw no schema change and failed for good («datastore_upsert: fields
    "phone" do not exist»); only --force repaired it."""
    name = run_publish(direct(ckan_portal), ckan_org, package)
    changed = tmp_path / "package"
    shutil.copytree(package, changed)
    add_a_phone_column(changed)
    with FaultyProxy(ckan_portal.url) as proxy:
        proxy.fail("/datastore_delete", "drop", times=5)  # the rebuild's first step, every try
        with pytest.raises(PortalUnreachable):
            run_publish(via(proxy, ckan_portal), ckan_org, changed, name)
    run_publish(direct(ckan_portal), ckan_org, changed, name)
    api = ckan_portal.api()
    people = next(r for r in api.action.package_show(id=name)["resources"] if r["name"] == "people.csv")
    table = api.action.datastore_search(resource_id=people["id"], limit=0)
    assert "phone" in {f["id"] for f in table["fields"]}
    plan = plan_publish(changed, direct(ckan_portal), ckan_org, Passport(name=name))
    assert {r.action for r in plan.resources} == {"unchanged"}
