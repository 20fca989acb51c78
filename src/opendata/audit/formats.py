"""What a resource's format is called, and what the server says it is.

A portal's format field is what the publisher typed; the content type is what the
link serves.  The links check warns where they disagree, and the stars follow what
is served, as ckanext-qa scores what it downloads: a page declared "CSV" is a page.
"""

from __future__ import annotations

EXPECTED_TYPES = {
    "csv": (
        "text/csv",
        "application/csv",
        "text/x-csv",
        "text/comma-separated-values",
        "text/plain",
        "application/vnd.ms-excel",
    ),
    "tsv": ("text/tab-separated-values", "text/plain"),
    "json": ("application/json", "text/json", "application/schema+json"),
    "xml": ("application/xml", "text/xml"),
    "html": ("text/html", "application/xhtml+xml"),
    "pdf": ("application/pdf",),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "xls": ("application/vnd.ms-excel",),
    "zip": ("application/zip", "application/x-zip-compressed"),
}
NEUTRAL_TYPES = ("application/octet-stream", "binary/octet-stream")


# a format typed as its media type, where that type is served for one format only:
# «text/csv» is CSV, «text/plain» could be CSV or TSV
MEDIA_TYPE_FORMATS = {
    media_type: name
    for name, types in EXPECTED_TYPES.items()
    for media_type in types
    if sum(media_type in others for others in EXPECTED_TYPES.values()) == 1
}


def normal_format(value: str | None) -> str:
    """A format as this audit names it: «CSV», «.csv» and «text/csv; charset=utf-8» are «csv»;
    a media type read as the name the portal typed was no table, and was never validated."""
    typed = (value or "").strip().lower().lstrip(".")
    return MEDIA_TYPE_FORMATS.get(typed.split(";")[0].strip()) or typed.removeprefix("application/")


def contradicts(declared: str | None, content_type: str | None) -> bool:
    """Whether the served content type cannot be the declared format (unknown formats,
    and types that say nothing, never contradict)."""
    expected = EXPECTED_TYPES.get(normal_format(declared))
    content_type = (content_type or "").lower()  # media types are case-insensitive: Text/CSV is text/csv
    return bool(expected and content_type and content_type not in (*expected, *NEUTRAL_TYPES))


def served_formats(declared: str | None, content_type: str | None) -> list[str]:
    """The formats the content is, as far as the server says: the declared one unless
    the content type contradicts it; then every format that type is served for
    ("text/plain" is CSV or TSV), or the declared one if the type is unknown here."""
    if not contradicts(declared, content_type):
        return [normal_format(declared)]
    served = [name for name, types in EXPECTED_TYPES.items() if content_type.lower() in types]
    return served or [normal_format(declared)]
