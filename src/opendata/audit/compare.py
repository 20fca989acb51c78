"""Year-over-year comparison with a previous audit's output folder.

Two audits run with different options (links fetched or not, a register or none, a
dump or a portal) differ in what they could find, not in the datasets: compared as
they are, every dataset would be "worse" or "improved".  The comparison is not
refused (last year's register or dump may be gone, and the officer would be left
with nothing): what both audits checked is compared, the rest is left out (the
accessibility points and the findings that follow from the settings, as each check
declares them: `FROM_DOWNLOAD`, `FROM_REGISTER`), and the report and
the terminal say which options differed and which to give to compare everything.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from opendata.audit import links, register, stars, validity
from opendata.audit.checks import passport
from opendata.audit.model import Audit
from opendata.failure import OwnWords
from opendata.text import spreadsheet_original


class PreviousUnreadable(OwnWords):
    """The --compare folder is not an audit output."""


# the findings an audit makes only with the files downloaded, as each check declares them
FROM_DOWNLOAD = links.FROM_DOWNLOAD | validity.FROM_DOWNLOAD | stars.FROM_DOWNLOAD | passport.FROM_DOWNLOAD

# what an audit checked -> (its words, the finding codes that follow from it)
SETTINGS = {
    "links_checked": (
        {
            "uk": "перевірку посилань і файлів (--links/--no-links)",
            "en": "the link and file checks (--links/--no-links)",
        },
        FROM_DOWNLOAD,
    ),
    "register_checked": (
        {"uk": "звірку з реєстром (--register)", "en": "the register check (--register)"},
        register.FROM_REGISTER,
    ),
    "source": (
        {
            "uk": "джерело: портал чи файл вивантаження (--portal/--dump)",
            "en": "the source: a portal or a dump (--portal/--dump)",
        },
        frozenset(),
    ),
    "public_only": (
        {
            "uk": "закриті набори: один аудит бачив їх з API-токеном, а інший — лише публічні",
            "en": "private datasets: one audit saw them with an API token, the other only public ones",
        },
        frozenset(),
    ),
}
NOT_COMPARED = {
    "uk": "Увага: цей і попередній аудити перевіряли різне — {what}. Зміни за рік порівняно лише за тим, "
    "що перевірили обидва{access}; щоб порівняти все, проведіть аудит із тими самими параметрами, що й "
    "попередній.",
    "en": "Note: this audit and the previous one checked different things: {what}. The change over the year "
    "compares only what both checked{access}; to compare everything, run the audit with the previous one's "
    "options.",
}
WITHOUT_ACCESS = {
    "uk": " (без балів доступності й зауважень, яких без завантаження файлів не знайти: до посилань, "
    "даних, зірок за форматом, який віддає посилання, і схеми, розпізнаної за вмістом)",
    "en": " (without the accessibility points and the findings no audit makes without the downloads: "
    "links, data, stars by the format a link serves, a schema recognised by its content)",
}


def not_compared_note(keys: list[str], lang: str) -> str:
    """What the officer reads when the two audits differ in KEYS (empty: nothing to say)."""
    if not keys:
        return ""
    what = "; ".join(SETTINGS[key][0][lang] for key in keys)
    return NOT_COMPARED[lang].format(
        what=what, access=WITHOUT_ACCESS[lang] if "links_checked" in keys else ""
    )


def load_previous(folder: Path) -> dict:
    rows = _previous_file(folder, "datasets.csv", lambda text: {row["name"]: row for row in _csv_rows(text)})
    summary = _previous_file(folder, "summary.json", json.loads)
    try:  # each finding's dataset and code: to leave out what only one of the audits could find
        text = (folder / "findings.csv").read_text(encoding="utf-8")
        findings = [(row["dataset"], row["code"]) for row in _csv_rows(text)]
    except (OSError, ValueError, KeyError):
        findings = None
    return {"dir": str(folder), "datasets": rows, "summary": summary, "findings": findings}


def _previous_file(folder: Path, name: str, parse):
    """FOLDER/NAME as PARSE reads it, or PreviousUnreadable: the file missing (no audit's
    folder) or not as an audit writes it."""
    try:
        return parse((folder / name).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        message = f"{folder}: not the output of a previous audit (no {name} there)"
        raise PreviousUnreadable(message, "previous_missing", folder=folder, file=name) from error
    except OSError as error:
        raise PreviousUnreadable(f"{folder}: {error}") from error
    except (ValueError, KeyError) as error:  # a UnicodeDecodeError too
        message = f"{folder}: not the output of a previous audit ({name}: {error})"
        raise PreviousUnreadable(message, "previous_broken", folder=folder, file=name) from error


def _csv_rows(text: str) -> list[dict]:
    """An audit's CSV rows, each cell as the portal has it (no «'» written before a formula)."""
    rows = csv.DictReader(io.StringIO(text, newline=""))
    return [{key: spreadsheet_original(cell) for key, cell in row.items()} for row in rows]


def settings(summary: dict) -> dict:
    """What an audit (its summary) checked; None where an older summary does not say."""
    portal = str(summary.get("portal") or "")
    return {
        "links_checked": summary.get("links_checked"),
        "register_checked": summary.get("register_checked"),
        "source": "portal" if portal.lower().startswith(("http://", "https://")) else "dump",
        "public_only": summary.get("public_only"),
    }


def differing(audit: Audit) -> list[str]:
    """The settings in which the audit and the previous one differ."""
    now = {
        "portal": audit.portal,
        "links_checked": audit.links_checked,
        "register_checked": audit.register_checked,
        "public_only": audit.public_only,
    }
    then, current = settings(audit.previous["summary"]), settings(now)
    return [key for key in SETTINGS if then[key] is not None and then[key] != current[key]]


def comparable_counts(audit: Audit, keys: list[str]) -> tuple[dict, dict | None]:
    """Findings per dataset now and before (None: only the totals are known), without what
    only one of the audits could find."""
    now = comparable_findings([(f.dataset, f.code) for f in audit.findings], keys)
    found = audit.previous["findings"]
    return now, (comparable_findings(found, keys) if keys and found is not None else None)


def left_out(keys: list[str]) -> frozenset[str]:
    """The finding codes not compared when the settings KEYS differ."""
    return frozenset().union(*(SETTINGS[key][1] for key in keys))


def comparable_findings(findings: list[tuple[str | None, str]], keys: list[str]) -> dict[str | None, int]:
    """How many findings (dataset, code) each dataset (None: portal-wide) has, those left out aside."""
    skipped = left_out(keys)
    counts: dict[str | None, int] = {}
    for dataset, code in findings:
        if code not in skipped:
            counts[dataset or None] = counts.get(dataset or None, 0) + 1
    return counts


def is_audit_output(folder: Path) -> bool:
    """Whether FOLDER holds an earlier audit's outputs, which a new audit may replace
    (the files of any other folder, a data package's say, it may not)."""
    try:
        load_previous(folder)
    except PreviousUnreadable:
        return False
    return True


def previous_organisation(previous: dict) -> str | None:
    """The organisation the previous audit covered (None: the whole portal).  Its
    datasets can only be compared with an audit of the same."""
    return previous["summary"].get("organization") or None


def changes(audit: Audit) -> list[dict]:
    """Per dataset: score and findings then and now (datasets new or gone included)."""
    if not audit.previous:
        return []
    before = audit.previous["datasets"]
    now = {d.name: d for d in audit.datasets}
    keys = differing(audit)
    counts, old_counts = comparable_counts(audit, keys)
    # the accessibility points follow from the link check: left out where only one audit made it
    access = "links_checked" in keys
    rows = []
    for name in sorted(before.keys() | now.keys()):
        old, new = before.get(name), now.get(name)
        old_score = int(old["mqa_score"]) - (int(old["mqa_accessibility"]) if access else 0) if old else None
        new_score = new.mqa_total - (new.mqa["accessibility"] if access else 0) if new else None
        if old is None:
            old_findings = None
        else:
            old_findings = old_counts.get(name, 0) if old_counts is not None else int(old["findings"])
        new_findings = counts.get(name, 0) if new else None
        if old is None:
            status = "new"
        elif new is None:
            status = "removed"
        elif (new_score, -new_findings) > (old_score, -old_findings):
            status = "improved"
        elif (new_score, -new_findings) < (old_score, -old_findings):
            status = "worse"
        else:
            status = "same"
        rows.append(
            {
                "name": name,
                "status": status,
                "previous_score": old_score,
                "score": new_score,
                "score_change": None if old is None or new is None else new_score - old_score,
                "previous_findings": old_findings,
                "findings": new_findings,
                "findings_change": None if old is None or new is None else new_findings - old_findings,
            }
        )
    return rows
