"""A small HTTP proxy in front of the real portal that fails chosen requests.

Fault injection for the publish tests: it forwards everything to the portal
except the requests a rule picks, which get an HTTP error (409: CKAN's validation
error), no answer (a timeout), a dropped connection before or *after* the portal handled them (the
write landed, the answer was lost), CKAN's answer to an action it does not have (``unknown_action``:
a portal without the DataStore plugin has no ``datastore_*``), or — with `cut_after` — every
request from the Nth on is dropped, as when the network goes away mid-publish.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

FAULTS = {"500", "502", "503", "429", "403", "409", "timeout", "drop", "drop_after", "unknown_action"}
# CKAN's answer to a value its schema refuses (HTTP 409): the field, and its words
VALIDATION_ERROR = {"__type": "Validation Error", "format": ["Value must be one of the portal's formats"]}
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Rule:
    pattern: str  # substring of the request path, e.g. "/api/action/resource_create"
    fault: str
    nth: int = 1  # the first matching request to fail
    times: int = 1  # how many matching requests in a row fail
    seen: int = 0


class FaultyProxy:
    """``with FaultyProxy(portal_url) as proxy: proxy.fail("resource_create", "500")``."""

    def __init__(self, upstream: str, hang_s: float = 5.0):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port or 80)
        self.hang_s = hang_s
        self.rules: list[Rule] = []
        self.log: list[tuple[str, str]] = []  # (path, what happened)
        self.cut_at: int | None = None
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail(self, pattern: str, fault: str, nth: int = 1, times: int = 1) -> None:
        assert fault in FAULTS, fault
        self.rules.append(Rule(pattern, fault, nth, times))

    def cut_after(self, requests: int) -> None:
        """Forward REQUESTS requests, then drop every connection (the network is gone)."""
        self.cut_at = requests

    def faults(self) -> list[tuple[str, str]]:
        return [entry for entry in self.log if entry[1] != "ok"]

    def __enter__(self) -> FaultyProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()

    def _decide(self, path: str) -> str:
        with self._lock:
            forwarded = sum(1 for _, what in self.log if what in ("ok", "drop_after"))
            if self.cut_at is not None and forwarded >= self.cut_at:
                self.log.append((path, "cut"))
                return "drop"
            for rule in self.rules:
                if rule.pattern in path:
                    rule.seen += 1
                    if rule.nth <= rule.seen < rule.nth + rule.times:
                        self.log.append((path, rule.fault))
                        return rule.fault
            self.log.append((path, "ok"))
            return "ok"

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fault = proxy._decide(self.path)
                if fault in ("drop", "timeout"):
                    if fault == "timeout":
                        proxy._closing.wait(proxy.hang_s)
                    self._drop()
                    return
                if fault == "409":
                    self._answer(409, [], json.dumps({"success": False, "error": VALIDATION_ERROR}).encode())
                    return
                if fault == "unknown_action":  # HTTP 400 and a JSON string, as CKAN's views/api.py
                    action = self.path.rstrip("/").rpartition("/")[2]
                    words = f"Bad request - Action name not known: {action}"
                    self._answer(400, [], json.dumps(words).encode())
                    return
                if fault.isdigit():
                    kind = "Authorization Error" if fault == "403" else "Injected"
                    error = {"__type": kind, "message": f"injected HTTP {fault}"}
                    self._answer(int(fault), [], json.dumps({"success": False, "error": error}).encode())
                    return
                status, headers, payload = self._forward(body)
                if fault == "drop_after":
                    self._drop()
                    return
                self._answer(status, headers, payload)

            def _forward(self, body: bytes):
                connection = http.client.HTTPConnection(*proxy.upstream, timeout=120)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
                headers["Content-Length"] = str(len(body))
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                connection.close()
                return response.status, response.getheaders(), payload

            def _answer(self, status: int, headers, payload: bytes) -> None:
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in HOP_HEADERS:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _drop(self) -> None:
                self.close_connection = True
                with contextlib.suppress(OSError):  # the client may have gone already
                    self.connection.shutdown(socket.SHUT_RDWR)

        return Handler
