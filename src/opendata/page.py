"""The plan page (`index.html`): one static, self-contained file, Ukrainian first.

No network at all: styles, the filter script and the progress bars (plain
HTML/CSS with their numbers as text) are inline, so the page works offline and
when opened straight from a portal's resource link. Download links are
relative to the page, i.e. to the other built files next to it; the copy a
portal serves links to the portal's resources instead (`page_for_portal`).
"""

from __future__ import annotations

import html
import re

from opendata.about import about_rows
from opendata.dictionary import dictionary_rows, national_tables, type_in_ukrainian
from opendata.messages import noun_form
from opendata.national import EXPORT_TITLES
from opendata.plan_descriptor import COUNCILS_EN
from opendata.progress import Progress
from opendata.quarters import quarter_words
from opendata.render import render_template
from opendata.tables import PackageData
from opendata.text import is_cyrillic, transliterate, ukrainian_date

DOWNLOAD_ROW = re.compile(r'<tr data-download="([^"]*)">.*?</tr>\n?')

STATUS_LABELS = {
    "planned": ("заплановано", "planned"),
    "in_progress": ("виконується", "in progress"),
    "done": ("виконано", "done"),
    "partially_done": ("виконано частково", "partially done"),
    "not_done": ("не виконано", "not done"),
    "cancelled": ("скасовано", "cancelled"),
}
ROLE_LABELS = {
    "table": ("таблиця", "table"),
    "table-excel": (
        "таблиця для Excel (UTF-8 з BOM, розділювач «;»)",
        "table for Excel (UTF-8 with BOM, «;» delimited)",
    ),
    "plan": ("увесь план одним файлом", "the whole plan in one file"),
    "workbook": ("книга Excel: усі таблиці і словник", "Excel workbook: every table and the dictionary"),
    "database": (
        "база даних SQLite: усі таблиці з ключами і словник",
        "SQLite database: every table with its keys, and the dictionary",
    ),
    "dictionary": ("словник даних", "data dictionary"),
    "national": ("за національною рекомендованою структурою", "in the national recommended structure"),
    "source": ("текст рішення, з якого побудовано дані", "the decision's text the data is built from"),
    "descriptor": ("опис пакета даних (Frictionless)", "data package descriptor (Frictionless)"),
    "archive": ("усі файли одним архівом", "every file in one archive"),
}


def plan_page(package: PackageData, plan: dict, summary: Progress, downloads: list[dict]) -> str:
    """Render the page from the nested plan, its progress and the list of built files.

    `downloads` holds {path, role, format, resource} for each file to link.
    """
    return render_template(
        "index.html.j2",
        package=package,
        plan=plan,
        progress=summary,
        people=package.tables["people"].rows,  # already in Ukrainian alphabetical order
        downloads=downloads,
        roles=ROLE_LABELS,
        files=EXPORT_TITLES,  # a file that says more than its role: each national export what it holds
        statuses=status_labels(package.tables["progress_reports"].schema),
        rows=dictionary_rows(package),
        national=national_tables(),
        type_uk=type_in_ukrainian,
        about=about_rows(package),
        issuer_en=issuer_en(plan["decision"]),
        forms=lambda count, noun: (noun_form(count, "uk", noun), noun_form(count, "en", noun)),
        quarter=quarter_words,
        day=ukrainian_date,
        ukrainian=lambda text: any(is_cyrillic(letter) for letter in text),
        share=share,
    )


def share(tasks: int, of: int) -> float:
    """A progress bar's width: `tasks` in per cent of a campaign's `of` tasks. A campaign the
    decision gives no tasks (another council's, printed before it was filled) has none to
    fill: the page says so instead of a bar, and its share is 0."""
    return round(100 * tasks / of, 1) if of else 0.0


def issuer_en(decision: dict) -> str:
    """The page's "Коломия · Виконавчий комітет Коломийської міської ради" in English. The
    package names the body only in Ukrainian; the executive committee of a city, settlement
    or village council, as import-plan writes it, is translated, any other body is kept as
    written."""
    city = transliterate(decision["city"])
    body = decision["issuing_body"]
    if committee := re.fullmatch(rf"Виконавчий комітет \S+ ({'|'.join(COUNCILS_EN)}) ради", body):
        body = f"Executive Committee of {city} {COUNCILS_EN[committee.group(1)]}"
    return f"{city} · {body}"


def status_labels(schema: dict) -> dict[str, tuple[str, str]]:
    """(Ukrainian, English) for every status the schema allows: a status the officer
    added to the enum is labelled by its category there, or by its own value."""
    field = next(f for f in schema["fields"] if f["name"] == "status")
    categories = {c["value"]: c.get("label") for c in field.get("categories", []) if isinstance(c, dict)}
    labels = {}
    for value in field.get("constraints", {}).get("enum", list(STATUS_LABELS)):
        known = STATUS_LABELS.get(value, (value, value.replace("_", " ")))
        labels[value] = (categories.get(value) or known[0], known[1])
    return labels


def page_for_portal(page: str, urls: dict[str, str]) -> str:
    """The page as a portal serves it from one of its resources.

    There a relative link resolves against the page's own resource URL and fetches
    the page again, so each download links to the resource holding that file
    (`urls`: built path -> resource URL); the row of a file the portal holds no
    resource for is left out (it is in the ZIP archive, which has a row)."""

    def relink(row: re.Match) -> str:
        url = urls.get(html.unescape(row.group(1)))
        if url is None:
            return ""
        return row.group(0).replace(f'href="{row.group(1)}"', f'href="{html.escape(url)}"', 1)

    return DOWNLOAD_ROW.sub(relink, page)
