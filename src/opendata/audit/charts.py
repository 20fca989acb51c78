"""Charts for the HTML report: matplotlib, rendered to inline SVG (no files, no network)."""

from __future__ import annotations

import html
import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from opendata.audit.mqa import DIMENSION_LABELS, DIMENSIONS

plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "opendata-audit", "font.size": 9})
COLOR = "#2b6cb0"


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prologue and DOCTYPE (it names a remote DTD)
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)


def _described(svg: str, title: str, labels: list[str], values: list[float]) -> str:
    """The chart with its data as text, for a screen reader (WCAG 1.1.1: the SVG's
    words are tick labels, with no values): ``role="img"`` and an ``aria-label``."""
    data = "; ".join(f"{label}: {round(value)}" for label, value in zip(labels, values, strict=True))
    return svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(f"{title}. {data}")}"', 1)


def _bars(labels: list[str], values: list[float], title: str, horizontal: bool = False) -> str:
    figure, axes = plt.subplots(figsize=(5.5, 2.6))
    if horizontal:
        axes.barh(labels, values, color=COLOR)
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        axes.bar(labels, values, color=COLOR)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.tick_params(axis="x", labelrotation=30 if len(labels) > 6 else 0)
    axes.set_title(title)
    axes.spines[["top", "right"]].set_visible(False)
    return _described(_svg(figure), title, labels, values)


def score_distribution(scores: list[int], lang: str) -> str:
    edges = list(range(0, 406, 45))
    counts = [sum(low <= s < low + 45 or (s == 405 and low == 360) for s in scores) for low in edges[:-1]]
    labels = [f"{low}–{low + 44}" for low in edges[:-1]]
    title = "Розподіл оцінок якості метаданих" if lang == "uk" else "Distribution of metadata quality scores"
    return _bars(labels, counts, title)


def dimensions(averages: dict[str, int], maxima: dict[str, int], lang: str) -> str:
    labels = [DIMENSION_LABELS[d][lang] for d in DIMENSIONS]
    shares = [100 * averages[d] / maxima[d] for d in DIMENSIONS]
    title = (
        "Середня оцінка за вимірами, % від максимуму"
        if lang == "uk"
        else "Average score by dimension, % of maximum"
    )
    return _bars(labels, shares, title, horizontal=True)


def stars(counts: dict[str, int], lang: str) -> str:
    title = "Набори за зірками відкритості" if lang == "uk" else "Datasets by openness stars"
    return _bars([f"{n}★" for n in counts], list(counts.values()), title)


def overdue(days_over: dict[str, int], lang: str) -> str:
    title = "Прострочені набори: днів понад норму" if lang == "uk" else "Overdue datasets: days past due"
    items = sorted(days_over.items(), key=lambda kv: -kv[1])[:15] or [("—", 0)]
    return _bars([k for k, _ in items], [v for _, v in items], title, horizontal=True)
