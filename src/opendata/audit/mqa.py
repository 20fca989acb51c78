"""Metadata quality score modelled on the data.europa.eu Metadata Quality Assessment (MQA).

The MQA awards up to 405 points in five dimensions; here each indicator is
mapped onto CKAN fields (docs/audit.md has the table). Distribution-level
indicators earn their points in proportion to the share of resources that meet
them. Indicators that CKAN metadata cannot show are listed in UNAWARDABLE and
score 0, so the maximum reachable here is 405 − 30 − 5 = 370 (still "excellent").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from opendata.audit.checks.passport import extras
from opendata.audit.formats import normal_format
from opendata.audit.model import Finding, ResourceResult
from opendata.audit.stars import FORMAT_STARS, OPEN_LICENCES
from opendata.messages import LANGUAGES, counted

DIMENSIONS = ("findability", "accessibility", "interoperability", "reusability", "contextuality")
DIMENSION_LABELS = {
    "findability": {"uk": "Знаходжуваність", "en": "Findability"},
    "accessibility": {"uk": "Доступність", "en": "Accessibility"},
    "interoperability": {"uk": "Сумісність", "en": "Interoperability"},
    "reusability": {"uk": "Повторне використання", "en": "Reusability"},
    "contextuality": {"uk": "Контекст", "en": "Contextuality"},
}
BANDS = ((351, "excellent"), (221, "good"), (121, "sufficient"), (0, "bad"))
BAND_LABELS = {
    "excellent": {"uk": "відмінно", "en": "excellent"},
    "good": {"uk": "добре", "en": "good"},
    "sufficient": {"uk": "достатньо", "en": "sufficient"},
    "bad": {"uk": "погано", "en": "bad"},
}
MAX_POINTS = 405
# Indicators with no CKAN equivalent: never awarded (documented in docs/audit.md).
UNAWARDABLE = {
    "dcat_ap_compliance": ("interoperability", 30, "DCAT-AP compliance (SHACL validation of the RDF)"),
    "rights": ("contextuality", 5, "dct:rights statement"),
}
KNOWN_FORMATS = {*FORMAT_STARS, "pdf", "doc", "docx", "html", "zip", "txt", "odt", "shp", "kml"}
NON_PROPRIETARY = {f for f, stars in FORMAT_STARS.items() if stars >= 3} | {
    "pdf",
    "odt",
    "txt",
    "html",
    "kml",
}
MACHINE_READABLE = {*FORMAT_STARS, "kml", "shp"}


@dataclass(frozen=True)
class Indicator:
    key: str
    dimension: str
    points: int
    label: dict[str, str]
    hint: dict[str, str]
    # dataset-level: test(dataset) -> bool; resource-level: test(resource metadata, result) -> bool
    dataset_test: Callable[[dict], bool] | None = None
    resource_test: Callable[[dict, ResourceResult], bool | None] | None = None
    report: bool = True  # emit an mqa-missing finding when points are lost


def _extra(key: str) -> Callable[[dict], bool]:
    return lambda d: any(extras(d).get(k) for k in key.split("|"))


INDICATORS = [
    Indicator(
        "keywords",
        "findability",
        30,
        {"uk": "ключові слова", "en": "keywords"},
        {"uk": "Додайте ключові слова.", "en": "Add keywords."},
        lambda d: bool(d.get("tags")),
        report=False,
    ),
    Indicator(
        "categories",
        "findability",
        30,
        {"uk": "категорія (група)", "en": "category (group)"},
        {"uk": "Додайте набір до тематичної групи порталу.", "en": "Add the dataset to a theme group."},
        lambda d: bool(d.get("groups")),
    ),
    Indicator(
        "spatial",
        "findability",
        20,
        {"uk": "просторове покриття", "en": "spatial coverage"},
        {
            "uk": "Додайте додаткове поле (extra) «spatial» (наприклад, «Коломия»).",
            "en": "Add a «spatial» extra (e.g. «Kolomyia»).",
        },
        _extra("spatial|spatial_coverage"),
    ),
    Indicator(
        "temporal",
        "findability",
        20,
        {"uk": "часове покриття", "en": "temporal coverage"},
        {
            "uk": "Додайте додаткові поля (extras) «temporal_start» і «temporal_end».",
            "en": "Add the extras «temporal_start» and «temporal_end».",
        },
        _extra("temporal_start|temporal_end|temporal_coverage"),
    ),
    Indicator(
        "access_url",
        "accessibility",
        50,
        {"uk": "доступне посилання", "en": "accessible access URL"},
        {"uk": "Полагодьте посилання.", "en": "Repair the links."},
        resource_test=lambda r, res: res.reachable,
        report=False,
    ),
    Indicator(
        "download_url",
        "accessibility",
        20,
        {"uk": "посилання для завантаження", "en": "download URL"},
        {"uk": "Дайте пряме посилання на файл.", "en": "Give a direct file link."},
        resource_test=lambda r, res: bool(r.get("url")),
        report=False,
    ),
    Indicator(
        "download_url_ok",
        "accessibility",
        30,
        {"uk": "робоче посилання для завантаження", "en": "working download URL"},
        {"uk": "Полагодьте посилання.", "en": "Repair the links."},
        resource_test=lambda r, res: res.reachable,
        report=False,
    ),
    Indicator(
        "format",
        "interoperability",
        20,
        {"uk": "формат ресурсу", "en": "resource format"},
        {"uk": "Вкажіть формат кожного ресурсу.", "en": "Set every resource's format."},
        resource_test=lambda r, res: bool(r.get("format")),
    ),
    Indicator(
        "media_type",
        "interoperability",
        10,
        {"uk": "тип медіа (MIME)", "en": "media type (MIME)"},
        {"uk": "Вкажіть mimetype ресурсу (наприклад, text/csv).", "en": "Set the resource mimetype."},
        resource_test=lambda r, res: bool(r.get("mimetype")),
    ),
    Indicator(
        "format_vocabulary",
        "interoperability",
        10,
        {"uk": "формат зі словника", "en": "format from a vocabulary"},
        {"uk": "Використовуйте стандартні назви форматів.", "en": "Use standard format names."},
        resource_test=lambda r, res: normal_format(r.get("format")) in KNOWN_FORMATS,
        report=False,
    ),
    Indicator(
        "non_proprietary",
        "interoperability",
        20,
        {"uk": "відкритий формат", "en": "non-proprietary format"},
        {"uk": "Додайте CSV/JSON.", "en": "Add CSV/JSON."},
        resource_test=lambda r, res: normal_format(r.get("format")) in NON_PROPRIETARY,
        report=False,
    ),
    Indicator(
        "machine_readable",
        "interoperability",
        20,
        {"uk": "машиночитний формат", "en": "machine-readable format"},
        {"uk": "Додайте CSV/JSON.", "en": "Add CSV/JSON."},
        resource_test=lambda r, res: normal_format(r.get("format")) in MACHINE_READABLE,
        report=False,
    ),
    Indicator(
        "licence",
        "reusability",
        20,
        {"uk": "ліцензія", "en": "licence"},
        {"uk": "Оберіть ліцензію.", "en": "Choose a licence."},
        lambda d: d.get("license_id") not in (None, "", "notspecified"),
        report=False,
    ),
    Indicator(
        "licence_vocabulary",
        "reusability",
        10,
        {"uk": "ліцензія зі словника", "en": "licence from a vocabulary"},
        {"uk": "Оберіть ліцензію зі списку порталу.", "en": "Pick a licence from the portal's list."},
        lambda d: bool(d.get("license_url")) or d.get("license_id") in OPEN_LICENCES,
        report=False,
    ),
    Indicator(
        "access_rights",
        "reusability",
        10,
        {"uk": "права доступу", "en": "access rights"},
        {"uk": "Зробіть набір публічним.", "en": "Make the dataset public."},
        lambda d: not d.get("private"),
    ),
    Indicator(
        "access_rights_vocabulary",
        "reusability",
        5,
        {"uk": "права доступу зі словника", "en": "access rights from a vocabulary"},
        {"uk": "Зробіть набір публічним.", "en": "Make the dataset public."},
        lambda d: not d.get("private"),
        report=False,
    ),
    Indicator(
        "contact_point",
        "reusability",
        20,
        {"uk": "відповідальна особа", "en": "contact point"},
        {"uk": "Вкажіть maintainer_email.", "en": "Set maintainer_email."},
        lambda d: bool(d.get("maintainer_email") or d.get("author_email")),
        report=False,
    ),
    Indicator(
        "publisher",
        "reusability",
        10,
        {"uk": "розпорядник інформації", "en": "publisher"},
        {"uk": "Опублікуйте набір від імені організації.", "en": "Publish under an organisation."},
        lambda d: bool(d.get("organization")),
        report=False,
    ),
    Indicator(
        "byte_size",
        "contextuality",
        5,
        {"uk": "розмір файлу", "en": "file size"},
        {
            "uk": "Завантажуйте файли на портал — він сам запише розмір.",
            "en": "Upload files so CKAN records their size.",
        },
        resource_test=lambda r, res: bool(r.get("size")),
    ),
    Indicator(
        "issued",
        "contextuality",
        5,
        {"uk": "дата публікації", "en": "issued date"},
        {"uk": "", "en": ""},
        lambda d: bool(d.get("metadata_created")),
        report=False,
    ),
    Indicator(
        "modified",
        "contextuality",
        5,
        {"uk": "дата зміни", "en": "modification date"},
        {"uk": "", "en": ""},
        lambda d: bool(d.get("metadata_modified")),
        report=False,
    ),
]
# the most each dimension can score (unawardable indicators included, as in MQA)
DIMENSION_MAXIMA = {dim: 0 for dim in DIMENSION_LABELS}
for _indicator in INDICATORS:
    DIMENSION_MAXIMA[_indicator.dimension] += _indicator.points
for _dimension, _points, _ in UNAWARDABLE.values():
    DIMENSION_MAXIMA[_dimension] += _points
assert sum(DIMENSION_MAXIMA.values()) == MAX_POINTS
# the most CKAN metadata can earn: the unawardable indicators left out (370 in all)
REACHABLE_MAXIMA = {
    dim: points - sum(p for d, p, _ in UNAWARDABLE.values() if d == dim)
    for dim, points in DIMENSION_MAXIMA.items()
}
REACHABLE_POINTS = sum(REACHABLE_MAXIMA.values())


def half_up(value: Fraction) -> int:
    """Rounded as people round (2.5 → 3), not Python's round() to even (2.5 → 2)."""
    return math.floor(value + Fraction(1, 2))


def band(total: int) -> str:
    return next(name for floor, name in BANDS if total >= floor)


def score(dataset: dict, resources: list[ResourceResult]) -> tuple[dict[str, int], list[Finding]]:
    """Points per dimension and an info finding for each reportable indicator that lost points."""
    points = dict.fromkeys(DIMENSIONS, 0)
    findings = []
    meta = {r.get("id"): r for r in dataset.get("resources") or []}
    for indicator in INDICATORS:
        if indicator.dataset_test is not None:
            share = Fraction(1 if indicator.dataset_test(dataset) else 0)
        else:
            results = [indicator.resource_test(meta.get(r.resource_id, {}), r) for r in resources]
            share = Fraction(sum(1 for ok in results if ok), len(results)) if results else Fraction(0)
        earned = half_up(indicator.points * share)
        points[indicator.dimension] += earned
        # with no resources, a resource indicator has no resource to fix (stars-no-resources says it)
        applies = indicator.dataset_test is not None or bool(resources)
        if indicator.report and applies and earned < indicator.points:
            lost = indicator.points - earned
            findings.append(
                Finding(
                    "mqa",
                    "mqa-missing",
                    "info",
                    dataset["name"],
                    params={
                        "indicator": indicator.key,
                        "label": indicator.label,
                        "hint": indicator.hint,
                        "points": lost,
                        "lost": {lang: counted(lost, lang, "points") for lang in LANGUAGES},
                        "dimension": DIMENSION_LABELS[indicator.dimension],
                    },
                )
            )
    return points, findings
