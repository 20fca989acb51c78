"""The audit of the real local CKAN, seeded with ~20 realistic datasets each carrying a defect."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from opendata.audit.crawl import crawl_portal
from opendata.audit.register import REGISTER_COLUMNS
from seed_portal import DATASETS, ORG, SeededElsewhere, seed
from tests.ckan_portal import Portal
from tests.helpers import ROOT, run_cli

REGISTER = ROOT / "examples" / "audit-portal" / "register.csv"
pytestmark = pytest.mark.ckan


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def seeded(ckan_portal: Portal) -> Portal:
    seed(ckan_portal.api(), ckan_portal.url)
    return ckan_portal


def test_seeding_another_organisation_leaves_the_demo_where_it_is(seeded):
    """`seed_portal.py --org X` skipped the datasets seeded today into the demo organisation
    and said «organisation X holds 20 seeded datasets»: X held none."""
    api = seeded.api()
    other = f"seed-other-{uuid.uuid4().hex[:8]}"
    with pytest.raises(SeededElsewhere, match=f"belongs to organisation {ORG}, not {other}"):
        seed(api, seeded.url, org=other)
    assert api.action.package_show(id=DATASETS[0]["name"])["organization"]["name"] == ORG
    assert api.action.organization_show(id=other, include_datasets=True)["package_count"] == 0


@pytest.fixture(scope="module")
def audit_dir(seeded: Portal, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "2026"
    result = run_cli(
        "audit", "--portal", seeded.url, "--org", ORG, "--out", out, "--register", REGISTER, "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    assert "Report:" in result.stdout and str(out / "report.html") in result.stdout
    return out


@pytest.fixture(scope="module")
def findings(audit_dir: Path) -> list[dict]:
    return _rows(audit_dir / "findings.csv")


@pytest.fixture(scope="module")
def datasets(audit_dir: Path) -> dict[str, dict]:
    return {row["name"]: row for row in _rows(audit_dir / "datasets.csv")}


def _codes(findings: list[dict], dataset: str) -> set[str]:
    return {f["code"] for f in findings if f["dataset"] == dataset}


@pytest.mark.parametrize(
    ("dataset", "code", "text"),
    [
        ("budget-projects", "validity-errors", "«2019-07-20-01» is not a date"),
        ("e-petitions", "validity-encoding", "windows-1251"),
        ("tariffs-monthly-overdue", "freshness-overdue", "75 days ago"),
        ("toilets-no-passport", "passport-missing", "(notes)"),
        ("toilets-no-passport", "passport-missing", "(tags)"),
        ("toilets-no-passport", "passport-missing", "(update_frequency)"),
        ("toilets-no-passport", "passport-missing", "(purpose_of_collecting_information)"),
        ("toilets-no-passport", "passport-missing", "(maintainer)"),
        ("toilets-no-passport", "passport-missing", "(language)"),
        ("parking-no-email", "passport-missing", "(maintainer_email)"),
        ("parking-no-last-modified", "passport-missing", "(last_modified)"),
        ("parking-bad-frequency", "passport-bad-frequency", "«раз на місяць»"),
        ("stops-broken-link", "link-broken", "HTTP 404"),
        ("council-decisions-pdf", "stars-not-machine-readable", "PDF (1★)"),
        ("tariffs-xlsx-only", "stars-proprietary", "XLSX (2★): machine-readable, but a proprietary format"),
        ("tariffs-closed-licence", "stars-closed-licence", "other-closed"),
        ("toilets-no-schema", "passport-no-schema", "data schema"),
        ("toilets-html-as-csv", "link-content-type", "text/html"),
        ("toilets-html-as-csv", "stars-not-machine-readable", "HTML (1★)"),
        ("parking-unregistered", "register-unregistered", "not in the dataset register"),
        (
            "toilets-register-mismatch",
            "register-frequency",
            "«Щокварталу» differs from the register «Щомісяця»",
        ),
        ("", "register-missing", "kolomyia-budget-2027"),
    ],
)
def test_each_seeded_defect_is_found(findings, dataset, code, text):
    messages = [f["message"] for f in findings if f["dataset"] == dataset and f["code"] == code]
    assert any(text in m for m in messages), (dataset, code, messages)
    assert all(f["recommendation"] for f in findings if f["dataset"] == dataset and f["code"] == code)


def test_clean_datasets_have_no_errors_or_warnings(findings):
    for name in ("public-toilets", "parking-operators", "utility-tariffs", "parking-json"):
        assert not [f for f in findings if f["dataset"] == name and f["severity"] != "info"], name


def test_scores_and_stars(datasets):
    stars = {name: int(row["stars"]) for name, row in datasets.items()}
    assert stars["toilets-linked-data"] == 5
    assert (stars["public-toilets"], stars["parking-json"]) == (3, 3)
    assert stars["tariffs-xlsx-only"] == 2
    assert stars["council-decisions-pdf"] == 1
    assert stars["toilets-html-as-csv"] == 1  # declared CSV, served as a page
    assert stars["stops-broken-link"] == 0 and stars["tariffs-closed-licence"] == 0
    best = datasets["public-toilets"]
    assert (int(best["mqa_score"]), best["mqa_band"]) == (370, "excellent")  # 405 less the unawardable 35
    assert int(datasets["toilets-no-passport"]["mqa_findability"]) == 40  # no tags, no group
    assert int(datasets["stops-broken-link"]["mqa_accessibility"]) == 20  # only the URL's presence
    assert datasets["tariffs-monthly-overdue"]["overdue"] == "true"
    assert datasets["utility-tariffs"]["overdue"] == "false"  # yearly, 100 days old
    assert "update_frequency" in datasets["toilets-no-passport"]["passport_missing"]


def test_resources_record_encoding_rows_and_validity(audit_dir):
    rows = {
        (r["dataset"], r["format"]): r
        for r in _rows(audit_dir / "resources.csv")
        if "schema" not in r["name"]
    }
    petitions = rows[("e-petitions", "CSV")]
    assert (petitions["encoding"], petitions["valid"]) == ("windows-1251", "false")
    budget = rows[("budget-projects", "CSV")]
    assert (budget["rows"], budget["valid"], budget["error_count"]) == ("3", "false", "1")
    toilets = rows[("public-toilets", "CSV")]
    assert (toilets["status"], toilets["rows"], toilets["valid"], toilets["encoding"]) == (
        "200",
        "3",
        "true",
        "utf-8",
    )
    assert rows[("parking-json", "JSON")]["valid"] == "true"
    assert rows[("stops-broken-link", "CSV")]["status"] == "404"


def test_ranked_recommendations(audit_dir):
    ranked = _rows(audit_dir / "recommendations.csv")
    assert [int(r["rank"]) for r in ranked] == list(range(1, len(ranked) + 1))
    severities = [r["severity"] for r in ranked]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_audit_package_validates(audit_dir):
    result = run_cli("validate", audit_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_report_html_is_self_contained(audit_dir):
    html = (audit_dir / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 4  # score distribution, dimensions, stars, overdue
    assert not re.search(
        r"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)=[\"']?https?:", html, re.I
    )
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?https?:", html)
    assert "What to fix first" in html and "tariffs-monthly-overdue" in html
    assert (audit_dir / "report.md").read_text(encoding="utf-8").startswith("# Annual open data audit 20")


def test_json_summary_and_ukrainian_default(seeded, tmp_path):
    result = run_cli("audit", "--portal", seeded.url, "--org", ORG, "--out", tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["datasets"] == 20 and summary["overdue"] == 1 and summary["broken_links"] == 1
    assert summary["stars"]["5"] == 1 and summary["errors"] > 0
    assert "Що виправити насамперед" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_compare_shows_a_fixed_dataset(seeded, audit_dir, tmp_path):
    api = seeded.api()
    api.action.package_patch(id="toilets-no-passport", tags=[{"name": "вбиральні"}])
    try:
        result = run_cli(
            "audit",
            "--portal",
            seeded.url,
            "--org",
            ORG,
            "--out",
            tmp_path,
            "--compare",
            audit_dir,
            "--register",
            REGISTER,
            "--format",
            "json",
        )
    finally:
        api.action.package_patch(id="toilets-no-passport", tags=[])
    assert result.returncode == 0, result.stderr
    changes = {row["name"]: row for row in _rows(tmp_path / "changes.csv")}
    fixed = changes["toilets-no-passport"]
    assert (
        fixed["status"] == "improved" and fixed["score_change"] == "30" and fixed["findings_change"] == "-1"
    )
    assert {row["status"] for name, row in changes.items() if name != "toilets-no-passport"} == {"same"}
    # the report says it in words: not the data's codes, nor Python's None for "no score"
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<td>покращився</td>" in html and "<td>improved</td>" not in html and "None" not in html
    summary = json.loads(result.stdout)
    assert summary["previous"]["findings_change"] == -1 and summary["previous"]["overall_change"] in (1, 2)
    assert run_cli("validate", tmp_path).returncode == 0


@pytest.mark.browser
def test_report_opens_in_headless_chromium_without_errors(audit_dir, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no chromium (bash scripts/setup.sh --browser)")
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path}",
            "--dump-dom",
            (audit_dir / "report.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("<svg") == 4 and "What to fix first" in result.stdout
    # page problems (console messages, failed loads, script errors); dbus noise of the sandbox aside
    assert not re.findall(r".*(?:CONSOLE|net::ERR_|Uncaught).*", result.stderr)


def test_an_organisation_given_by_its_id_is_audited(seeded: Portal, datasets: dict, audit_dir: Path, tmp_path):
    """The portal's pages show an organisation's id too: given it, the audit found no
    dataset (the search knows only names), scored 0/405 and exited 0."""
    org_id = seeded.api().action.organization_show(id=ORG)["id"]
    result = run_cli("audit", "--portal", seeded.url, "--org", org_id, "--out", tmp_path / "a", "--no-links",
                     "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["datasets"] == len(datasets) and summary["organization"] == ORG  # by name, to compare
    again = run_cli("audit", "--portal", seeded.url, "--org", org_id, "--out", tmp_path / "b", "--no-links",
                    "--compare", audit_dir)  # fmt: skip
    assert again.returncode == 0, again.stderr  # last year's by name, this year's by id: the same


def test_a_dataset_or_organisation_the_portal_lacks_is_named(ckan_portal: Portal, tmp_path):
    """Both were "На порталі цього немає", naming neither."""
    audit = run_cli("audit", "--portal", ckan_portal.url, "--org", "no-such-org", "--out", tmp_path / "a")
    assert audit.returncode == 2
    assert audit.stderr.startswith("Організації «no-such-org» на порталі немає: перевірте --org")
    assert audit.stderr.strip().splitlines()[1] == f"Портал: {ckan_portal.url}."  # not «…: organisation … not found»
    pulled = run_cli("pull", "no-such-plan", "--portal", ckan_portal.url, "--out", tmp_path / "p", "--lang", "en")
    assert pulled.returncode == 2
    assert pulled.stderr.startswith("The portal has no dataset «no-such-plan»: check the name")


@pytest.fixture
def private_dataset(ckan_portal: Portal):
    """An organisation (prefix xfa-) with one private dataset holding an uploaded CSV;
    removed afterwards."""
    import io
    api = ckan_portal.api()
    org = f"xfa-private-{uuid.uuid4().hex[:8]}"
    api.action.organization_create(name=org, title="Закриті набори (тест)")
    dataset = api.action.package_create(
        name=f"{org}-budget", title="Бюджет (чернетка)", owner_org=org, private=True, license_id="cc-by"
    )
    api.action.resource_create(
        package_id=dataset["id"], name="budget.csv", format="CSV",
        upload=("budget.csv", io.BytesIO("рік,сума\n2026,100\n".encode())),
    )  # fmt: skip
    try:
        yield org, dataset, ckan_portal.token
    finally:
        api.action.dataset_purge(id=dataset["id"])
        api.action.organization_purge(id=org)


def test_private_datasets_are_audited_with_a_token_and_said_unseen_without(private_dataset, tmp_path):
    """The crawl sent no token: a private dataset was never audited, and its register row
    was «є в реєстрі, але його немає на порталі»."""
    org, dataset, token = private_dataset
    register = tmp_path / "register.csv"
    row = {"uid": dataset["name"], "title": "Бюджет", "accrualPeriodicity": "Щороку"}
    with register.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, REGISTER_COLUMNS, restval="")
        writer.writeheader()
        writer.writerow(row)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no config file, no token
    args = ("audit", "--portal", "http://127.0.0.1:58050", "--org", org, "--register", register)
    public = run_cli(*args, "--out", tmp_path / "public", env=env)
    assert public.returncode == 0, public.stderr
    [missing] = [f for f in _rows(tmp_path / "public" / "findings.csv") if f["code"] == "register-missing"]
    assert "серед публічних наборів порталу його немає (він може бути закритим або видаленим)" in missing["message"]
    assert "Перевірено лише публічні набори порталу" in (tmp_path / "public" / "report.html").read_text("utf-8")

    private = run_cli(*args, "--out", tmp_path / "private", env={**env, "CKAN_API_TOKEN": token})
    assert private.returncode == 0, private.stderr
    out = tmp_path / "private"
    assert [d["name"] for d in _rows(out / "datasets.csv")] == [dataset["name"]]
    [resource] = _rows(out / "resources.csv")
    assert resource["status"] == "200" and resource["valid"] == "true"  # the upload, fetched with the token
    assert not any(f["code"].startswith("register-missing") for f in _rows(out / "findings.csv"))
    assert "Перевірено лише публічні" not in (out / "report.html").read_text("utf-8")
    shown = private.stdout + private.stderr + "".join(p.read_text("utf-8") for p in out.rglob("*") if p.is_file())
    assert token not in shown


def test_a_token_the_portal_does_not_know_is_refused_before_the_crawl(private_dataset, tmp_path):
    """CKAN 2.11 took the wrong token for an anonymous visitor: the audit covered the public
    datasets only, exit 0, and its report claimed all of them, the private one never named."""
    org, _, _ = private_dataset
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CKAN_API_TOKEN": "wrongtoken123"}
    args = ("audit", "--portal", "http://127.0.0.1:58050", "--org", org, "--out", tmp_path / "out", "--no-links")
    refused = run_cli(*args, env=env)
    assert refused.returncode == 2 and not (tmp_path / "out").exists()
    lead, detail = refused.stderr.strip().splitlines()
    assert lead == (
        "Портал не приймає API-токен для аудиту: токен недійсний чи прострочений, або його користувач "
        "не входить до жодної організації порталу."
    )
    assert detail.startswith("На такий токен портал http://127.0.0.1:58050 відповідає як будь-кому")
    assert "запустіть аудит без токена" in detail
    english = run_cli(*args, "--lang", "en", env=env)
    assert "The portal does not accept the API token for the audit" in english.stderr
    assert "run the audit without a token" in english.stderr
    assert "wrongtoken123" not in refused.stderr + english.stderr
    as_json = run_cli(*args, "--format", "json", env=env)  # the kind the text names, as publish's
    assert as_json.returncode == 2 and json.loads(as_json.stdout)["error"] == "TokenUnknown"


@pytest.fixture
def outsider(ckan_portal: Portal):
    """A user (prefix misc-) who is a member of another organisation only, and one of
    none; their API tokens. Removed afterwards."""
    import uuid

    api = ckan_portal.api()
    elsewhere, users = f"misc-elsewhere-{uuid.uuid4().hex[:8]}", [f"misc-user-{uuid.uuid4().hex[:8]}" for _ in "ab"]
    api.action.organization_create(name=elsewhere, title="Деінде (тест)")
    try:
        for user in users:
            api.action.user_create(name=user, email=f"{user}@example.org", password=uuid.uuid4().hex)
        api.action.organization_member_create(id=elsewhere, username=users[0], role="editor")
        yield [api.action.api_token_create(user=user, name="test")["token"] for user in users]
    finally:
        for user in users:
            api.action.user_delete(id=user)
        api.action.organization_purge(id=elsewhere)


def test_a_token_of_a_user_outside_the_organisation_audits_its_public_datasets_and_says_so(
    private_dataset, outsider, tmp_path
):
    """The token passed (its user is in another organisation) and the report claimed the
    private datasets covered, `public_only: false`, though it saw only public ones; a user
    in no organisation was told of publishing and to create a new token."""
    org, _, _ = private_dataset
    member_elsewhere, in_none = outsider
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    args = ("audit", "--portal", "http://127.0.0.1:58050", "--org", org, "--no-links")
    audited = run_cli(*args, "--out", tmp_path / "out", "--format", "json", env={**env, "CKAN_API_TOKEN": member_elsewhere})
    assert audited.returncode == 0, audited.stderr
    assert json.loads(audited.stdout)["public_only"] is True
    assert json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))["public_only"] is True
    assert _rows(tmp_path / "out" / "datasets.csv") == []  # its one dataset is private
    for report in ("report.html", "report.md"):
        assert "Перевірено лише публічні набори порталу" in (tmp_path / "out" / report).read_text("utf-8")
    refused = run_cli(*args, "--out", tmp_path / "none", "--lang", "en", env={**env, "CKAN_API_TOKEN": in_none})
    assert refused.returncode == 2 and "its user is a member of no organisation" in refused.stderr
    assert "publish" not in refused.stderr and "Create a new token" not in refused.stderr


@pytest.fixture
def member(ckan_portal: Portal):
    """An organisation (prefix r3-) with one private dataset, and a user who is its member
    only, not a sysadmin; yields the dataset's name and the user's API token. Removed afterwards."""
    api = ckan_portal.api()
    org, user = f"r3-own-{uuid.uuid4().hex[:8]}", f"r3-member-{uuid.uuid4().hex[:8]}"
    api.action.organization_create(name=org, title="Свої закриті набори (тест)")
    dataset = api.action.package_create(name=f"{org}-draft", title="Чернетка", owner_org=org, private=True)
    try:
        api.action.user_create(name=user, email=f"{user}@example.org", password=uuid.uuid4().hex)
        api.action.organization_member_create(id=org, username=user, role="member")
        yield dataset["name"], api.action.api_token_create(user=user, name="test")["token"]
    finally:
        api.action.user_delete(id=user)
        api.action.dataset_purge(id=dataset["id"])
        api.action.organization_purge(id=org)


def test_a_whole_portal_audit_with_a_members_token_says_other_private_datasets_were_unseen(
    ckan_portal: Portal, member, tmp_path
):
    """Without --org, any token made `public_only: false`, as if all the private datasets were
    audited: a member sees only its own organisations'; only a sysadmin sees them all."""
    own_private, token = member
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CKAN_API_TOKEN": token}
    out = tmp_path / "out"
    args = ("audit", "--portal", ckan_portal.url, "--no-links", "--out", out, "--format", "json")
    audited = run_cli(*args, env=env)
    assert audited.returncode == 0, audited.stderr
    assert json.loads(audited.stdout)["public_only"] is True
    assert json.loads((out / "summary.json").read_text("utf-8"))["public_only"] is True
    assert own_private in {d["name"] for d in _rows(out / "datasets.csv")}  # its own, private, is audited
    said = " ".join((out / "report.html").read_text("utf-8").split())
    assert "Перевірено лише публічні набори порталу та закриті набори організацій користувача API-токена" in said
    assert crawl_portal(ckan_portal.url, apikey=ckan_portal.token).public_only is False  # the sysadmin's


def test_an_organisation_with_no_dataset_is_said_to_have_none_not_to_be_misspelt(ckan_portal: Portal, tmp_path):
    """The reports said «Найімовірніше, назву організації (--org) вказано неправильно», though a
    misspelt --org is refused before the crawl (exit 2): this one exists and has no dataset."""
    import uuid

    api = ckan_portal.api()
    org = f"misc-empty-{uuid.uuid4().hex[:8]}"
    api.action.organization_create(name=org, title="Порожня (тест)")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    args = ("audit", "--portal", ckan_portal.url, "--org", org, "--no-links")
    try:
        public = run_cli(*args, "--out", tmp_path / "public", env=env)
        english = run_cli(*args, "--out", tmp_path / "en", "--lang", "en", env=env)
        token = run_cli(*args, "--out", tmp_path / "token", env={**env, "CKAN_API_TOKEN": ckan_portal.token})
    finally:
        api.action.organization_purge(id=org)
    assert public.returncode == english.returncode == token.returncode == 0, public.stderr + token.stderr
    said = {
        "public": f"Організація «{org}» на порталі є, але публічних наборів у ній немає. Закриті набори видно "
        "лише з API-токеном (CKAN_API_TOKEN) користувача цієї організації",
        "en": f"The organisation «{org}» exists on the portal but has no public dataset.",
        "token": f"Організація «{org}» на порталі є, але наборів у ній немає й для цього API-токена",
    }
    for out, words in said.items():
        for report in ("report.md", "report.html"):
            text = " ".join((tmp_path / out / report).read_text("utf-8").split())
            assert words in text, (out, report)
            assert "Найімовірніше" not in text and "Most likely" not in text
    assert said["public"] in " ".join(public.stderr.split())
