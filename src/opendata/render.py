"""Jinja2 templates shipped in `opendata/templates`, autoescaped for HTML."""

from __future__ import annotations

from functools import cache

import jinja2

from opendata.paths import is_web_address
from opendata.text import plain_text


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("opendata", "templates"),
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["plain"] = plain_text  # a Markdown description shown as text
    environment.tests["web_address"] = is_web_address  # the only links a page may hold
    return environment


def render_template(name: str, **context: object) -> str:
    return _environment().get_template(name).render(**context)
