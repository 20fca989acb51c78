"""Passport completeness per Cabinet of Ministers Resolution No. 835, as data.gov.ua stores it in CKAN.

Core CKAN fields (title, notes, tags, maintainer, maintainer_email, organization,
license_id) plus the extras data.gov.ua adds: update_frequency, language,
purpose_of_collecting_information, last_modified.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from opendata.audit.model import Finding
from opendata.national import FREQUENCY_DAYS, OFFICIAL_FREQUENCIES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# "schema", or "схема"/"структура" *of the dataset / data*: alone they are common words of
# data titles («Організаційна структура», «Схема руху транспорту»)
SCHEMA_HINT = re.compile(r"schema|(?:схем|структур)\w*\s+(?:набор|даних)", re.IGNORECASE)
# a downloaded schema is recognised by its content, one not downloaded only by its name
FROM_DOWNLOAD = frozenset({"passport-no-schema"})

FIELDS = {  # field -> (uk, en) label
    "title": ("Назва", "Title"),
    "notes": ("Опис", "Description"),
    "tags": ("Ключові слова", "Keywords"),
    "update_frequency": ("Частота оновлення", "Update frequency"),
    "language": ("Мова", "Language"),
    "purpose_of_collecting_information": ("Підстава та призначення збору", "Purpose of collection"),
    "maintainer": ("Відповідальна особа", "Responsible person"),
    "maintainer_email": ("E-mail відповідальної особи", "Responsible person's e-mail"),
    "organization": ("Розпорядник інформації", "Publisher"),
    "license_id": ("Ліцензія", "Licence"),
    "last_modified": ("Дата останнього оновлення", "Last modified"),
}

# why a last-modified value cannot be believed (the finding's {reason})
DATE_REASONS = {
    "unreadable": {"uk": "не є датою у форматі РРРР-ММ-ДД", "en": "is not a date in the form YYYY-MM-DD"},
    "future": {"uk": "пізніша за дату аудиту ({day})", "en": "is later than the audit date ({day})"},
}


def label(field: str) -> dict[str, str]:
    uk, en = FIELDS[field]
    return {"uk": uk, "en": en}


def extras(dataset: dict) -> dict[str, str]:
    """Extras as a dict; a ckanext-scheming portal has them as top-level keys instead."""
    found = {e.get("key"): e.get("value") for e in dataset.get("extras") or [] if isinstance(e, dict)}
    for key in ("update_frequency", "language", "purpose_of_collecting_information", "last_modified"):
        if dataset.get(key) and key not in found:
            found[key] = dataset[key]
    return found


def frequency_days(value: str | None) -> int | None:
    return FREQUENCY_DAYS.get((value or "").strip().lower())


def names_a_schema(resource: dict) -> bool:
    """Whether a resource's name, description or URL says it is the data's structure
    (what tells a schema whose file was not downloaded; a downloaded one is read)."""
    words = " ".join(str(resource.get(key) or "") for key in ("name", "description", "url"))
    return bool(SCHEMA_HINT.search(words))


def last_modified(dataset: dict) -> str | None:
    """The passport's last-modified date: the extra, else the newest resource `last_modified`."""
    value = extras(dataset).get("last_modified")
    if value:
        return str(value)
    dates = [r["last_modified"] for r in dataset.get("resources") or [] if r.get("last_modified")]
    return max(dates) if dates else None


def parse_day(value: str | None) -> date | None:
    """The day of an ISO 8601 date or timestamp, as CKAN stores them; None if it is not one."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def credible_day(value: str | None, audit_day: date) -> date | None:
    """The last-modified day freshness can be measured from: readable and not after the audit."""
    day = parse_day(value)
    return day if day is not None and day <= audit_day else None


def _bad_date(name: str, audit_day: date, value: str) -> list[Finding]:
    """A last-modified value that cannot be read, or lies after the audit, says nothing
    about the data's freshness: it is named, not taken as "fresh"."""
    if credible_day(value, audit_day) is not None:
        return []
    why = DATE_REASONS["future" if parse_day(value) else "unreadable"]
    reason = {lang: text.format(day=audit_day) for lang, text in why.items()}
    params = {"field": "last_modified", "value": value, "reason": reason}
    return [Finding("passport", "passport-bad-date", "warning", name, params=params)]


def _invalid_values(name: str, audit_day: date, filled: dict) -> list[Finding]:
    """Findings for the filled items whose value is not a valid one: a frequency that is
    not official, a date that cannot be believed, an address that is no e-mail."""
    findings = []
    frequency = filled.get("update_frequency")
    if frequency and frequency_days(frequency) is None:
        params = {"field": "update_frequency", "value": frequency, "allowed": OFFICIAL_FREQUENCIES}
        findings.append(Finding("passport", "passport-bad-frequency", "error", name, params=params))
    if filled.get("last_modified"):
        findings += _bad_date(name, audit_day, filled["last_modified"])
    email = filled.get("maintainer_email")
    if email and not EMAIL.match(email.strip()):
        params = {"field": "maintainer_email", "value": email}
        findings.append(Finding("passport", "passport-bad-email", "error", name, params=params))
    return findings


def check(dataset: dict, audit_day: date, has_schema: bool) -> tuple[list[Finding], list[str]]:
    """Findings and the passport items missing or invalid (the structure among them
    unless `has_schema`: a resource that is one, as `run` recognises it)."""
    name = dataset["name"]
    extra = extras(dataset)
    present = {
        "title": dataset.get("title"),
        "notes": dataset.get("notes"),
        "tags": dataset.get("tags"),
        "update_frequency": extra.get("update_frequency"),
        "language": extra.get("language"),
        "purpose_of_collecting_information": extra.get("purpose_of_collecting_information"),
        "maintainer": dataset.get("maintainer"),
        "maintainer_email": dataset.get("maintainer_email"),
        "organization": dataset.get("organization"),
        "license_id": dataset.get("license_id") not in (None, "", "notspecified") or None,
        "last_modified": last_modified(dataset),
    }
    missing = [
        f for f, value in present.items() if not value or (isinstance(value, str) and not value.strip())
    ]
    findings = [
        Finding(
            "passport",
            "passport-missing",
            "warning" if f in ("language", "last_modified") else "error",
            name,
            params={"field": f, "label": label(f)},
        )
        for f in missing
    ]
    invalid = _invalid_values(name, audit_day, {f: v for f, v in present.items() if f not in missing})
    # a value that is not a valid one fills the passport's item no more than none does
    missing += [finding.params["field"] for finding in invalid]
    findings += invalid
    if not has_schema:
        missing.append("schema")
        findings.append(Finding("passport", "passport-no-schema", "error", name))
    return findings, missing
