"""The plan page and the audit report in real headless Chromium: no console errors, 35
tasks, filters work, the pages fit a phone, the report prints every finding.

Builds from the package plus the synthetic sample reports (their summaries say
«ПРИКЛАД (синтетичні дані)»), so the progress chart shows. Screenshots go to
test-output/ for a person to look at.
"""

from __future__ import annotations

import json

import pytest

from opendata.audit import run_audit
from opendata.audit.report import write_outputs
from opendata.build import build
from tests.browser import CHROMIUM, Browser
from tests.helpers import ROOT, plan_with_an_empty_campaign
from tests.test_audit_offline import BAD_EMAIL, GOOD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="needs chromium: bash scripts/setup.sh --browser"),
]
SHOTS = ROOT / "test-output"
VISIBLE_TASKS = "document.querySelectorAll('li.task:not([hidden])').length"
DICTIONARY_HEADING = "document.getElementById('dict-campaigns').innerText"


@pytest.fixture
def browser():
    instance = Browser()
    yield instance
    instance.close()


def test_plan_page_in_chromium(plan_with_reports, tmp_path, browser):
    dist = tmp_path / "dist"  # beside the package, not over it
    build(plan_with_reports, dist)
    plan = json.loads((dist / "plan.json").read_text("utf-8"))
    browser.open((dist / "index.html").as_uri())

    assert browser.evaluate(VISIBLE_TASKS) == 35
    assert browser.evaluate("document.querySelector('#task-count output').textContent") == "35"
    assert browser.evaluate("document.querySelectorAll('#progress-chart .bar').length") == 15
    browser.screenshot(SHOTS / "plan-page.png")

    # The person filter, by keyboard: focus the list and pick the first person.
    first = browser.evaluate("document.querySelector('#filter-person option:nth-child(2)').value")
    expected = sum(
        any(p["person_id"] == first for p in t["leaders"] + t["executors"])
        for c in plan["campaigns"]
        for t in c["tasks"]
    )
    browser.evaluate("document.getElementById('filter-person').focus()")
    browser.press("ArrowDown", key_code=40)
    assert browser.evaluate("document.getElementById('filter-person').value") == first
    assert 0 < browser.evaluate(VISIBLE_TASKS) == expected < 35
    assert browser.evaluate("document.querySelector('#task-count output').textContent") == str(expected)
    browser.evaluate("document.getElementById('tasks').scrollIntoView()")
    browser.screenshot(SHOTS / "plan-page-filtered.png")

    # The campaign filter narrows further; reset brings every task back.
    browser.evaluate(
        "var s = document.getElementById('filter-campaign'); s.value = '2';"
        "s.dispatchEvent(new Event('change'))"
    )
    assert browser.evaluate(VISIBLE_TASKS) <= expected
    browser.evaluate("document.getElementById('filter-reset').click()")
    assert browser.evaluate(VISIBLE_TASKS) == 35

    # English on request.
    browser.evaluate("document.querySelector('.lang-switch [data-lang=en]').click()")
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert browser.evaluate("document.getElementById('tasks-title').innerText") == "Campaigns and tasks"
    # where a <span> cannot go, too: the window's title and the filters' options
    assert browser.evaluate("document.title") == plan["title_en"]
    options = browser.evaluate("[...document.querySelectorAll('#filter-campaign option')].map(o => o.text)")
    assert options == ["— all —", *(f"{c['numeral']}. {c['title_en']}" for c in plan["campaigns"])]
    assert browser.evaluate("document.querySelector('#filter-person option:nth-child(2)').text").isascii()
    header = browser.evaluate("document.querySelector('header p.muted').innerText")
    assert header == "Kolomyia · Executive Committee of Kolomyia City Council"
    assert "`" not in browser.evaluate("document.querySelector('header').innerText")
    # the data dictionary too, with nothing of the other language left over (« / », a line break)
    first_row = "[...document.querySelectorAll('#dict-campaigns ~ .scroll tr:nth-child(-n+2) > *')]"
    assert browser.evaluate(DICTIONARY_HEADING) == "campaigns — Communication campaigns"
    assert browser.evaluate(f"{first_row}.map(cell => cell.innerText)")[:4] == [
        "Field", "Type", "Title", "Description"
    ]
    assert browser.evaluate(f"{first_row}.map(cell => cell.innerText)")[5:8] == [
        "campaign_id", "integer", "Campaign number"
    ]
    # and back to Ukrainian
    browser.evaluate("document.querySelector('.lang-switch [data-lang=uk]').click()")
    assert browser.evaluate("document.querySelector('#filter-campaign option:nth-child(2)').text") == (
        f"{plan['campaigns'][0]['numeral']}. {plan['campaigns'][0]['title_uk']}"
    )
    assert browser.evaluate(DICTIONARY_HEADING) == "campaigns — Комунікаційні кампанії"
    assert browser.evaluate(f"{first_row}.map(cell => cell.innerText)")[5:8] == [
        "campaign_id", "ціле число", "Номер кампанії"
    ]

    assert browser.console_errors() == []


def test_a_campaign_without_tasks_stays_on_the_page_until_a_filter_leaves_it_out(tmp_path, browser):
    """The filters hid every campaign with no task shown: one the decision gives no tasks
    vanished at the first reset, though no filter was set."""
    build(plan_with_an_empty_campaign(tmp_path), tmp_path / "dist")
    browser.open((tmp_path / "dist" / "index.html").as_uri())
    shown = "!document.querySelector('section.campaign[data-campaign=\"5\"]').hidden"

    def choose(select: str, value: str) -> None:
        browser.evaluate(
            f"var s = document.getElementById('{select}'); s.value = '{value}';"
            "s.dispatchEvent(new Event('change'))"
        )

    assert browser.evaluate(shown)
    choose("filter-campaign", "2")
    assert not browser.evaluate(shown)
    choose("filter-campaign", "5")
    assert browser.evaluate(shown) and browser.evaluate(VISIBLE_TASKS) == 0
    browser.evaluate("document.getElementById('filter-reset').click()")
    assert browser.evaluate(shown)
    first = browser.evaluate("document.querySelector('#filter-person option:nth-child(2)').value")
    choose("filter-person", first)
    assert not browser.evaluate(shown)
    assert browser.console_errors() == []


def test_plan_page_on_a_phone(plan_with_reports, tmp_path, browser):
    dist = tmp_path / "dist"  # beside the package, not over it
    build(plan_with_reports, dist)
    browser.send(
        "Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True
    )
    browser.open((dist / "index.html").as_uri())
    assert browser.evaluate(VISIBLE_TASKS) == 35
    # Nothing wider than the screen but the tables, which scroll inside their own box.
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390
    # the progress table's caption reads whole: it was centred on the table inside its scroll box
    left, right = browser.evaluate(
        "(() => { const table = document.getElementById('progress-chart');"
        " const caption = table.caption || document.getElementById(table.getAttribute('aria-labelledby'));"
        " const box = caption.getBoundingClientRect(); return [box.left, box.right]; })()"
    )
    assert 0 <= left < right <= 390
    browser.screenshot(SHOTS / "plan-page-phone.png")
    assert browser.console_errors() == []


def test_audit_report_on_a_phone_and_on_paper(tmp_path, browser):
    """On a phone only the tables scroll, in their own box; printed, every dataset's
    findings show, not just the titles of their closed sections."""
    dump = tmp_path / "portal.jsonl"
    long_name = {**BAD_EMAIL, "name": "a-dataset-with-a-very-long-machine-name-that-a-phone-cannot-fit"}
    dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (GOOD, long_name)), "utf-8")
    write_outputs(run_audit(dump=dump, check_links=False), tmp_path / "audit")
    browser.send(
        "Emulation.setDeviceMetricsOverride", width=375, height=800, deviceScaleFactor=1, mobile=True
    )
    browser.open((tmp_path / "audit" / "report.html").as_uri())
    assert browser.evaluate("document.documentElement.scrollWidth") <= 375
    browser.screenshot(SHOTS / "audit-report-phone.png")

    findings = "[...document.querySelectorAll('details td')]"
    assert browser.evaluate(f"{findings}.filter(td => td.checkVisibility()).length") == 0  # closed on screen
    browser.send("Emulation.setEmulatedMedia", media="print")
    assert browser.evaluate(f"{findings}.every(td => td.checkVisibility())")
    assert browser.console_errors() == []
