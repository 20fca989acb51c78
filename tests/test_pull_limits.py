"""`pull` from a portal that answers with no end, slowly, or with an address of another
scheme: refused naming the file, with nothing written (a fake portal, no CKAN needed)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from opendata.ckan_client import CkanClient, DownloadTooBig, DownloadTooSlow, UnusableAddress
from tests.helpers import run_cli

LINE = b"1,2\n" * 16384


class FakePortal(BaseHTTPRequestHandler):
    """package_show answers a dataset whose datapackage.json is at ``file_url``, a path of
    this server below, or another address."""

    protocol_version = "HTTP/1.1"
    file_url = ""

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        resource = {"id": "r1", "name": "datapackage.json", "opendata_name": "datapackage",
                    "url_type": "upload", "url": self.file_url}  # fmt: skip
        dataset = {"name": "plan", "resources": [resource]}
        body = json.dumps({"success": True, "result": dataset}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/endless.csv":  # chunked, never ending
            self._chunked(lambda: None)
        elif self.path == "/trickle.csv":  # a few bytes every tenth of a second, for ever
            self._chunked(lambda: time.sleep(0.1), chunk=b"1,2\n")
        elif self.path == "/declared.csv":  # says up front it is bigger than the cap
            self.send_response(200)
            self.send_header("Content-Length", str(5 << 20))
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _chunked(self, pause, chunk: bytes = LINE) -> None:
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                pause()
        except OSError:
            return


@contextmanager
def fake_portal(file_path: str = "") -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePortal)
    server.daemon_threads = True
    url = f"http://127.0.0.1:{server.server_address[1]}"
    FakePortal.file_url = file_path if "://" in file_path else url + file_path
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def pull_cli(portal: str, out: Path, *args: str):
    return run_cli("pull", "plan", "--portal", portal, "--out", out, "--lang", "en", *args, timeout=60)


@pytest.mark.parametrize("path", ["/endless.csv", "/declared.csv"])
def test_a_file_bigger_than_the_cap_is_refused_naming_it(tmp_path, path):
    """An endless answer filled the disk (3.7 GB in 15 s), and the partial file stayed."""
    out = tmp_path / "pulled"
    with fake_portal(path) as portal:
        result = pull_cli(portal, out, "--max-size", "1")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(
        "File «datapackage.json» of the dataset on the portal is bigger than 1 MB, so it was refused "
        "and nothing was written"
    ), result.stderr
    assert "--max-size" in result.stderr
    assert not out.exists()


def test_the_cap_is_in_json_too(tmp_path):
    out = tmp_path / "pulled"
    out.mkdir()  # an empty folder given: left empty
    with fake_portal("/endless.csv") as portal:
        result = pull_cli(portal, out, "--max-size", "1", "--format", "json")
    failure = json.loads(result.stdout)
    assert result.returncode == 2 and failure["error"] == "DownloadTooBig"
    assert failure["message"].startswith("datapackage.json: download http://")
    assert list(out.iterdir()) == []


def test_a_download_past_its_deadline_is_cut_and_leaves_nothing(tmp_path):
    dest = tmp_path / "plan.csv"
    with fake_portal() as portal:
        started = time.monotonic()
        with pytest.raises(DownloadTooSlow, match=r"within 0\.5 s"):
            CkanClient(portal, timeout=5).download(f"{portal}/trickle.csv", dest, deadline=0.5)
    assert time.monotonic() - started < 3
    assert list(tmp_path.iterdir()) == []  # neither the file nor a part of it


def test_a_resource_address_of_another_scheme_is_refused_naming_it(tmp_path):
    """file:///etc/passwd failed with requests' InvalidSchema, told as «A file or folder could
    not be written or read: is there room on the disk…»."""
    with fake_portal("file:///etc/passwd") as portal:
        result = pull_cli(portal, tmp_path / "pulled")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("File «datapackage.json» of the dataset was changed by hand")
    assert "file:///etc/passwd is not http(s)" in result.stderr
    assert "disk" not in result.stderr and not (tmp_path / "pulled").exists()


def test_the_details_of_a_refused_file_are_in_the_users_language(tmp_path):
    """«Подробиці: datapackage.json: download http://…: the file is bigger than 1 MB» and
    «…: its address file:///etc/passwd is not http(s)»: the tool's own English in Ukrainian."""
    with fake_portal("/endless.csv") as portal:
        big = run_cli("pull", "plan", "--portal", portal, "--out", tmp_path / "big", "--max-size", "1",
                      timeout=60)  # fmt: skip
    assert big.returncode == 2
    assert big.stderr.strip().splitlines()[-1] == f"Адреса файлу: {portal}/endless.csv", big.stderr
    with fake_portal("file:///etc/passwd") as portal:
        link = run_cli("pull", "plan", "--portal", portal, "--out", tmp_path / "link", timeout=60)
    assert link.returncode == 2
    said = link.stderr.strip().splitlines()[-1]
    assert said == "datapackage.json: адреса файлу file:///etc/passwd — не http(s).", link.stderr
    assert "Подробиці" not in big.stderr + link.stderr


def test_a_redirect_to_another_scheme_is_the_portals_error_not_the_disks(tmp_path):
    with fake_portal() as portal, pytest.raises(UnusableAddress, match="No connection adapters"):
        CkanClient(portal, attempts=1).download(f"{portal}/to-file", tmp_path / "plan.csv")
    assert list(tmp_path.iterdir()) == []


def test_the_library_cap_holds_without_the_command(tmp_path):
    with fake_portal() as portal, pytest.raises(DownloadTooBig, match=r"bigger than 0\.5 MB"):
        CkanClient(portal).download(f"{portal}/endless.csv", tmp_path / "x.csv", max_bytes=1 << 19)
    assert list(tmp_path.iterdir()) == []
