"""Link health: fetch each resource once, safely, with bounded concurrency.

Only http(s) is fetched, and not from this computer or a private network (unless
allowed, or the audited portal's own address); redirects are followed by hand up to a
cap, each address checked; bodies are
streamed to a temporary file and cut at a size cap (then only the headers and a
sample are kept, and the result says so); the download is never decompressed, so
a gzip bomb costs at most the cap. Tabular files are kept on disk for the validity
check (which does open an XLSX workbook's zip).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from opendata.audit.formats import contradicts, normal_format
from opendata.audit.model import Finding, ResourceResult
from opendata.messages import LANGUAGES, counted

TABULAR = {"csv", "tsv", "xlsx", "json"}
# every finding here needs the link fetched: an audit without the link check makes none
FROM_DOWNLOAD = frozenset(
    {"link-not-http", "link-error", "link-broken", "link-redirect", "link-content-type", "link-too-large"}
)


@dataclass(frozen=True)
class PortalToken:
    """The portal's API token, sent only to addresses under the portal's own (its
    uploads of private datasets), never to another server a link points to."""

    portal: str
    token: str = field(repr=False)

    def headers(self, url: str) -> dict[str, str]:
        return {"Authorization": self.token} if url.startswith(self.portal.rstrip("/") + "/") else {}


async def _fetch(
    client: httpx.AsyncClient,
    result: ResourceResult,
    target: Path,
    size_cap: int,
    max_redirects: int,
    token: PortalToken | None,
    allowed: Allowed,
) -> None:
    url = result.url
    keep = _kept_format(result) is not None
    for hop in range(max_redirects + 1):
        if not url.lower().startswith(("http://", "https://")):
            result.error = "not-http"
            result.final_url = url  # the address refused, maybe one redirected to
            return
        if await _internal(url, allowed):
            result.error = "internal-address"
            result.final_url = url
            return
        headers = {"Accept-Encoding": "identity", **(token.headers(url) if token else {})}
        async with client.stream("GET", url, headers=headers) as response:
            if response.is_redirect and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                result.redirects = hop + 1
                continue
            result.status = response.status_code
            result.final_url = str(response.url)
            result.content_type = response.headers.get("content-type", "").split(";")[0].strip() or None
            declared = response.headers.get("content-length")
            size = 0
            with target.open("wb") as sink:
                async for chunk in response.aiter_raw():
                    size += len(chunk)
                    if size > size_cap:
                        result.truncated = True
                        break
                    if keep and response.is_success:
                        sink.write(chunk)
            result.size_bytes = (
                int(declared) if declared and declared.isdigit() else (None if result.truncated else size)
            )
            if keep and response.is_success and not result.truncated and result.content_type != "text/html":
                result.local_file = str(target)
            else:
                target.unlink(missing_ok=True)
            return
    result.error = "too-many-redirects"


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# the internal places (address, port) a link may be fetched from: the audited portal's; None: any
Allowed = frozenset[tuple[IPAddress, int | None]] | None


async def _addresses(host: str) -> set[IPAddress]:
    """HOST's addresses, after DNS; none where DNS knows it not (the fetch then says so)."""
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return set()
    addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in found}
    return {getattr(address, "ipv4_mapped", None) or address for address in addresses}


def _port(url: str) -> int | None:
    """The port URL is fetched at: its own, or its scheme's (None: a port no server has)."""
    parts = urlsplit(url)
    try:
        return parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return None


async def _internal(url: str, allowed: Allowed) -> bool:
    """Whether URL's host is this computer, a private or link-local network (a cloud's
    metadata at 169.254.169.254) or another address not on the internet, and not allowed:
    a portal's link must not make the audit read an intranet and quote it in a public report."""
    if allowed is None:
        return False
    found = await _addresses(urlsplit(url).hostname or "")
    port = _port(url)
    return any(not address.is_global and not _portals(address, port, allowed) for address in found)


def _portals(address: IPAddress, port: int | None, allowed: frozenset) -> bool:
    """Whether ADDRESS at PORT is the portal: one of its addresses at its port, or any of this
    computer's at its port where the portal runs on it (CKAN's site_url «localhost» is ::1 too,
    the officer's 127.0.0.1 not). Another port of the portal's host is another server (its
    database's, its admin's), which a link must not reach."""
    return (address, port) in allowed or (
        address.is_loopback and any(own.is_loopback and own_port == port for own, own_port in allowed)
    )


async def _allowed(internal: bool, portal: str | None) -> Allowed:
    if internal:
        return None
    if not portal:
        return frozenset()
    port = _port(portal)
    return frozenset((address, port) for address in await _addresses(urlsplit(portal).hostname or ""))


async def _check_all(
    resources: list[ResourceResult],
    workdir: Path,
    concurrency: int,
    timeout: float,
    size_cap: int,
    max_redirects: int,
    on_done: Callable[[], None] | None,
    token: PortalToken | None,
    allowed: Allowed,
) -> None:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    semaphore = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(
        timeout=httpx.Timeout(timeout),
        limits=limits,
        follow_redirects=False,
        headers={"User-Agent": "opendata-audit"},
    ) as client:

        async def one(index: int, result: ResourceResult) -> None:
            target = workdir / f"{index}.{_kept_format(result) or 'bin'}"
            async with semaphore:
                try:
                    await asyncio.wait_for(
                        _fetch(client, result, target, size_cap, max_redirects, token, allowed),
                        timeout * 3,
                    )
                except (TimeoutError, httpx.HTTPError) as error:
                    result.error = _kind(error)
            if on_done:
                on_done()

        await asyncio.gather(*(one(index, r) for index, r in enumerate(resources)))


def _kept_format(result: ResourceResult) -> str | None:
    """The format a download is kept in for the validity check, or None if it is not kept.
    The copy is named by its place in the list and this word, never by the portal's id or
    format: an id «../../victim» or a format «text/csv» would be a path out of the folder."""
    fmt = normal_format(result.format)
    return fmt if fmt in TABULAR else None


def _kind(error: BaseException) -> str:
    """The kind of a failed fetch, as ERRORS words it: what caused it, down its chain of
    causes (httpx wraps the socket's error)."""
    if isinstance(error, (TimeoutError, httpx.TimeoutException)):
        return "timeout"
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return "tls"
        if isinstance(cause, socket.gaierror):
            return "dns"
        if isinstance(cause, ConnectionRefusedError):
            return "connection-refused"
        cause = cause.__cause__ or cause.__context__
    return "connection-dropped"


# a failed fetch's kind (resources.csv's `error`) -> what happened, and what to do about it
ERRORS = {
    "timeout": (
        {"uk": "сервер не відповів вчасно", "en": "the server did not answer in time"},
        {
            "uk": "Перевірте, чи сервер доступний і відповідає швидко.",
            "en": "Check that the server is up and answers promptly.",
        },
    ),
    "too-many-redirects": (
        {
            "uk": "забагато переадресувань, мабуть, вони зациклені",
            "en": "too many redirects, probably a loop",
        },
        {
            "uk": "Замініть посилання на кінцеву адресу файлу й виправте переадресування на сервері.",
            "en": "Replace the link with the file's final address and fix the server's redirects.",
        },
    ),
    "connection-refused": (
        {"uk": "сервер відмовив у з'єднанні", "en": "the server refused the connection"},
        {
            "uk": "Перевірте адресу й порт у посиланні та чи працює вебсервер.",
            "en": "Check the address and port in the link, and that the web server is running.",
        },
    ),
    "dns": (
        {"uk": "такого домену не знайдено (DNS)", "en": "no such domain (DNS)"},
        {
            "uk": "Перевірте назву домену в посиланні й чи не скінчилася його реєстрація.",
            "en": "Check the domain name in the link, and that its registration has not lapsed.",
        },
    ),
    "tls": (
        {
            "uk": "не вдалося встановити захищене з'єднання (HTTPS): сертифікат сервера недійсний "
            "чи не налаштований",
            "en": "no secure connection (HTTPS) could be made: the server's certificate is invalid "
            "or not set up",
        },
        {
            "uk": "Налаштуйте на сервері дійсний сертифікат HTTPS (наприклад, Let's Encrypt).",
            "en": "Set up a valid HTTPS certificate on the server (e.g. Let's Encrypt).",
        },
    ),
    "internal-address": (
        {
            "uk": "посилання веде на цей комп'ютер або у внутрішню мережу, звідки файл недоступний "
            "з інтернету; його не завантажено",
            "en": "the link leads to this computer or an internal network, where the file cannot be "
            "reached from the internet; it was not fetched",
        },
        {
            "uk": "Дайте посилання на загальнодоступну адресу файлу. Якщо портал внутрішній навмисно, "
            "запустіть аудит із --internal-links.",
            "en": "Link the file's public address. If the portal is internal on purpose, run the audit "
            "with --internal-links.",
        },
    ),
    "connection-dropped": (
        {"uk": "з'єднання обірвалося", "en": "the connection was dropped"},
        {
            "uk": "Перевірте, чи сервер доступний і віддає файл повністю.",
            "en": "Check that the server is up and sends the whole file.",
        },
    ),
}


def check_links(
    resources: list[ResourceResult],
    workdir: Path,
    *,
    concurrency: int = 8,
    timeout: float = 15.0,
    size_cap: int = 50 << 20,
    max_redirects: int = 5,
    on_done: Callable[[], None] | None = None,
    token: PortalToken | None = None,
    portal: str | None = None,
    internal: bool = False,
) -> None:
    """Fetch every resource (fills status, type, size, local_file in place).  A link to
    this computer or a private network is not fetched (`error` "internal-address") unless
    INTERNAL, or it is the audited PORTAL's own address, which the officer chose."""

    async def checks() -> None:
        allowed = await _allowed(internal, portal)
        await _check_all(
            resources, workdir, concurrency, timeout, size_cap, max_redirects, on_done, token, allowed
        )

    _run(checks())


def _run(checks: Coroutine[object, object, None]) -> None:
    """Run CHECKS to the end.  Where an event loop already runs in this thread (a Jupyter
    notebook's cell, an async program's), which refuses ``asyncio.run``, they run in a
    worker thread with a loop of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # none: the usual case, the command line's
        asyncio.run(checks)
        return
    with ThreadPoolExecutor(1, thread_name_prefix="opendata-links") as worker:
        worker.submit(asyncio.run, checks).result()


def findings(result: ResourceResult, size_cap: int) -> list[Finding]:
    where = {"dataset": result.dataset, "resource_id": result.resource_id}
    if result.error == "not-http":
        refused = result.final_url or result.url
        return [Finding("links", "link-not-http", "error", **where, params={"url": refused})]
    if result.error:
        error, fix = ERRORS[result.error]
        params = {"url": result.url, "error": error, "fix": fix}
        return [Finding("links", "link-error", "error", **where, params=params)]
    if result.status is None:
        return []
    if not result.reachable:
        return [
            Finding(
                "links", "link-broken", "error", **where, params={"url": result.url, "status": result.status}
            )
        ]
    found = []
    if result.redirects:
        found.append(
            Finding(
                "links",
                "link-redirect",
                "info",
                **where,
                params={
                    "redirects": result.redirects,
                    "times": {lang: counted(result.redirects, lang, "times") for lang in LANGUAGES},
                    "final_url": result.final_url,
                },
            )
        )
    if contradicts(result.format, result.content_type):
        found.append(
            Finding(
                "links",
                "link-content-type",
                "warning",
                **where,
                params={"format": result.format.upper(), "content_type": result.content_type},
            )
        )
    if result.truncated:
        found.append(
            Finding(
                "links",
                "link-too-large",
                "info",
                **where,
                params={"cap": {"uk": f"{size_cap >> 20} МБ", "en": f"{size_cap >> 20} MB"}},
            )
        )
    return found
