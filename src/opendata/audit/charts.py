"""Charts for the HTML report: matplotlib, rendered to inline SVG (no files, no network)."""

from __future__ import annotations

import html
import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from opendata.audit.mqa import DIMENSION_LABELS, DIMENSIONS, MAX_POINTS

# text.parse_math off: a portal's title «Бюджет $100 і $200» is drawn as written, not read as
# TeX (where «$\frac{x$» raised a ValueError and stopped the audit)
plt.rcParams.update(
    {"svg.fonttype": "none", "svg.hashsalt": "opendata-audit", "font.size": 9, "text.parse_math": False}
)
COLOR = "#2b6cb0"


def _svg(figure, key: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prologue and DOCTYPE (it names a remote DTD)
    return _prefixed(re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL), key)


def _prefixed(svg: str, key: str) -> str:
    """Every id of the chart, and every reference to one, prefixed with `key`: matplotlib
    names each figure's elements alike (figure_1, axes_1…), and one page holds four."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))

    def prefix(match: re.Match) -> str:
        start, name = match.groups()
        return f"{start}{key}-{name}" if name in ids else match.group(0)

    return re.sub(r'(\bid="|url\(#|href="#)([^")]+)', prefix, svg)


def _described(svg: str, title: str, labels: list[str], values: list[float]) -> str:
    """The chart with its data as text, for a screen reader (WCAG 1.1.1: the SVG's
    words are tick labels, with no values): ``role="img"`` and an ``aria-label``."""
    data = "; ".join(f"{label}: {round(value)}" for label, value in zip(labels, values, strict=True))
    return svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(f"{title}. {data}")}"', 1)


def _bars(key: str, labels: list[str], values: list[float], title: str, horizontal: bool = False) -> str:
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
    return _described(_svg(figure, key), title, labels, values)


def score_distribution(scores: list[int], lang: str) -> str:
    lows = range(0, MAX_POINTS, 45)  # 0, 45, …, 360: the last bin ends at the maximum, 405
    highs = [*(low + 44 for low in lows[:-1]), MAX_POINTS]
    counts = [sum(low <= s <= high for s in scores) for low, high in zip(lows, highs, strict=True)]
    labels = [f"{low}–{high}" for low, high in zip(lows, highs, strict=True)]
    title = "Розподіл оцінок якості метаданих" if lang == "uk" else "Distribution of metadata quality scores"
    return _bars("scores", labels, counts, title)


def dimensions(averages: dict[str, int], maxima: dict[str, int], lang: str) -> str:
    """Each dimension against the most it can reach (`mqa.REACHABLE_MAXIMA`): against
    MQA's maxima no dimension with an unawardable indicator could ever show 100 %."""
    labels = [DIMENSION_LABELS[d][lang] for d in DIMENSIONS]
    shares = [100 * averages[d] / maxima[d] for d in DIMENSIONS]
    title = (
        "Середня оцінка за вимірами, % від досяжного максимуму"
        if lang == "uk"
        else "Average score by dimension, % of the reachable maximum"
    )
    return _bars("dimensions", labels, shares, title, horizontal=True)


def stars(counts: dict[str, int], lang: str) -> str:
    title = "Набори за зірками відкритості" if lang == "uk" else "Datasets by openness stars"
    return _bars("stars", [f"{n}★" for n in counts], list(counts.values()), title)


def overdue(days_over: list[tuple[str, int]], lang: str) -> str:
    """The most overdue datasets by title; with none, a sentence rather than empty axes."""
    if not days_over:
        return "<p>" + ("Прострочених наборів немає." if lang == "uk" else "No dataset is overdue.") + "</p>"
    title = "Прострочені набори: днів понад норму" if lang == "uk" else "Overdue datasets: days past due"
    items = sorted(days_over, key=lambda item: -item[1])[:15]
    return _bars("overdue", [k for k, _ in items], [v for _, v in items], title, horizontal=True)
