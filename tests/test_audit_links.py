"""Link checks and portal failures against a local edge-case HTTP server (no CKAN needed)."""

from __future__ import annotations

import asyncio
import csv
import json

import pytest

from opendata.audit import PortalUnreadable, run_audit
from opendata.audit.compare import left_out
from opendata.audit.crawl import crawl_portal
from opendata.audit.links import check_links, findings
from opendata.audit.messages import MESSAGES
from opendata.audit.model import ResourceResult
from opendata.audit.summary import summary
from opendata.ckan_client import CkanClient, PortalFailing, PortalUnreachable
from tests.audit_server import EdgeServer
from tests.helpers import ROOT, run_cli

CAP = 1 << 20


@pytest.fixture(scope="module")
def edge():
    with EdgeServer() as server:
        yield server


def _check(edge, tmp_path, path: str, fmt: str = "CSV") -> tuple[ResourceResult, list[str]]:
    url = path if "://" in path else edge.url + path
    result = ResourceResult("ds", "r1", "r", url, fmt)
    check_links([result], tmp_path, timeout=1.0, size_cap=CAP, max_redirects=3, internal=True)
    return result, [f.code for f in findings(result, CAP)]


def test_ok_csv_is_kept_for_validation(edge, tmp_path):
    result, codes = _check(edge, tmp_path, "/ok.csv")
    assert (result.status, result.reachable, codes) == (200, True, [])
    assert result.local_file and result.size_bytes == len("назва,кількість\nпарк,3\n".encode())


def test_404_is_a_broken_link(edge, tmp_path):
    result, codes = _check(edge, tmp_path, "/missing.csv")
    assert result.status == 404 and codes == ["link-broken"]


def test_slow_server_times_out(edge, tmp_path):
    result, codes = _check(edge, tmp_path, "/slow.csv")
    assert result.error == "timeout" and codes == ["link-error"]


def test_wrong_content_type(edge, tmp_path):
    _, codes = _check(edge, tmp_path, "/page.csv")
    assert "link-content-type" in codes


def test_a_content_type_in_capitals_is_the_same_type(edge, tmp_path):
    _, codes = _check(edge, tmp_path, "/upper.csv")  # «Text/CSV»: media types ignore case
    assert codes == []


def test_redirect_followed_and_reported(edge, tmp_path):
    result, codes = _check(edge, tmp_path, "/redirect.csv")
    assert result.redirects == 1 and result.final_url.endswith("/ok.csv") and codes == ["link-redirect"]
    [finding] = findings(result, CAP)
    assert finding.render("uk")[0].startswith("Посилання переадресовує (1 раз) на ")
    assert finding.render("en")[0].startswith("The link redirects (1 time) to ")


def test_redirect_loop_is_capped(edge, tmp_path):
    result, codes = _check(edge, tmp_path, "/loop.csv")
    assert result.error == "too-many-redirects" and codes == ["link-error"]


def test_huge_file_is_sampled_not_downloaded(edge, tmp_path):
    result, codes = _check(edge, tmp_path, "/huge.csv")
    assert result.truncated and result.local_file is None and "link-too-large" in codes
    [too_large] = [f for f in findings(result, CAP) if f.code == "link-too-large"]
    # it promised "a sample was read", and was «(1 MB)» in Ukrainian
    assert too_large.render("uk")[0] == (
        "Файл більший за межу завантаження (1 МБ): перевірено лише посилання й розмір, а дані — ні."
    )
    assert "(1 MB): only its link and size were checked, not its data" in too_large.render("en")[0]
    assert result.size_bytes == 3 << 20  # from Content-Length
    assert not list(tmp_path.iterdir())  # the sample is not kept


@pytest.mark.parametrize(
    ("path", "kind", "uk", "fix"),
    [
        ("/slow.csv", "timeout", "сервер не відповів вчасно", "Перевірте, чи сервер доступний і відповідає швидко."),
        ("/loop.csv", "too-many-redirects", "забагато переадресувань, мабуть, вони зациклені",
         "Замініть посилання на кінцеву адресу файлу й виправте переадресування на сервері."),
        ("http://127.0.0.1:9/x.csv", "connection-refused", "сервер відмовив у з'єднанні",
         "Перевірте адресу й порт у посиланні та чи працює вебсервер."),
        ("http://no-such-host.invalid/x.csv", "dns", "такого домену не знайдено (DNS)",
         "Перевірте назву домену в посиланні й чи не скінчилася його реєстрація."),
        ("https://127.0.0.1:{port}/ok.csv", "tls", "не вдалося встановити захищене з'єднання (HTTPS)",
         "Налаштуйте на сервері дійсний сертифікат HTTPS (наприклад, Let's Encrypt)."),
    ],
    ids=["timeout", "loop", "refused", "dns", "tls"],
)  # fmt: skip
def test_a_link_error_says_what_happened_and_what_to_do_in_the_officers_language(edge, tmp_path, path, kind, uk, fix):
    """It was «Файл не вдалося отримати: more than 5 redirects», «…: ConnectError», and a
    redirect loop's fix was «Перевірте, чи сервер … відповідає швидко»."""
    result, codes = _check(edge, tmp_path, path.format(port=edge.url.rsplit(":", 1)[1]))
    assert (result.error, codes) == (kind, ["link-error"])
    [finding] = findings(result, CAP)
    message, recommendation = finding.render("uk")
    assert message.startswith(f"Файл не вдалося отримати: {uk}") and recommendation == fix
    english = finding.render("en")
    assert english[0].startswith("The file could not be fetched: ") and english[1] != recommendation


def test_a_redirect_to_another_scheme_names_the_address_refused(edge, tmp_path):
    result, codes = _check(edge, tmp_path, "/toftp.csv")
    assert codes == ["link-not-http"]
    [finding] = findings(result, CAP)
    assert finding.render("uk")[0] == (
        "Посилання ресурсу веде на «ftp://example.org/a.csv», а це не http(s); файл не перевірено."
    )


def test_only_http_links_are_fetched(tmp_path):
    result = ResourceResult("ds", "r1", "r", "file:///etc/passwd", "CSV")
    check_links([result], tmp_path)
    assert result.status is None and [f.code for f in findings(result, CAP)] == ["link-not-http"]


def test_a_schema_is_told_by_its_content_not_by_a_word_of_its_title(edge, tmp_path):
    """JSON data called «Організаційна структура 2026» was taken for the dataset's
    structure (no passport-no-schema, the data never validated); a Table Schema is one
    whatever it is called, and the table is checked against it."""
    def dataset(name: str, json_resource: dict) -> dict:
        csv_resource = {"id": f"{name}-csv", "name": "штат.csv", "format": "CSV", "url": f"{edge.url}/ok.csv"}
        return {"name": name, "title": name, "license_id": "cc-by", "resources": [json_resource, csv_resource]}

    structure = {"id": "org", "name": "Організаційна структура 2026", "format": "JSON", "url": f"{edge.url}/structure.json"}
    schema = {"id": "fields", "name": "Поля таблиці", "format": "JSON", "url": f"{edge.url}/fields.json"}
    dump = tmp_path / "portal.jsonl"
    dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (
        dataset("org-structure", structure), dataset("with-schema", schema))), encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    result = run_cli("audit", "--dump", dump, "--links", "--internal-links", "--out", out)
    assert result.returncode == 0, result.stderr
    with (out / "findings.csv").open(encoding="utf-8", newline="") as stream:
        found = {(row["dataset"], row["code"], row["resource_id"]) for row in csv.DictReader(stream)}
    assert ("org-structure", "passport-no-schema", "") in found
    assert ("with-schema", "passport-no-schema", "") not in found
    assert ("with-schema", "validity-errors", "with-schema-csv") in found  # against the attached schema
    with (out / "resources.csv").open(encoding="utf-8", newline="") as stream:
        checked = {row["resource_id"]: row["valid"] for row in csv.DictReader(stream)}
    assert checked["org"] == "true" and checked["fields"] == ""  # the data is validated, the schema not
    messages = (out / "findings.csv").read_text(encoding="utf-8")
    assert "Таблиця «штат.csv» не відповідає схемі набору" in messages


@pytest.mark.parametrize("mode", ["html", "garbage", "error"])
def test_misbehaving_portal_is_a_clear_error(edge, mode):
    with pytest.raises(PortalUnreadable):
        crawl_portal(f"{edge.url}/{mode}", timeout=2)


def test_busy_portal_is_asked_again(edge):
    crawl = crawl_portal(f"{edge.url}/flaky", timeout=2)
    assert (crawl.datasets, crawl.requests) == ([], 2)  # the 503, then the answer


def test_a_portal_that_answers_the_same_datasets_for_ever_is_read_once(edge, tmp_path):
    """It claimed a billion datasets and answered the same one on every page: the crawl
    never ended, adding it again and again."""
    out = tmp_path / "out"
    result = run_cli("audit", "--portal", f"{edge.url}/endless", "--no-links", "--out", out, timeout=60)
    assert result.returncode == 0, result.stderr
    with (out / "datasets.csv").open(encoding="utf-8", newline="") as stream:
        assert [row["name"] for row in csv.DictReader(stream)] == ["parks"]
    assert crawl_portal(f"{edge.url}/endless", timeout=2).requests == 2  # a page with nothing new ends it


def test_hanging_portal_times_out(edge):
    with pytest.raises(PortalUnreadable, match="could not be read"):
        crawl_portal(f"{edge.url}/hang", timeout=1)


def test_a_request_that_times_out_is_tried_twice_not_five_times(edge):
    client = CkanClient(f"{edge.url}/hang", timeout=0.5, sleep=lambda seconds: None)
    with pytest.raises(PortalUnreachable, match=r"after 2 tries .*0\.5 s"):
        client.call("package_list")
    assert client.requests == 2 and client.retries == 1
    busy = CkanClient(f"{edge.url}/error", timeout=2, sleep=lambda seconds: None)
    with pytest.raises(PortalFailing, match=r"answered HTTP 503 5 times"):  # tried five times, as a busy portal
        busy.call("package_list")  # a portal that answers "busy" is asked every time


def test_cli_exit_2_when_portal_unreachable(edge, tmp_path):
    result = run_cli("audit", "--portal", f"{edge.url}/garbage", "--out", tmp_path / "out")
    assert result.returncode == 2
    lead, detail = result.stderr.strip().splitlines()
    # what went wrong, in the officer's language: not the API answered there, so no portal
    assert lead.startswith("За цією адресою не портал CKAN: вона відповідає (HTTP 200)")
    assert detail.startswith("Подробиці: ") and "/garbage" in detail  # then the portal's own words
    assert "Traceback" not in result.stderr


def test_a_download_that_stalls_after_its_headers_is_no_working_link(edge, tmp_path):
    """HTTP 200 came, then the body stalled: resources.csv said 200 with `timeout`,
    yet the file got 3 stars, the full MQA accessibility points and no broken link."""
    dataset = {
        "name": "stalled", "title": "stalled", "license_id": "cc-by",
        "resources": [{"id": "s", "name": "stall.csv", "format": "CSV", "url": f"{edge.url}/stall.csv"}],
    }  # fmt: skip
    dump = tmp_path / "portal.jsonl"
    dump.write_text(json.dumps(dataset), encoding="utf-8")
    audit = run_audit(dump=dump, check_links=True, internal_links=True, timeout=1.0)
    [resource] = audit.resources
    assert resource.status == 200 and resource.error == "timeout" and resource.reachable is False
    assert resource.stars == 0 and audit.datasets[0].stars == 0
    assert audit.datasets[0].mqa["accessibility"] == 20  # a URL, but neither accessible indicator
    assert summary(audit)["broken_links"] == 1


def test_an_audit_runs_where_an_event_loop_is_running(edge, tmp_path):
    """A Jupyter notebook's cell runs in an event loop: the link check's asyncio.run raised
    «asyncio.run() cannot be called from a running event loop»."""
    dataset = {"name": "parks", "title": "Парки", "license_id": "cc-by",
               "resources": [{"id": "r", "name": "парки.csv", "format": "CSV", "url": f"{edge.url}/ok.csv"}]}  # fmt: skip
    dump = tmp_path / "portal.jsonl"
    dump.write_text(json.dumps(dataset), encoding="utf-8")

    async def cell():
        return run_audit(dump=dump, check_links=True, internal_links=True, timeout=2.0)

    [resource] = asyncio.run(cell()).resources
    assert (resource.status, resource.reachable, resource.error) == (200, True, None)


def test_an_audit_names_no_downloaded_copy_it_has_deleted(edge, tmp_path):
    """The copies are checked in a temporary folder the audit deletes: `local_file` named a
    file that was no longer there (and differed from run to run)."""
    dataset = {"name": "parks", "title": "Парки", "license_id": "cc-by",
               "resources": [{"id": "r", "name": "парки.csv", "format": "CSV", "url": f"{edge.url}/ok.csv"}]}  # fmt: skip
    dump = tmp_path / "portal.jsonl"
    dump.write_text(json.dumps(dataset), encoding="utf-8")
    [resource] = run_audit(dump=dump, check_links=True, internal_links=True, timeout=2.0).resources
    assert resource.valid is True and resource.rows == 1  # the copy was read, then deleted
    assert resource.local_file is None


def test_an_audit_of_no_dataset_without_org_speaks_of_the_portal_or_dump_not_an_organisation(edge, tmp_path):
    """Without --org, «the organisation exists but has no datasets» would name none: the
    portal, or the dump, is what holds no dataset."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    said = {
        ("--portal", f"{edge.url}/empty", "uk"): "На порталі немає публічних наборів.",
        ("--portal", f"{edge.url}/empty", "en"): "The portal has no public dataset.",
        ("--dump", empty, "uk"): "У файлі --dump немає жодного набору",
        ("--dump", empty, "en"): "The --dump file has no dataset",
    }
    for number, ((option, source, lang), words) in enumerate(said.items()):
        out = tmp_path / f"out{number}"
        result = run_cli("audit", option, source, "--no-links", "--out", out, "--lang", lang,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})  # fmt: skip
        assert result.returncode == 0, result.stderr
        for text in (result.stderr, *((out / f).read_text("utf-8") for f in ("report.md", "report.html"))):
            assert words in " ".join(text.split())
            assert "Організація" not in text and "organisation «" not in text and "Most likely" not in text


def _audit_of(tmp_path, *datasets: dict):
    """Audit DATASETS (a dump whose links are fetched) into tmp_path/out; its findings.csv rows."""
    dump = tmp_path / "portal.jsonl"
    dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in datasets), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("audit", "--dump", dump, "--links", "--internal-links", "--out", out, "--timeout", "2")
    assert result.returncode == 0, result.stderr
    with (out / "findings.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_a_validity_finding_names_its_resource_row_and_field(edge, tmp_path):
    """Two tables of a dataset got two identical findings, naming neither the file nor
    where in it the first error is."""
    def table(name: str) -> dict:
        return {"id": name, "name": name, "format": "CSV", "url": f"{edge.url}/ok.csv"}

    schema = {"id": "fields", "name": "Поля таблиці", "format": "JSON", "url": f"{edge.url}/fields.json"}
    dataset = {"name": "parks", "title": "Парки міста", "license_id": "cc-by",
               "resources": [table("парки-2025.csv"), table("парки-2026.csv"), schema]}  # fmt: skip
    found = [f for f in _audit_of(tmp_path, dataset) if f["code"] == "validity-errors"]
    assert [f["resource_name"] for f in found] == ["парки-2025.csv", "парки-2026.csv"]
    assert found[0]["message"].startswith(
        "Таблиця «парки-2025.csv» не відповідає схемі набору: 1 помилка, наприклад, рядок 2, поле «кількість»: "
    )
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<summary>Парки міста (" in html and "<td>парки-2026.csv</td>" in html
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "### Парки міста" in markdown and "| парки-2026.csv | Таблиця «парки-2026.csv»" in markdown


@pytest.mark.parametrize(
    ("path", "fmt", "detail"),
    [
        ("/pdf.csv", "CSV", "Файл «дані» — документ PDF, а не текст CSV."),
        ("/empty.csv", "CSV", "Файл «дані» порожній: немає навіть рядка заголовків."),
        ("/broken.xlsx", "XLSX", "Файл «дані» пошкоджений або не у форматі XLSX."),
    ],
    ids=["pdf", "empty", "xlsx"],
)
def test_a_damaged_file_is_unreadable_not_a_table_with_errors(edge, tmp_path, path, fmt, detail):
    """They were «Таблиця не відповідає виведеній структурі» with «Виправте значення»;
    the workbook's quote was half English and named the temporary download."""
    resource = {"id": "r", "name": "дані", "format": fmt, "url": edge.url + path}
    dataset = {"name": "damaged", "title": "damaged", "license_id": "cc-by", "resources": [resource]}
    [found] = [f for f in _audit_of(tmp_path, dataset) if f["check"] == "validity"]
    assert found["code"] == "validity-unreadable"
    assert found["message"] == f"Таблицю не вдалося прочитати: {detail}"
    assert found["recommendation"] == f"Перевірте, що файл справді є {fmt} і не пошкоджений."
    with (tmp_path / "out" / "resources.csv").open(encoding="utf-8", newline="") as stream:
        [row] = csv.DictReader(stream)
    assert row["encoding"] == ("" if fmt == "XLSX" else "utf-8")  # a workbook has no text encoding


def test_compare_with_an_audit_of_other_options_says_so_and_counts_no_change_of_them(edge, tmp_path):
    """Last year without --links or --register, this year with them: every dataset was
    "improved" (the link points) or "worse" (the link and register findings)."""
    def dataset(name: str, path: str) -> dict:
        resource = {"id": name, "name": f"{name}.csv", "format": "CSV", "url": edge.url + path}
        return {"name": name, "title": name, "license_id": "cc-by", "resources": [resource]}

    dump = tmp_path / "portal.jsonl"
    dump.write_text("\n".join(json.dumps(d) for d in (dataset("ok", "/ok.csv"), dataset("gone", "/missing.csv"))))
    register = ROOT / "examples" / "audit-portal" / "register-example.csv"
    assert run_cli("audit", "--dump", dump, "--out", tmp_path / "before").returncode == 0
    after = run_cli("audit", "--dump", dump, "--links", "--register", register, "--out", tmp_path / "after",
                    "--compare", tmp_path / "before")  # fmt: skip
    assert after.returncode == 0, after.stderr
    note = "цей і попередній аудити перевіряли різне — перевірку посилань і файлів (--links/--no-links); "
    assert note + "звірку з реєстром (--register)" in after.stderr
    with (tmp_path / "after" / "changes.csv").open(encoding="utf-8", newline="") as stream:
        assert {row["name"]: row["status"] for row in csv.DictReader(stream)} == {"ok": "same", "gone": "same"}
    assert note in (tmp_path / "after" / "report.html").read_text(encoding="utf-8")
    assert note in (tmp_path / "after" / "report.md").read_text(encoding="utf-8")
    summary_json = json.loads((tmp_path / "after" / "summary.json").read_text(encoding="utf-8"))
    assert summary_json["register_checked"] is True
    assert summary_json["previous"]["not_compared"] == ["links_checked", "register_checked"]
    assert summary_json["previous"]["overall_change"] == 0


def _changes(out) -> dict[str, str]:
    with (out / "changes.csv").open(encoding="utf-8", newline="") as stream:
        return {row["name"]: row["status"] for row in csv.DictReader(stream)}


def test_what_only_a_download_can_find_is_no_change_when_one_audit_fetched_no_links(edge, tmp_path):
    """A page served under a CSV's name has 1 star only when fetched, and a schema named
    «Опис полів» is one only when read: the same portal without links was "improved"
    (stars-not-machine-readable gone) and "worse" (passport-no-schema new); so were the
    stars of a schema alone and of a broken workbook."""
    page = {"id": "p", "name": "вбиральні", "format": "CSV", "url": edge.url + "/page.csv"}
    table = {"id": "t", "name": "парки", "format": "CSV", "url": edge.url + "/ok.csv"}
    fields = {"id": "f", "name": "Опис полів", "format": "JSON", "url": edge.url + "/fields.json"}
    gone = {"id": "g", "name": "звіт", "format": "XLSX", "url": edge.url + "/missing.csv"}
    datasets = [
        {"name": "page", "title": "page", "license_id": "cc-by", "resources": [page]},
        {"name": "described", "title": "described", "license_id": "cc-by", "resources": [table, fields]},
        {"name": "only-fields", "title": "only-fields", "license_id": "cc-by", "resources": [fields]},
        {"name": "gone", "title": "gone", "license_id": "cc-by", "resources": [gone]},
    ]
    dump = tmp_path / "portal.jsonl"
    dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in datasets), encoding="utf-8")
    fetched, unfetched = tmp_path / "fetched", tmp_path / "unfetched"
    assert run_cli("audit", "--dump", dump, "--links", "--internal-links", "--out", fetched).returncode == 0
    with (fetched / "findings.csv").open(encoding="utf-8", newline="") as stream:
        codes = {(row["dataset"], row["code"]) for row in csv.DictReader(stream)}
    assert {("page", "stars-not-machine-readable"), ("only-fields", "stars-only-schema")} <= codes
    assert not codes & {("described", "passport-no-schema"), ("gone", "stars-proprietary")}
    fetching = ("--links", "--internal-links")
    for out, previous, links in ((unfetched, fetched, ()), (tmp_path / "again", unfetched, fetching)):
        result = run_cli("audit", "--dump", dump, *links, "--out", out, "--compare", previous, "--format", "json")
        assert result.returncode == 0, result.stderr
        assert _changes(out) == {d["name"]: "same" for d in datasets}
        assert json.loads(result.stdout)["previous"]["findings_change"] == 0


@pytest.mark.parametrize(("prefix", "setting"), [("link-", "links_checked"), ("validity-", "links_checked"),
                                                 ("register-", "register_checked")])  # fmt: skip
def test_every_finding_of_a_check_an_audit_may_skip_is_left_out_of_the_comparison(prefix, setting):
    """A code added to these checks but not declared would make datasets "worse" again."""
    assert {code for code in MESSAGES if code.startswith(prefix)} <= left_out([setting])


def test_the_year_over_year_line_sets_the_scores_it_compares_beside_their_change(edge, tmp_path):
    """«332 → 256 (+0)»: the overall scores beside a change without the accessibility points
    (one audit checked no links); now the scores compared, and the overall ones in a note."""
    resource = {"id": "r", "name": "парки", "format": "CSV", "url": edge.url + "/ok.csv"}
    dump = tmp_path / "portal.jsonl"
    dump.write_text(json.dumps({"name": "parks", "title": "Парки", "license_id": "cc-by", "resources": [resource]}))
    assert run_cli("audit", "--dump", dump, "--links", "--internal-links", "--out", tmp_path / "fetched").returncode == 0
    for lang, line, note, word in (
        ("uk", "Попередній аудит (", "без балів доступності, бо посилання перевіряв лише один з аудитів; "
                                     "загальна оцінка: {then} → {now}", "зауваження"),
        ("en", "Previous audit (", "without the accessibility points, as only one of the audits checked links; "
                                   "the overall score: {then} → {now}", "findings"),
    ):  # fmt: skip
        out = tmp_path / lang
        result = run_cli("audit", "--dump", dump, "--out", out, "--compare", tmp_path / "fetched", "--lang", lang)
        assert result.returncode == 0, result.stderr
        summary_json = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        then, now = summary_json["previous"]["overall_score"], summary_json["overall_score"]
        assert then - now == 80  # the link points, not awarded without the links checked
        compared = now - summary_json["dimensions"]["accessibility"]
        [markdown] = [text for text in (out / "report.md").read_text(encoding="utf-8").splitlines() if line in text]
        scores, findings = markdown.rsplit("; ", 1)
        assert scores.endswith(f"): {compared} → {compared} (+0), {note.format(then=then, now=now)}")
        # the change of findings too, as the HTML says it (report.md had none), in lower case after «;»
        assert findings == f"{word}: {summary_json['previous']['findings_change']:+d}"
        html = " ".join((out / "report.html").read_text(encoding="utf-8").split())
        assert f"</b> {compared} → {compared} (+0), {note.format(then=then, now=now)}; {findings}</p>" in html
        assert summary_json["previous"]["compared_before"] == summary_json["previous"]["compared_now"] == compared


def test_a_resources_id_names_no_file_outside_the_audits_own_folder(edge, tmp_path):
    """A dump's resource ids were the temporary files' names: «/…/victim» overwrote
    victim.field.tableschema.json, a 404 of «/…/important» with format TXT deleted
    important.txt, and «../../…/owned» wrote owned.csv outside the temporary folder."""
    victims = tmp_path / "victims"
    victims.mkdir()
    for name in ("victim.field.tableschema.json", "important.txt"):
        (victims / name).write_text("precious", encoding="utf-8")
    schema = {"fields": [{"name": "назва", "type": "string"}]}
    resources = [
        {"id": str(victims / "victim"), "name": "a", "format": "CSV", "url": f"{edge.url}/ok.csv", "schema": schema},
        {"id": str(victims / "important"), "name": "b", "format": "TXT", "url": f"{edge.url}/missing.csv"},
        {"id": "../" * 20 + str(victims / "owned").lstrip("/"), "name": "c", "format": "CSV", "url": f"{edge.url}/ok.csv"},
    ]  # fmt: skip
    _audit_of(tmp_path, {"name": "ids", "title": "ids", "license_id": "cc-by", "resources": resources})
    assert sorted(p.name for p in victims.iterdir()) == ["important.txt", "victim.field.tableschema.json"]
    assert {p.read_text(encoding="utf-8") for p in victims.iterdir()} == {"precious"}


@pytest.mark.parametrize(
    ("resource_id", "fmt"), [("res/1", "CSV"), ("5b1f0c2e", "text/csv")], ids=["slash-in-id", "media-type"]
)
def test_an_id_with_a_slash_or_a_media_type_as_format_is_audited(edge, tmp_path, resource_id, fmt):
    """Either stopped the whole audit: «На диску немає місця…», exit 2. Then a format typed as
    its media type was fetched but never validated: «text/csv» was no format of a table."""
    resource = {"id": resource_id, "name": "дані", "format": fmt, "url": f"{edge.url}/ok.csv"}
    _audit_of(tmp_path, {"name": "odd", "title": "odd", "license_id": "cc-by", "resources": [resource]})
    with (tmp_path / "out" / "resources.csv").open(encoding="utf-8", newline="") as stream:
        [row] = csv.DictReader(stream)
    assert (row["resource_id"], row["status"]) == (resource_id, "200")
    assert (row["rows"], row["valid"]) == ("1", "true")


def test_a_link_to_this_computer_or_a_private_network_is_not_fetched_unless_allowed(edge, tmp_path):
    """A dump's links to 127.0.0.1, 10.0.0.1 or a cloud's metadata (169.254.169.254) were
    fetched, and what the intranet answered was validated and quoted in a report meant for
    publication (SSRF). The portal's own address is fetched, as the officer chose it."""
    def resource(name: str, url: str) -> dict:
        return {"id": name, "name": name, "format": "CSV", "url": url}

    links = {"local": f"{edge.url}/ok.csv", "lan": "http://10.0.0.1/a.csv", "cloud": "http://169.254.169.254/latest/",
             "ipv6": f"http://[::1]:{edge.url.rsplit(':', 1)[1]}/ok.csv", "redirected": f"{edge.url}/redirect.csv"}  # fmt: skip
    dataset = {"name": "intranet", "title": "intranet", "license_id": "cc-by",
               "resources": [resource(name, url) for name, url in links.items()]}  # fmt: skip
    dump = tmp_path / "portal.jsonl"
    dump.write_text(json.dumps(dataset), encoding="utf-8")
    result = run_cli("audit", "--dump", dump, "--links", "--out", tmp_path / "out", "--timeout", "2")
    assert result.returncode == 0, result.stderr
    with (tmp_path / "out" / "resources.csv").open(encoding="utf-8", newline="") as stream:
        rows = {row["resource_id"]: row for row in csv.DictReader(stream)}
    assert {name: (row["status"], row["error"], row["rows"]) for name, row in rows.items()} == {
        name: ("", "internal-address", "") for name in links
    }
    found = [f for f in audit_findings(tmp_path / "out") if f["resource_id"] == "lan"]
    assert [f["message"] for f in found if f["code"] == "link-error"] == [
        "Файл не вдалося отримати: посилання веде на цей комп'ютер або у внутрішню мережу, звідки файл "
        "недоступний з інтернету; його не завантажено (http://10.0.0.1/a.csv)."
    ]
    allowed = run_cli("audit", "--dump", dump, "--links", "--internal-links", "--out", tmp_path / "in",
                      "--timeout", "2")  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    with (tmp_path / "in" / "resources.csv").open(encoding="utf-8", newline="") as stream:
        statuses = {row["resource_id"]: (row["status"], row["rows"]) for row in csv.DictReader(stream)}
    assert statuses["local"] == statuses["redirected"] == ("200", "1")


def audit_findings(out) -> list[dict]:
    with (out / "findings.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_audited_portals_own_address_is_fetched(edge, tmp_path):
    """The officer chose the portal: its uploads are fetched even on 127.0.0.1."""
    result = ResourceResult("ds", "r1", "r", f"{edge.url}/ok.csv", "CSV")
    check_links([result], tmp_path, timeout=1.0, portal=f"http://localhost:{edge.url.rsplit(':', 1)[1]}")
    assert (result.status, result.error) == (200, None)
    ipv6 = ResourceResult("ds", "r2", "r", f"http://[::1]:{edge.url.rsplit(':', 1)[1]}/ok.csv", "CSV")
    check_links([ipv6], tmp_path, timeout=1.0, portal=edge.url)  # this computer's other address: fetched
    assert ipv6.error == "connection-refused"  # the server listens on IPv4 only
    other = ResourceResult("ds", "r3", "r", f"{edge.url}/ok.csv", "CSV")
    check_links([other], tmp_path, timeout=1.0, portal="https://data.gov.ua")
    assert (other.status, other.error) == (None, "internal-address")


def test_another_port_of_the_audited_portals_host_is_not_fetched(edge, tmp_path):
    """The portal's own address let a link reach every port of its host, and every address
    of this computer: a database's or an admin's server beside the portal."""
    port = int(edge.url.rsplit(":", 1)[1])
    links = [f"http://127.0.0.1:{port + 1}/x", f"http://127.1:{port + 1}/x", f"http://localhost:{port + 1}/x",
             f"http://2130706433:{port + 1}/x", f"http://127.0.0.1:{port}/ok.csv", f"http://127.1:{port}/ok.csv"]  # fmt: skip
    results = [ResourceResult("ds", f"r{n}", "r", url, "CSV") for n, url in enumerate(links)]
    check_links(results, tmp_path, timeout=1.0, portal=edge.url)
    assert [(r.status, r.error) for r in results] == [(None, "internal-address")] * 4 + [(200, None)] * 2
