#!/usr/bin/env python3
"""Solr stand-in for the local CKAN test portal (scripts/ckan/portal.sh).

THIS IS TEST INFRASTRUCTURE, NOT A SEARCH ENGINE. Apache Solr cannot be had on
our machines, and CKAN cannot create, change or search datasets without *some*
Solr endpoint. This stdlib-only server (bound to 127.0.0.1) answers just the
subset of Solr's HTTP API that CKAN 2.11 sends:

* ``.../schema?wt=schema.xml`` and ``.../admin/file/?file=schema.xml`` serve
  CKAN's own schema.xml (``--schema``), whose version CKAN checks.
* ``.../select`` (GET or form POST): ``q``, repeated ``fq``, ``q.op``, ``df``,
  ``rows``, ``start``, ``sort``, ``fl``, ``facet.field`` with ``facet.limit``
  and ``facet.mincount``, ``defType=dismax`` with ``qf``; Solr-shaped JSON.
* ``.../update``: JSON (a list of docs, or ``add``/``delete``/``commit``
  commands) or XML (``<add><doc>``, ``<delete><id>|<query>``, ``<commit/>``);
  every update is visible at once. ``--persist FILE`` appends each update to a
  journal (JSON lines), replayed and compacted at start.

Queries: ``*:*``, ``field:value``, ``field:"phrase"``, ``field:(a OR b)``,
``field:[x TO y]``/``{x TO y}`` (dates incl. ``NOW-3DAYS``/``NOW/DAY``,
numbers, strings; ``*`` open ends), ``field:*``, ``*``/``?`` wildcards,
``+ - NOT AND OR ( )``, bare words against the ``text`` field filled from the
schema's copyField rules. String fields match exactly, text fields
case-insensitively as substrings.

NOT supported: relevance scoring (all docs score 1.0, so a ``score`` sort keeps
insertion order), stemming or any language analysis, ``mm`` (every dismax word
must match), highlighting, spellcheck, facet queries/ranges/pivots, zero-count
facet terms, local params ``{!...}`` (HTTP 400), fuzzy/proximity/boosts
(ignored), Lucene's exact semantics for mixed ``+``/``OR`` clauses,
calendar-exact month/year date math (a month is 30 days). Tests that depend on
ranking or stemming need a real Solr.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import json
import os
import re
import sys
import threading
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


class QueryError(ValueError):
    """A query this stand-in cannot parse (answered with HTTP 400)."""


# --- Schema: which fields are text (analysed), multi-valued, stored, copied.
class Schema:
    def __init__(self, path: Path):
        self.xml = path.read_bytes()
        root = ET.fromstring(self.xml)
        self.text_types = {
            t.get("name") for t in root.iter("fieldType") if t.get("class") == "solr.TextField"
        }
        self.fields = {f.get("name"): f for f in root.iter("field")}
        self.dynamic = list(root.iter("dynamicField"))  # in order; CKAN's "*" comes last
        key = root.find("uniqueKey")
        self.unique_key = key.text.strip() if key is not None else "id"
        self.copy_fields = [(c.get("source"), c.get("dest")) for c in root.iter("copyField")]

    def _attr(self, name: str, attr: str, default: str | None = None) -> str | None:
        # (Elements without children are falsy: no "or" shortcut here.)
        field = (
            self.fields[name]
            if name in self.fields
            else next((d for d in self.dynamic if fnmatch.fnmatchcase(name, d.get("name"))), None)
        )
        return default if field is None else field.get(attr, default)

    def is_text(self, name: str) -> bool:
        return self._attr(name, "type") in self.text_types

    def is_stored(self, name: str) -> bool:
        return self._attr(name, "stored", "true") == "true"

    def is_multi(self, name: str) -> bool:
        return self._attr(name, "multiValued") == "true"

    def copy_targets(self, doc: dict) -> dict[str, list]:
        """Values that copyField rules send into other fields (e.g. ``text``)."""
        out: dict[str, list] = {}
        # Two passes, so copies of copies (url -> urls -> text) arrive too.
        for _ in range(2):
            for src, dest in self.copy_fields:
                for name in list(doc) + list(out):
                    if name != dest and fnmatch.fnmatchcase(name, src):
                        values = as_list(doc.get(name, out.get(name)))
                        bucket = out.setdefault(dest, [])
                        bucket.extend(v for v in values if v not in bucket)
        return out


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def as_str(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- Query parsing: Lucene-ish syntax into a tree of small matcher objects.
TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<phrase>"(?:[^"\\]|\\.)*")
      | (?P<range>[\[{][^\]}]*[\]}])
      | (?P<op>\(|\)|&&|\|\||!(?=\S)|[+-](?=\S))
      | (?P<term>(?:[^\s()"\[\]{}\\:]|\\.)+:?)
    )""",
    re.VERBOSE,
)


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"cannot parse query near {text[pos : pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "term" and value in ("AND", "OR", "NOT"):
            kind = "op"
        tokens.append((kind, {"&&": "AND", "||": "OR", "!": "NOT"}.get(value, value)))
    return tokens


class Parser:
    """Recursive descent over tokens; clauses get MUST / SHOULD / MUST_NOT."""

    def __init__(self, text: str, schema: Schema, default_field: str, default_op: str):
        if "{!" in text:
            raise QueryError("local params {!...} are not supported by the Solr stand-in")
        self.tokens = tokenize(text)
        self.pos = 0
        self.schema = schema
        self.default_field = default_field
        self.and_default = default_op.upper() == "AND"

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def parse(self):
        node = self.boolean(self.default_field)
        if self.pos < len(self.tokens):
            raise QueryError(f"unexpected {self.peek()[1]!r} in query")
        return node

    def boolean(self, field: str) -> BoolQuery:
        clauses: list[list] = []  # [occur, node]
        while self.peek()[0] is not None and self.peek() != ("op", ")"):
            conj = None
            if self.peek() in (("op", "AND"), ("op", "OR")):
                conj = self.take()[1]
            mod = None
            if self.peek() in (("op", "+"), ("op", "-"), ("op", "NOT")):
                mod = self.take()[1]
            node = self.clause(field)
            # Same rules as Lucene's classic QueryParser.addClause.
            if clauses and conj == "AND" and clauses[-1][0] != "MUST_NOT":
                clauses[-1][0] = "MUST"
            if clauses and self.and_default and conj == "OR" and clauses[-1][0] != "MUST_NOT":
                clauses[-1][0] = "SHOULD"
            if mod in ("-", "NOT"):
                occur = "MUST_NOT"
            elif mod == "+" or conj == "AND" or (self.and_default and conj != "OR"):
                occur = "MUST"
            else:
                occur = "SHOULD"
            clauses.append([occur, node])
        return BoolQuery(clauses)

    def clause(self, field: str):
        kind, value = self.take()
        if kind is None:
            raise QueryError("query ends too early")
        if (kind, value) == ("op", "("):
            node = self.boolean(field)
            if self.take() != ("op", ")"):
                raise QueryError("missing ')' in query")
            return node
        if kind == "term" and value.endswith(":") and not value.endswith("\\:"):
            return self.clause(unescape(value[:-1]))
        if kind == "phrase":
            return TermQuery(field, unescape(value[1:-1]), self.schema, phrase=True)
        if kind == "range":
            return RangeQuery(field, value)
        if kind == "term":
            return TermQuery(field, strip_boost(value), self.schema)
        raise QueryError(f"unexpected {value!r} in query")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def strip_boost(term: str) -> str:
    return re.sub(r"(?<!\\)[\^~][\d.]*$", "", term)  # boosts/fuzziness ignored


class BoolQuery:
    def __init__(self, clauses):
        self.must = [n for o, n in clauses if o == "MUST"]
        self.should = [n for o, n in clauses if o == "SHOULD"]
        self.must_not = [n for o, n in clauses if o == "MUST_NOT"]

    def matches(self, doc: dict) -> bool:
        if not all(n.matches(doc) for n in self.must):
            return False
        if any(n.matches(doc) for n in self.must_not):
            return False
        if self.should and not self.must:
            return any(n.matches(doc) for n in self.should)
        return True  # pure-negative queries mean "*:* minus those"


class TermQuery:
    def __init__(self, field: str, value: str, schema: Schema, phrase: bool = False):
        self.field, self.schema = field, schema
        self.text = schema.is_text(field)
        self.match_all = not phrase and field == "*" and value == "*"
        self.exists = not phrase and value == "*"
        self.pattern = None
        if not phrase and re.search(r"(?<!\\)[*?]", value):
            regex = "".join(
                ".*" if ch == "*" else "." if ch == "?" else re.escape(ch)
                for ch in re.findall(r"\\.|.", value)
            )
            self.pattern = re.compile(regex, re.IGNORECASE if self.text else 0)
        self.value = unescape(value)

    def matches(self, doc: dict) -> bool:
        if self.match_all:
            return True
        values = [as_str(v) for v in as_list(doc.get(self.field))]
        if self.exists:
            return any(v != "" for v in values)
        for v in values:
            if self.pattern is not None:
                words = [*re.split(r"\W+", v), v] if self.text else [v]
                if any(self.pattern.fullmatch(w) for w in words):
                    return True
            elif self.text:
                if self.value.casefold() in v.casefold():
                    return True
            elif v == self.value:
                return True
        return False


UNIT_SECONDS = dict(SECOND=1, MINUTE=60, HOUR=3600, DAY=86400, MONTH=30 * 86400, YEAR=365 * 86400)
# NOW/UNIT resets the datetime parts after UNIT: NOW/DAY is today's midnight.
PARTS = ("month", "day", "hour", "minute", "second", "microsecond")
ROUND_FROM = dict(YEAR=0, MONTH=1, DAY=2, HOUR=3, MINUTE=4, SECOND=5)


def solr_date(text: str) -> datetime | None:
    """Parse ISO dates and NOW date math; None when it is not a date."""
    if text.startswith("NOW"):
        when = datetime.now(UTC)
        for op, amount, unit in re.findall(r"([+/-])(\d*)([A-Z]+)", text[3:]):
            unit = unit[:-1] if unit.endswith("S") and unit[:-1] in UNIT_SECONDS else unit
            if unit not in UNIT_SECONDS:
                raise QueryError(f"unsupported date math {text!r}")
            if op == "/":
                parts = PARTS[ROUND_FROM[unit] :]
                when = when.replace(**{p: 1 if p in ("month", "day") else 0 for p in parts})
            else:
                seconds = int(amount or 0) * UNIT_SECONDS[unit]
                when += timedelta(seconds=seconds if op == "+" else -seconds)
        return when
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def comparable(text: str):
    """Turn a value into something ordered: a date, a number, or the string."""
    when = solr_date(text) if re.match(r"\d{4}-\d\d|NOW", text) else None
    if when is not None:
        return (0, when)
    try:
        return (1, float(text))
    except ValueError:
        return (2, text)


class RangeQuery:
    def __init__(self, field: str, text: str):
        m = re.fullmatch(r"([\[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])", text)
        if not m:
            raise QueryError(f"bad range {text!r}")
        self.field = field
        self.low_inclusive, self.high_inclusive = m.group(1) == "[", m.group(4) == "]"
        self.low = None if m.group(2) == "*" else comparable(unescape(m.group(2).strip('"')))
        self.high = None if m.group(3) == "*" else comparable(unescape(m.group(3).strip('"')))

    def matches(self, doc: dict) -> bool:
        return any(self.within(comparable(as_str(raw))) for raw in as_list(doc.get(self.field)))

    def within(self, value: tuple) -> bool:
        low, high = self.low, self.high  # None = open end
        if any(b is not None and b[0] != value[0] for b in (low, high)):
            return False  # a date never falls in a numeric range, and so on
        if low is not None and not (value >= low if self.low_inclusive else value > low):
            return False
        return high is None or (value <= high if self.high_inclusive else value < high)


class DismaxQuery:
    """defType=dismax: words and "phrases"; each must match one of the qf fields."""

    def __init__(self, text: str, qf: str, schema: Schema):
        fields = [f.split("^")[0] for f in qf.split()] or ["text"]
        self.required, self.excluded = [], []
        for sign, phrase, word in re.findall(r'([+-]?)(?:"([^"]*)"|(\S+))', text):
            value = phrase or word
            if value in ("AND", "OR", "NOT", "&&", "||"):
                continue
            terms = [TermQuery(f, value, schema, phrase=bool(phrase)) for f in fields]
            (self.excluded if sign == "-" else self.required).append(terms)

    def matches(self, doc: dict) -> bool:
        if any(any(t.matches(doc) for t in terms) for terms in self.excluded):
            return False
        return all(any(t.matches(doc) for t in terms) for terms in self.required)


# --- The index: documents in insertion order, optionally persisted as a journal.
class Index:
    """The documents, and with ``persist`` a journal of the updates: one JSON line
    each, replayed at start and compacted to one line of the documents, then again
    whenever the updates since outgrow the documents (and ``COMPACT_MIN_BYTES``).  An
    update costs its own size; rewriting the whole index after each one cost ~0.5 s
    at 600 datasets (CKAN sends one per write), and grew with every test run."""

    COMPACT_MIN_BYTES = 64 << 20

    def __init__(self, schema: Schema, persist: Path | None):
        self.schema, self.persist = schema, persist
        self.docs: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.journal = None
        self.appended = self.compacted = 0  # size of the updates since, and of the last compaction
        if persist:
            if persist.exists():
                self._replay(persist.read_text("utf-8"))
            self._compact()

    def _compact(self) -> None:
        assert self.persist is not None
        if self.journal is not None:
            self.journal.close()
        tmp = self.persist.with_suffix(".tmp")
        text = json.dumps({"add": list(self.docs.values())}) + "\n"
        tmp.write_text(text, "utf-8")
        os.replace(tmp, self.persist)
        self.journal = self.persist.open("a", encoding="utf-8")
        self.appended, self.compacted = 0, len(text)

    def _replay(self, text: str) -> None:
        if text.lstrip().startswith("["):  # the whole index as one list (before the journal)
            self._apply(json.loads(text), [], [])
            return
        for line in text.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                return  # a line cut short (the stand-in was killed): the updates before it stand
            self._apply(entry.get("add", []), entry.get("delete", []), entry.get("delete_query", []))

    def _add(self, doc: dict) -> dict:
        key = as_str(doc.get(self.schema.unique_key) or doc.get("id"))
        doc = dict(doc)
        for name, values in self.schema.copy_targets(doc).items():
            old = as_list(doc.get(name))
            doc[name] = old + [v for v in values if v not in old]
        doc.setdefault("indexed_ts", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.docs.pop(key, None)  # a replaced doc moves to the end, like a new one
        self.docs[key] = doc
        return doc

    def _apply(self, adds: list[dict], delete_ids: list[str], delete_queries: list[str]) -> list[dict]:
        """Apply one update; the documents as stored (copy fields and ``indexed_ts`` added)."""
        queries = [Parser(q, self.schema, "text", "OR").parse() for q in delete_queries]
        for key in delete_ids:
            self.docs.pop(key, None)
        for key, doc in list(self.docs.items()):
            if any(q.matches(doc) for q in queries):
                del self.docs[key]
        return [self._add(doc) for doc in adds]

    def update(self, adds: list[dict], delete_ids: list[str], delete_queries: list[str]):
        for q in delete_queries:  # a query it cannot parse changes nothing (HTTP 400)
            Parser(q, self.schema, "text", "OR").parse()
        with self.lock:
            stored = self._apply(adds, delete_ids, delete_queries)
            if self.journal is not None:
                entry = {"add": stored, "delete": delete_ids, "delete_query": delete_queries}
                self.appended += self.journal.write(json.dumps(entry) + "\n")
                self.journal.flush()
                if self.appended > max(self.compacted, self.COMPACT_MIN_BYTES):
                    self._compact()

    def select(self, params: dict[str, list[str]]) -> dict:
        def one(name, default=None):
            return params.get(name, [default])[-1]

        q = one("q") or "*:*"
        if one("defType") in ("dismax", "edismax") and q.strip() not in ("*:*", ""):
            query = DismaxQuery(q, one("qf", "") or "", self.schema)
        else:
            query = Parser(q, self.schema, one("df", "text"), one("q.op", "OR")).parse()
        # Like Solr, q.op is the default operator for the fq queries too.
        filters = [
            Parser(f, self.schema, one("df", "text"), one("q.op", "OR")).parse()
            for f in params.get("fq", [])
            if f.strip()
        ]
        with self.lock:
            hits = [
                d
                for d in self.docs.values()
                if query.matches(d) and all(f.matches(d) for f in filters)
            ]
        hits = sort_docs(hits, one("sort", "") or "")
        start, rows = int(one("start", "0") or 0), int(one("rows", "10") or 10)
        fields = [f for f in re.split(r"[\s,]+", one("fl", "*") or "*") if f]
        page = [self.project(d, fields) for d in hits[start : start + rows]]
        answer = {
            "responseHeader": {"status": 0, "QTime": 0},
            "response": {"numFound": len(hits), "start": start, "docs": page},
        }
        if one("facet", "false") == "true" and params.get("facet.field"):
            answer["facet_counts"] = {
                "facet_queries": {},
                "facet_fields": {f: self.facet(f, hits, params) for f in params["facet.field"]},
                "facet_ranges": {},
                "facet_intervals": {},
                "facet_heatmaps": {},
            }
        return answer

    def project(self, doc: dict, fields: list[str]) -> dict:
        wanted = {k: v for k, v in doc.items() if "*" in fields or k in fields}
        out = {k: v for k, v in wanted.items() if self.schema.is_stored(k)}
        return {**out, "score": 1.0} if "score" in fields else out

    def facet(self, field: str, hits: list[dict], params: dict) -> list:
        def opt(name, default):
            return params.get(f"f.{field}.facet.{name}", params.get(f"facet.{name}", [default]))[-1]

        limit, mincount = int(opt("limit", "100")), int(opt("mincount", "0"))
        counts: dict[str, int] = {}  # only terms found in the hits, even with mincount=0
        for doc in hits:
            for v in set(as_str(v) for v in as_list(doc.get(field))):
                counts[v] = counts.get(v, 0) + 1
        ranked = sorted(
            (kv for kv in counts.items() if kv[1] >= mincount), key=lambda kv: (-kv[1], kv[0])
        )
        if limit >= 0:
            ranked = ranked[:limit]
        return [x for kv in ranked for x in kv]


def sort_docs(docs: list[dict], sort: str) -> list[dict]:
    """Stable multi-key sort; ``score`` is the same for every doc (no ranking)."""
    keys = [part.split() for part in sort.split(",") if part.strip()]
    for field, *direction in reversed(keys):
        if field == "score":
            continue
        desc = bool(direction) and direction[0].lower() == "desc"
        present = [d for d in docs if as_list(d.get(field))]
        missing = [d for d in docs if not as_list(d.get(field))]
        present.sort(key=lambda d: comparable(as_str(as_list(d.get(field))[0])), reverse=desc)
        docs = present + missing  # sortMissingLast, as CKAN's schema says
    return docs


# --- Update bodies: JSON and XML.
def parse_update(body: bytes, content_type: str, schema: Schema):
    adds, ids, queries = [], [], []
    if not body.strip():
        return adds, ids, queries
    if "json" in content_type or body.lstrip()[:1] in (b"[", b"{"):
        data = json.loads(body)
        if isinstance(data, list):
            return data, ids, queries
        for cmd, arg in data.items():
            if cmd == "add":
                adds.extend(a.get("doc", a) for a in as_list(arg))
            elif cmd == "delete":
                for item in as_list(arg):
                    if isinstance(item, dict) and "query" in item:
                        queries.append(item["query"])
                    else:
                        ids.append(as_str(item["id"] if isinstance(item, dict) else item))
        return adds, ids, queries
    root = ET.fromstring(body)
    commands = [root] if root.tag != "update" else list(root)
    for cmd in commands:
        if cmd.tag == "add":
            for doc_el in cmd.iter("doc"):
                doc: dict = {}
                for f in doc_el.iter("field"):
                    name, value = f.get("name"), f.text or ""
                    if schema.is_multi(name) or name in doc:
                        doc[name] = [*as_list(doc.get(name)), value]
                    else:
                        doc[name] = value
                adds.append(doc)
        elif cmd.tag == "delete":
            ids += [(e.text or "").strip() for e in cmd.iter("id")]
            queries += [(e.text or "").strip() for e in cmd.iter("query")]
    return adds, ids, queries


# --- HTTP
class Handler(BaseHTTPRequestHandler):
    server_version = "SolrStandIn/1.0"
    index: Index
    verbose = False

    def log_message(self, fmt, *args):
        if self.verbose:
            sys.stderr.write(f"{self.log_date_time_string()} {fmt % args}\n")

    def send(self, status: int, body: bytes, content_type="application/json; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status: int, data) -> None:
        self.send(status, json.dumps(data).encode())

    def error(self, status: int, message: str) -> None:
        sys.stderr.write(f"stand-in {status}: {message} ({self.path})\n")
        self.send_json(
            status,
            {"responseHeader": {"status": status}, "error": {"msg": message, "code": status}},
        )

    def do_GET(self):
        self.handle_request(b"")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.handle_request(self.rfile.read(length))

    def handle_request(self, body: bytes) -> None:
        url = urlsplit(self.path)
        path = url.path.rstrip("/")
        params = parse_qs(url.query, keep_blank_values=True)
        content_type = self.headers.get("Content-Type", "")
        try:
            if path.endswith("/select"):
                if body and "x-www-form-urlencoded" in content_type:
                    params.update(parse_qs(body.decode(), keep_blank_values=True))
                self.send_json(200, self.index.select(params))
            elif path.endswith("/update"):
                adds, ids, queries = parse_update(body, content_type, self.index.schema)
                self.index.update(adds, ids, queries)
                self.send_json(200, {"responseHeader": {"status": 0, "QTime": 0}})
            elif path.endswith("/schema") or path.endswith("/admin/file"):
                self.send(200, self.index.schema.xml, "application/xml; charset=utf-8")
            elif path.endswith("/admin/ping"):
                self.send_json(200, {"responseHeader": {"status": 0}, "status": "OK"})
            else:
                self.error(404, f"the Solr stand-in does not serve {url.path}")
        except (QueryError, ValueError, ET.ParseError) as exc:
            self.error(400, str(exc))
        except Exception as exc:  # answer like Solr would rather than drop the connection
            self.error(500, f"{type(exc).__name__}: {exc}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=58983)
    ap.add_argument("--schema", type=Path, required=True, help="CKAN's solr/schema.xml")
    ap.add_argument("--persist", type=Path, help="journal file keeping the index across restarts")
    ap.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = ap.parse_args(argv)
    Handler.index = Index(Schema(args.schema), args.persist)
    Handler.verbose = args.verbose
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(
        f"Solr stand-in on http://127.0.0.1:{args.port}/solr/ckan ({len(Handler.index.docs)} docs)",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
