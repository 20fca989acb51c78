"""Calendar quarters, as the plan counts its periods ("2021-Q2")."""

from __future__ import annotations

from datetime import date, timedelta


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """The first and the last day of a quarter (1–4)."""
    start = date(year, 3 * quarter - 2, 1)
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, next_start - timedelta(days=1)


def quarter_label(day: date) -> str:
    """The quarter a day falls in, as "2021-Q2"."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def plan_quarters(start: date, end: date) -> list[str]:
    """The quarters a period touches, as 2021-Q2 labels."""
    first, last = (start.year, (start.month - 1) // 3), (end.year, (end.month - 1) // 3)
    labels = []
    year, quarter = first
    while (year, quarter) <= last:
        labels.append(f"{year}-Q{quarter + 1}")
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
    return labels


def period_label(start: date, end: date) -> str:
    """A plan's period as its quarters: "2022-Q4", or "2021-Q2 – 2021-Q4"."""
    first, last = quarter_label(start), quarter_label(end)
    return first if first == last else f"{first} – {last}"


def quarter_words(label: str, lang: str) -> str:
    """A "2021-Q2" label as a reader writes it: «II кв. 2021», "Q2 2021"."""
    year, quarter = label.split("-Q")
    if lang == "uk":
        return f"{('I', 'II', 'III', 'IV')[int(quarter) - 1]} кв. {year}"
    return f"Q{quarter} {year}"
