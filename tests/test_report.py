"""`opendata report`: progress per campaign and quarter (synthetic sample reports)."""

from __future__ import annotations

import json
from datetime import date

from opendata.progress import plan_quarters, progress
from opendata.tables import read_package
from tests.helpers import PACKAGE, run_cli, untranslate_campaign_4


def test_plan_quarters():
    assert plan_quarters(date(2021, 4, 1), date(2021, 12, 31)) == ["2021-Q2", "2021-Q3", "2021-Q4"]
    assert plan_quarters(date(2021, 11, 5), date(2022, 2, 1)) == ["2021-Q4", "2022-Q1"]


def test_report_json_on_the_sample_reports(plan_with_reports):
    result = run_cli("report", plan_with_reports, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["quarters"] == ["2021-Q2", "2021-Q3", "2021-Q4"]
    assert (data["tasks"], data["reported"], data["done"], data["reports"]) == (35, 6, 3, 6)
    by_id = {c["campaign_id"]: c for c in data["campaigns"]}
    assert [c["tasks"] for c in data["campaigns"]] == [12, 5, 6, 6, 6]
    q2 = by_id[1]["quarters"][0]
    assert (q2["period"], q2["reported"], q2["done"], q2["statuses"]) == ("2021-Q2", 2, 2, {"done": 2})
    q3 = by_id[3]["quarters"][1]
    assert (q3["reported"], q3["done"], q3["statuses"]) == (1, 0, {"in_progress": 1})
    q4 = by_id[5]["quarters"][2]
    assert (q4["reported"], q4["done"]) == (2, 0)
    assert q4["statuses"] == {"partially_done": 1, "planned": 1}
    assert (by_id[2]["reported"], by_id[2]["done"]) == (0, 0)


def test_report_text_in_both_languages(plan_with_reports):
    uk = run_cli("report", plan_with_reports)
    assert uk.returncode == 0
    assert "2021-Q2" in uk.stdout and "6 із 35" in uk.stdout
    en = run_cli("report", plan_with_reports, "--lang", "en")
    assert "Social protection" in en.stdout and "6 of 35 tasks reported on, 3 done" in en.stdout


def test_report_on_the_real_package_has_no_records_yet():
    summary = progress(read_package(PACKAGE))
    assert summary.reports == 0 and summary.tasks == 35
    result = run_cli("report", PACKAGE, "--lang", "en")
    assert result.returncode == 0 and "no execution records yet" in result.stdout


def test_report_exit_codes(plan_copy, tmp_path):
    assert run_cli("report", tmp_path / "missing").returncode == 2
    reports = plan_copy / "progress_reports.csv"
    reports.write_text(reports.read_text("utf-8") + "r1,9.9,2021-Q2,2021-05-01,done,x,,,,nobody\n", "utf-8")
    result = run_cli("report", plan_copy)
    assert result.returncode == 1
    # what a report (not a build) did, and the command that shows why
    assert f"нічого не зроблено; виправте їх (подробиці: opendata validate {plan_copy})" in result.stderr


def test_report_total_says_one_record_in_the_singular(plan_with_reports):
    """`report --lang en` said "1 done; 1 records"."""
    reports = plan_with_reports / "progress_reports.csv"
    reports.write_text("".join(reports.read_text("utf-8").splitlines(keepends=True)[:2]), "utf-8")
    en = run_cli("report", plan_with_reports, "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert en.stdout.splitlines()[-1] == "In all: 1 of 35 tasks reported on, 1 done; 1 execution record."
    uk = run_cli("report", plan_with_reports)
    last = uk.stdout.splitlines()[-1]
    assert last == "Разом: 1 із 35 завдань зі звітами, 1 виконано; 1 запис про виконання."


def test_report_counts_are_written_as_the_language_writes_numbers(plan_copy):
    """«1200 записів» beside validate's «1 200 рядків»: the same number, two spellings."""
    row = "R-{n},1.2,2021-Q2,2021-06-01,done,x,https://example.org/{n},website,,koba-i-yu"
    rows = [row.format(n=n) for n in range(1200)]
    with (plan_copy / "progress_reports.csv").open("a", encoding="utf-8") as table:
        table.write("\n".join(rows) + "\n")
    assert "; 1\u00a0200 записів про виконання." in run_cli("report", plan_copy).stdout
    assert "; 1,200 execution records." in run_cli("report", plan_copy, "--lang", "en").stdout


def test_report_names_the_plan_it_shows(plan_with_reports):
    """Two plans' reports look alike: the plan's title heads the table and the JSON."""
    descriptor_path = plan_with_reports / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["title"] = "План реалізації Комунікаційної стратегії Снятинської селищної ради на 2022 рік"
    descriptor["title_en"] = "Sniatyn settlement council Communication Strategy implementation plan, 2022"
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")

    uk = run_cli("report", plan_with_reports)
    assert uk.returncode == 0, uk.stderr
    assert uk.stdout.splitlines()[0] == descriptor["title"]
    en = run_cli("report", plan_with_reports, "--lang", "en")
    assert en.stdout.splitlines()[0] == descriptor["title_en"]
    data = json.loads(run_cli("report", plan_with_reports, "--format", "json").stdout)
    assert data["plan"] == {
        "name": descriptor["name"], "title": descriptor["title"], "title_en": descriptor["title_en"]
    }


def test_a_campaign_without_an_english_title_shows_its_ukrainian_one(plan_copy):
    """`report --lang en` printed «4. None» for a campaign with no English title."""
    untranslate_campaign_4(plan_copy)
    result = run_cli("report", plan_copy, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "None" not in result.stdout
    assert "4. Висвітлення роботи" in result.stdout
