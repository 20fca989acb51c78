"""Start (once) and describe the local CKAN test portal.

The portal itself is set up by ``scripts/ckan/portal.sh up`` (CKAN 2.11 on
127.0.0.1:58050 with PostgreSQL, Redis and a Solr stand-in, everything under
``.lab/ckan``). This module only runs that script once per test session and
reads the sysadmin API token it wrote.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import ckanapi

from opendata.config import LOCAL_PORTAL

REPO_ROOT = Path(__file__).resolve().parent.parent
PORTAL_SCRIPT = REPO_ROOT / "scripts" / "ckan" / "portal.sh"
# A cold start installs OS packages and a virtualenv; allow for a slow mirror.
UP_TIMEOUT_S = 1200


class PortalError(RuntimeError):
    """The local portal could not be started."""


@dataclass(frozen=True)
class Portal:
    url: str
    token: str
    lab: Path

    def __repr__(self) -> str:  # never show the token in test output
        return f"Portal(url={self.url!r}, lab={str(self.lab)!r})"

    def api(self) -> ckanapi.RemoteCKAN:
        """A client acting as the sysadmin ``ckanadmin``."""
        return ckanapi.RemoteCKAN(self.url, apikey=self.token)

    def anonymous(self) -> ckanapi.RemoteCKAN:
        """A client with no credentials, as the public sees the portal."""
        return ckanapi.RemoteCKAN(self.url)


def lab_dir() -> Path:
    return Path(os.environ.get("OPENDATA_CKAN_LAB") or REPO_ROOT / ".lab" / "ckan")


_portal: Portal | None = None
_started_here = False  # this process started the portal (so it stops it again)


def _serving() -> bool:
    status = subprocess.run(["bash", str(PORTAL_SCRIPT), "status"], capture_output=True, check=False)
    return status.returncode == 0


def ensure_portal() -> Portal:
    """Run ``portal.sh up`` once per process and return the running portal."""
    global _portal, _started_here
    if _portal is not None:
        return _portal
    _started_here = not _serving()
    lab = lab_dir()
    log = lab.parent / "portal-up.log"  # outside $LAB, so a reset keeps it
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        try:
            result = subprocess.run(
                ["bash", str(PORTAL_SCRIPT), "up"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=UP_TIMEOUT_S,
                check=False,
            )
            failed = f"exit code {result.returncode}" if result.returncode else ""
        except subprocess.TimeoutExpired:
            failed = f"no answer within {UP_TIMEOUT_S} s"
    if failed:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-25:])
        raise PortalError(f"could not start the local CKAN portal ({failed}); see {log}:\n{tail}")
    token = (lab / "token").read_text().strip()
    _portal = Portal(url=LOCAL_PORTAL, token=token, lab=lab)
    return _portal


def stop_portal_if_started_here() -> None:
    """Leave the machine as the session found it: stop a portal this session started
    (a portal that was already running, e.g. a developer's warm one, keeps running;
    so does any portal when OPENDATA_KEEP_PORTAL=1)."""
    if _portal is None or not _started_here or os.environ.get("OPENDATA_KEEP_PORTAL") == "1":
        return
    subprocess.run(["bash", str(PORTAL_SCRIPT), "stop"], capture_output=True, check=False)
