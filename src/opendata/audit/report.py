"""Write the audit's outputs: an open-data package, summary.json, report.html and report.md."""

from __future__ import annotations

import os
import re
import tempfile
from functools import cache
from pathlib import Path

import jinja2

from opendata.audit import charts
from opendata.audit.checks.passport import frequency_days
from opendata.audit.compare import is_audit_output, not_compared_note, settings
from opendata.audit.model import SEVERITY_WEIGHT, Audit
from opendata.audit.mqa import BAND_LABELS, BANDS, MAX_POINTS, REACHABLE_MAXIMA, REACHABLE_POINTS
from opendata.audit.summary import more, summary
from opendata.audit.tables import rows, table_schema
from opendata.messages import noun_form
from opendata.package import csv_bytes, csv_resource, json_text
from opendata.paths import files_in
from opendata.text import spreadsheet_text, ukrainian_date

# what Markdown reads as markup in a line of text; a backslash too, or the «\» of «\<» would
# escape the backslash put before the «<», and the «<» be markup again
MARKDOWN_MARKUP = re.compile(r"([\\`<>\[\]|])")

UI = {
    "uk": {
        "title": "Щорічний аудит наборів відкритих даних за {year} рік",
        "summary": "Підсумок",
        "portal": "Портал",
        "dump": "Файл вивантаження",
        "date": "Дата аудиту",
        "datasets": "Набори даних",
        "resources": "ресурси",  # after «Набори даних: 20;»
        "overall": "Загальна оцінка якості метаданих",
        "of": "з",
        "band": "рівень",  # «(рівень «добре»)»; a column's header is «band_column»
        "band_column": "Рівень",
        "errors": "помилки",
        "warnings": "попередження",
        "infos": "поради",
        "overdue": "прострочені набори",
        "broken": "непрацюючі посилання",
        "invalid": "таблиці з помилками",
        "complete": "набори з повним паспортом",
        "fixes": "Що виправити насамперед",
        "rank": "№",
        "action": "Дія",
        "affected": "Кількість наборів",
        "examples": "Набори",
        "severity": "Вид",
        "charts": "Графіки",
        "table": "Набори даних",
        "name": "Набір",
        "score": "Бали",
        "stars": "Зірки",
        "findings": "Зауваження",
        "findings_change": "зауваження",  # in the year-over-year line, after «;»
        "details": "Зауваження до наборів",
        "message": "Що не так",
        "resource": "Ресурс",
        "portal_wide": "Увесь портал (звірка з реєстром)",
        "fix": "Що зробити",
        "change": "Зміни з минулого аудиту",
        "previous": "Попередній аудит",
        "without_access": "без балів доступності, бо посилання перевіряв лише один з аудитів; "
        "загальна оцінка: {before} → {now}",
        "status": "Стан",
        "before": "Було",
        "now": "Стало",
        "plain": (
            "Оцінка якості метаданих показує, наскільки легко знайти й використати набори (за методикою "
            "європейського порталу data.europa.eu, максимум 405 балів). Зірки відкритості — від 0 (недоступно "
            "або закрита ліцензія) до 5 (пов'язані дані); 3 зірки означають відкритий машиночитний формат (CSV, JSON)."
        ),
        "reachable": "Із метаданих CKAN можна набрати щонайбільше {points} балів: 30 балів за відповідність "
        "DCAT-AP і 5 за відомості про права (dct:rights) тут не нараховуються ніколи. Рівні: {bands}.",
        "links_off": {
            "dump": "Посилання не перевірялися (аудит файлу вивантаження): бали за доступні посилання не "
            "нараховано, а дані файлів не перевірено.",
            "portal": "Посилання не перевірялися (--no-links): бали за доступні посилання не нараховано, "
            "а дані файлів не перевірено.",
        },
        "public_only": "Перевірено лише публічні набори порталу та закриті набори організацій користувача "
        "API-токена аудиту (якщо його задано): інші закриті видно лише з API-токеном (CKAN_API_TOKEN або файл "
        "налаштувань) користувача організації, якій вони належать, чи адміністратора порталу.",
        "no_score": "немає (не знайдено жодного набору)",
        "nothing_found": "Увага: не знайдено жодного набору даних, тож оцінки немає. {cause}",
        # why, by `_nothing_cause`: a portal's organisation exists (a misspelt --org is refused)
        "nothing_causes": {
            "org_public": "Організація «{org}» на порталі є, але публічних наборів у ній немає. Закриті набори "
            "видно лише з API-токеном (CKAN_API_TOKEN) користувача цієї організації: якщо вони в неї є, "
            "проведіть аудит з таким токеном.",
            "org_token": "Організація «{org}» на порталі є, але наборів у ній немає й для цього API-токена: "
            "вона ще нічого не опублікувала або її набори видалено.",
            "all_public": "На порталі немає публічних наборів. Закриті видно лише з API-токеном (CKAN_API_TOKEN) "
            "користувача їхньої організації: проведіть аудит з таким токеном.",
            "all_token": "На порталі немає наборів, які бачить цей API-токен.",
            "dump_org": "Найімовірніше, назву організації (--org) вказано неправильно: у файлі --dump немає її "
            "наборів. Перевірте назву (як в адресі сторінки організації на порталі) і проведіть аудит знову.",
            "dump_all": "У файлі --dump немає жодного набору: вивантажте портал ще раз (ckanapi dump datasets "
            "--all -O portal.jsonl -r АДРЕСА) і проведіть аудит знову.",
        },
        "severity_names": {"error": "помилка", "warning": "попередження", "info": "порада"},
        "legend": "Помилки (error у findings.csv) виправте насамперед, далі попередження (warning), "
        "поради (info) — коли буде змога.",
        "status_names": {
            "new": "новий",
            "removed": "вилучений",
            "improved": "покращився",
            "worse": "погіршився",
            "same": "без змін",
        },
    },
    "en": {
        "title": "Annual open data audit {year}",
        "summary": "Summary",
        "portal": "Portal",
        "dump": "Dump file",
        "date": "Audit date",
        "datasets": "Datasets",
        "resources": "resources",
        "overall": "Overall metadata quality score",
        "of": "of",
        "band": "band",
        "band_column": "Band",
        "errors": "errors",
        "warnings": "warnings",
        "infos": "tips",
        "overdue": "overdue datasets",
        "broken": "broken links",
        "invalid": "tables with errors",
        "complete": "datasets with a complete passport",
        "fixes": "What to fix first",
        "rank": "#",
        "action": "Action",
        "affected": "Number of datasets",
        "examples": "Datasets",
        "severity": "Kind",
        "charts": "Charts",
        "table": "Datasets",
        "name": "Dataset",
        "score": "Points",
        "stars": "Stars",
        "findings": "Findings",
        "findings_change": "findings",
        "details": "Findings per dataset",
        "message": "What is wrong",
        "resource": "Resource",
        "portal_wide": "The whole portal (register check)",
        "fix": "What to do",
        "change": "Change since the last audit",
        "previous": "Previous audit",
        "without_access": "without the accessibility points, as only one of the audits checked links; "
        "the overall score: {before} → {now}",
        "status": "Status",
        "before": "Before",
        "now": "Now",
        "plain": (
            "The metadata quality score says how easy the datasets are to find and reuse (after the method of the "
            "European portal data.europa.eu, at most 405 points). Openness stars run from 0 (unreachable or a "
            "closed licence) to 5 (linked data); 3 stars mean an open machine-readable format (CSV, JSON)."
        ),
        "reachable": "CKAN metadata can earn at most {points} points: the 30 points for DCAT-AP compliance and "
        "the 5 for a rights statement (dct:rights) are never awarded here. Bands: {bands}.",
        "links_off": {
            "dump": "Links were not checked (audit of a dump file): no points for accessible links were "
            "awarded, and the files' data was not checked.",
            "portal": "Links were not checked (--no-links): no points for accessible links were awarded, "
            "and the files' data was not checked.",
        },
        "public_only": "Only the portal's public datasets were audited, and the private ones of the organisations "
        "of the audit's API token's user (if a token was given): other private ones are seen only with an API "
        "token (CKAN_API_TOKEN or the config file) of a user of their organisation or of the portal's sysadmin.",
        "no_score": "none (no dataset found)",
        "nothing_found": "Note: no dataset was found, so there is no score. {cause}",
        "nothing_causes": {
            "org_public": "The organisation «{org}» exists on the portal but has no public dataset. Private "
            "datasets are seen only with an API token (CKAN_API_TOKEN) of a user of the organisation: if it has "
            "any, run the audit with such a token.",
            "org_token": "The organisation «{org}» exists on the portal but has no dataset this API token can "
            "see either: it has published nothing yet, or its datasets were deleted.",
            "all_public": "The portal has no public dataset. Private datasets are seen only with an API token "
            "(CKAN_API_TOKEN) of a user of their organisation: run the audit with such a token.",
            "all_token": "The portal has no dataset this API token can see.",
            "dump_org": "Most likely the organisation's name (--org) is wrong: the --dump file has none of its "
            "datasets. Check the name (as in the address of the organisation's page on the portal) and run the "
            "audit again.",
            "dump_all": "The --dump file has no dataset: dump the portal again (ckanapi dump datasets --all -O "
            "portal.jsonl -r ADDRESS) and run the audit again.",
        },
        "severity_names": {"error": "error", "warning": "warning", "info": "tip"},
        "legend": "Fix the errors (error in findings.csv) first, then the warnings (warning); the tips "
        "(info) when you can.",
        "status_names": {
            "new": "new",
            "removed": "removed",
            "improved": "better",
            "worse": "worse",
            "same": "unchanged",
        },
    },
}


class OutputInUse(ValueError):
    """OUT_DIR holds other files than an earlier audit's (a data package, a build, the
    officer's own): the audit's datapackage.json and tables would replace them."""


def check_output_folder(out_dir: str | Path) -> None:
    """Raise OutputInUse unless OUT_DIR is new, empty, or an earlier audit's: a check to
    make before a long crawl, as `write_outputs` makes it before writing."""
    out_dir = Path(out_dir)
    if files_in(out_dir) and not is_audit_output(out_dir):
        raise OutputInUse(f"{out_dir} holds other files than an earlier audit's; give a new or empty folder")


def write_outputs(audit: Audit, out_dir: str | Path, lang: str = "uk") -> dict:
    """Write everything into OUT_DIR and return the summary; a folder holding other files
    than an earlier audit's raises OutputInUse, and nothing is written.

    The files are written into a folder beside it first and moved in at the end: a
    disk that fills up halfway leaves OUT_DIR as it was, an earlier audit whole (a
    half-written one was no audit folder, and every later run refused it)."""
    out_dir = Path(out_dir)
    check_output_folder(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{out_dir.name}-", dir=out_dir.parent) as scratch:
        result = _write_into(audit, Path(scratch), lang)
        (out_dir / "schemas").mkdir(exist_ok=True)
        if not (Path(scratch) / "changes.csv").exists():  # an earlier audit's comparison
            (out_dir / "changes.csv").unlink(missing_ok=True)
            (out_dir / "schemas" / "changes.json").unlink(missing_ok=True)
        for path in sorted(Path(scratch).rglob("*.*")):
            os.replace(path, out_dir / path.relative_to(scratch))
    return result


def _write_into(audit: Audit, out_dir: Path, lang: str) -> dict:
    (out_dir / "schemas").mkdir()
    tables = rows(audit, lang)
    resources = []
    for name, records in tables.items():
        schema = table_schema(name)
        safe = [{key: spreadsheet_text(value) for key, value in record.items()} for record in records]
        (out_dir / f"{name}.csv").write_bytes(csv_bytes([f["name"] for f in schema["fields"]], safe))
        (out_dir / "schemas" / f"{name}.json").write_text(json_text(schema), encoding="utf-8")
        resources.append(csv_resource(name))
    descriptor = {
        "name": f"open-data-audit-{audit.year}",
        "title": UI[lang]["title"].format(year=audit.year),
        "description": f"{audit.portal}" + (f", {audit.organization}" if audit.organization else ""),
        "created": f"{audit.audit_date}T00:00:00Z",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": resources,
    }
    (out_dir / "datapackage.json").write_text(json_text(descriptor), encoding="utf-8")
    result = summary(audit)
    (out_dir / "summary.json").write_text(json_text(result), encoding="utf-8")
    context = _context(audit, tables, result, lang)
    for name in ("report.html", "report.md"):
        text = _templates().get_template(f"{name}.j2").render(**context)
        (out_dir / name).write_text(text, encoding="utf-8")
    return result


@cache
def _templates() -> jinja2.Environment:
    """The audit's templates (HTML autoescaped, Markdown not)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("opendata.audit", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # a dataset new this year has no score last year: "—", not Python's None
    environment.filters["none_as_dash"] = _dash
    # a change of a score there is none of (an audit of no dataset): "—", not a "%+d" of None
    environment.filters["signed"] = lambda value: "—" if value is None else f"{value:+d}"
    environment.filters["cell"] = _markdown_text
    return environment


def _markdown_text(value: object) -> str:
    """Portal text as written in report.md, on one line: its HTML, links and code are no
    markup (a viewer rendering the Markdown would run «<script>» or link where the portal
    chose), and a "|" or a line end would end a table's cell."""
    return MARKDOWN_MARKUP.sub(r"\\\1", " ".join(str(value or "").split()))


def _findings_by_dataset(findings: list[dict], datasets: list[dict], lang: str) -> list[dict]:
    """Sections in the order of the datasets' table, titled as there; the portal-wide
    findings (the register's) last; in each, the most severe first."""
    sections = [{"title": d["title"], "name": d["name"], "findings": []} for d in datasets]
    sections.append({"title": UI[lang]["portal_wide"], "name": None, "findings": []})
    by_name = {section["name"]: section for section in sections}
    for finding in sorted(findings, key=lambda f: -SEVERITY_WEIGHT[f["severity"]]):
        by_name.get(finding["dataset"], sections[-1])["findings"].append(finding)
    return [section for section in sections if section["findings"]]


def _band_ranges(lang: str) -> str:
    """«відмінно 351–405, добре 221–350, …», from the bands' floors."""
    tops = [MAX_POINTS, *(floor - 1 for floor, _ in BANDS[:-1])]
    return ", ".join(
        f"{BAND_LABELS[name][lang]} {floor}–{top}" for (floor, name), top in zip(BANDS, tops, strict=True)
    )


def nothing_found(result: dict, lang: str) -> str:
    """For an audit that found no dataset (else empty): no score, and the likely cause
    (`_nothing_cause`).  The terminal says it too."""
    if result["datasets"]:
        return ""
    cause = UI[lang]["nothing_causes"][_nothing_cause(result)].format(org=result["organization"])
    return UI[lang]["nothing_found"].format(cause=cause)


def _nothing_cause(result: dict) -> str:
    """Why an audit found nothing: a portal refuses a misspelt --org before the crawl, so
    there the organisation (or the portal) has no dataset this reader may see, public or
    with the token; in a dump, a misspelt --org finds nothing, unless the dump holds no dataset."""
    scope = "org" if result["organization"] else "all"
    if settings(result)["source"] == "dump":
        return "dump_org" if scope == "org" and result.get("dump_datasets") != 0 else "dump_all"
    return f"{scope}_{'public' if result['public_only'] else 'token'}"


def _compared_note(result: dict, lang: str) -> str:
    """Beside the change of the scores compared, the overall scores when they differ from them
    (the accessibility points left out): the reader sees both, and why («260 → 260 (+0)»
    read «332 → 256 (+0)» before)."""
    previous = result.get("previous") or {}
    if "links_checked" not in previous.get("not_compared", []):
        return ""
    before, now = (_dash(score) for score in (previous["overall_score"], result["overall_score"]))
    return UI[lang]["without_access"].format(before=before, now=now)


def _dash(value: object) -> object:
    """A figure there is none of (a score of no dataset, a dataset new this year): «—»."""
    return "—" if value is None else value


def _context(audit: Audit, tables: dict, result: dict, lang: str) -> dict:
    days_over = [
        (d.title or d.name, d.days_since_modified - (frequency_days(d.update_frequency) or 0))
        for d in audit.datasets
        if d.overdue
    ]
    datasets = sorted(tables["datasets"], key=lambda d: d["mqa_score"])
    source = settings(result)["source"]
    findings_by_dataset = _findings_by_dataset(tables["findings"], datasets, lang)
    previous = (audit.previous or {}).get("datasets", {})
    return {
        "t": UI[lang],
        "title": UI[lang]["title"].format(year=audit.year),
        "lang": lang,
        # a dump is named by its file: its local path says nothing to a reader of the report
        "source": (UI[lang][source], result["portal"] if source == "portal" else Path(result["portal"]).name),
        "day": lambda value: ukrainian_date(value) if value and lang == "uk" else value,  # English: ISO
        "more": lambda count: more(count, lang),
        # datasets by title (one gone since the last audit, by last year's), linked to their findings
        "titles": {name: row.get("title") or name for name, row in previous.items()}
        | {d["name"]: d["title"] or d["name"] for d in datasets},
        "anchored": {section["name"] for section in findings_by_dataset},
        "noun_form": lambda count, noun: noun_form(count, lang, noun),
        "s": result,
        "max_points": MAX_POINTS,
        "band_label": BAND_LABELS[result["overall_band"]][lang] if result["overall_band"] else "",
        "nothing_found": nothing_found(result, lang),
        "reachable": UI[lang]["reachable"].format(points=REACHABLE_POINTS, bands=_band_ranges(lang)),
        "band_names": {band: labels[lang] for band, labels in BAND_LABELS.items()},
        "datasets": datasets,
        "recommendations": tables["recommendations"],
        "links_off": UI[lang]["links_off"][source],
        "compare_note": not_compared_note((result.get("previous") or {}).get("not_compared") or [], lang),
        "compared_note": _compared_note(result, lang),
        "findings_by_dataset": findings_by_dataset,
        "changes": tables.get("changes", []),
        # with no dataset there is nothing to chart: zeros would read as a portal scored 0
        "charts": {
            "scores": charts.score_distribution([d.mqa_total for d in audit.datasets], lang),
            "dimensions": charts.dimensions(result["dimensions"], REACHABLE_MAXIMA, lang),
            "stars": charts.stars(result["stars"], lang),
            "overdue": charts.overdue(days_over, lang),
        }
        if audit.datasets
        else {},
    }
