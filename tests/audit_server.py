"""A local HTTP server serving the link-check edge cases (and a misbehaving "portal")."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CSV = "назва,кількість\nпарк,3\n".encode()
HUGE_BYTES = 3 << 20  # bigger than the 1 MB cap the tests use


class Handler(BaseHTTPRequestHandler):
    flaky_calls = 0  # /flaky/api/: the first call answers 503, the next ones an empty portal

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/csv", **headers) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/ok.csv":
            self._send(200, CSV)
        elif path == "/structure.json":  # data: an organisation's structure, as rows
            self._send(200, '[{"підрозділ": "Відділ комунікації", "штат": 5}]'.encode(), "application/json")
        elif path == "/fields.json":  # a Table Schema for /ok.csv that its "кількість" does not fit
            fields = [{"name": "назва", "type": "string"}, {"name": "кількість", "type": "date"}]
            self._send(200, json.dumps({"fields": fields}).encode(), "application/json")
        elif path == "/pdf.csv":  # a PDF under a table's name
            self._send(200, b"%PDF-1.4 not a table", "text/csv")
        elif path == "/empty.csv":
            self._send(200, b"", "text/csv")
        elif path == "/broken.xlsx":
            xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            self._send(200, b"PK\x03\x04broken", xlsx)
        elif path == "/upper.csv":
            self._send(200, CSV, "Text/CSV")
        elif path == "/missing.csv":
            self._send(404, b"not found", "text/plain")
        elif path == "/slow.csv":
            time.sleep(3)
            self._send(200, CSV)
        elif path == "/stall.csv":  # the headers, a line, then the body stalls
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(CSV)
            self.wfile.flush()
            time.sleep(3)
        elif path == "/page.csv":
            self._send(200, b"<html><body>not a table</body></html>", "text/html; charset=utf-8")
        elif path == "/redirect.csv":
            self._send(302, b"", Location="/ok.csv")
        elif path == "/toftp.csv":
            self._send(302, b"", Location="ftp://example.org/a.csv")
        elif path == "/loop.csv":
            self._send(302, b"", Location="/loop.csv")
        elif path == "/huge.csv":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            line = b"a,b\n" * 16384
            for _ in range(HUGE_BYTES // len(line)):
                try:
                    self.wfile.write(line)
                except (BrokenPipeError, ConnectionResetError):
                    return
        elif path.startswith("/html/api/"):
            self._send(200, b"<html>maintenance</html>", "text/html")
        elif path.startswith("/garbage/api/"):
            self._send(200, b"{not json", "application/json")
        elif path.startswith("/error/api/"):
            self._send(503, b"<html>bad gateway</html>", "text/html")
        elif path.startswith("/flaky/api/"):
            Handler.flaky_calls += 1
            if Handler.flaky_calls == 1:
                self._send(503, b"<html>busy</html>", "text/html")
            else:
                empty = b'{"success": true, "result": {"count": 0, "results": []}}'
                self._send(200, empty, "application/json")
        elif path.startswith("/empty/api/"):  # a portal with no dataset
            self._send(200, b'{"success": true, "result": {"count": 0, "results": []}}', "application/json")
        elif path.startswith("/endless/api/"):  # claims a billion datasets, answers the same one
            dataset = {"id": "d1", "name": "parks", "title": "Парки", "resources": []}
            endless = {"success": True, "result": {"count": 10**9, "results": [dataset]}}
            self._send(200, json.dumps(endless).encode(), "application/json")
        elif path.startswith("/hang/api/"):
            time.sleep(5)
            self._send(200, b"{}", "application/json")
        else:
            self._send(404, b"", "text/plain")

    do_POST = do_GET


class EdgeServer:
    """Context manager: serves on 127.0.0.1, a free port; `.url` is its base address."""

    def __enter__(self) -> EdgeServer:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
