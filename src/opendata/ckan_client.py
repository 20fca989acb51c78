"""A thin, careful client for a CKAN portal's action API.

It wraps `ckanapi.RemoteCKAN` to add what publishing needs: a request
timeout, retries with exponential backoff on timeouts, dropped connections,
HTTP 5xx (but 501, which says there is no portal) and 429, and errors that
carry the portal's own message as this project's exceptions. The API token is
sent in a header and scrubbed from every message, so it never reaches a log or
the terminal.

Writes that are not idempotent (``*_create``) are not blindly retried after a
dropped connection: the request may have landed. The caller passes a
``landed`` check that looks the object up; only if it is not there is the
request sent again.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ckanapi
import requests

from opendata.config import WithheldToken, user_info
from opendata.messages import PUBLISH_UI

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_ATTEMPTS = 5
# A portal that lets each request wait out the whole timeout is asked at most this many
# times per request: five tries of 15-30 s would keep a person waiting for minutes.
MAX_TIMEOUTS = 2
DEFAULT_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
# One downloaded file: far more than any plan's file, far less than a disk an endless answer fills.
DOWNLOAD_MAX_BYTES = 2048 << 20
# One file's whole download, retries included: a portal trickling bytes never times a read out.
DOWNLOAD_DEADLINE_S = 3600.0


# A token no header can carry (a line break, a non-ASCII letter): the error quotes the header's value.
HEADER_ERRORS = (requests.exceptions.InvalidHeader, UnicodeEncodeError)
NOT_API_ANSWER = re.compile(r"\['(?P<url>[^']*)', (?P<status>\d+), ")
NOT_IMPLEMENTED = 501  # what a plain web server answers an API's POST with
# CKAN's words, in an HTTP 400 whose body is a JSON string, for an action it does not have
# (ckan/views/api.py): «Bad request - Action name not known: datastore_create»
UNKNOWN_ACTION = "Action name not known"


class PortalError(Exception):
    """The portal refused or failed a request; the message is the portal's, never the token.
    ``params`` are what the user's message says of it (the organisation, the file)."""

    exit_code = 1

    def __init__(self, *args: object, **params: str) -> None:
        super().__init__(*args)
        self.params = params


class PortalUnreachable(PortalError):
    """No usable answer from the portal, even after retrying."""

    exit_code = 2


class PortalFailing(PortalUnreachable):
    """The portal answered, but with a server error (HTTP 5xx, or 429 "too busy") every
    time: its address and the connection are right, the portal is not."""


class NotACkanPortal(PortalUnreachable):
    """The address answers, but not as a CKAN portal's Action API: an HTML page or HTTP 501
    (Not Implemented) from another web server, or a page of the portal given for its root.
    The address is wrong, so asking again would not help.  ``params``: the ``status``."""


class UnknownAction(PortalError):
    """The portal is CKAN but has no such action: a plugin it needs is not enabled (a portal
    without the DataStore has no ``datastore_*``).  Asking again would not help; its
    administrator would.  ``params``: the ``action`` and the portal's words (``reason``)."""

    exit_code = 2


class TlsFailed(PortalUnreachable):
    """The TLS handshake failed (an https:// address of an http-only portal, a bad
    certificate): asking again would only keep the person waiting."""


class NotAuthorised(PortalError):
    """The token is missing, invalid, or lacks the right to do this.  A refusal in this tool's
    own words has a ``reason``: the key of those words in ``messages.FAILURES``, so that the
    user reads them in their language; the portal's refusals have none."""

    exit_code = 2
    reason: str | None = None

    def __init__(self, detail: str, reason: str | None = None, **params: str | None) -> None:
        super().__init__(detail, **params)
        if reason is not None:
            self.reason = reason


class NotFound(PortalError):
    """The dataset, resource or organisation does not exist on the portal."""


class Rejected(PortalError):
    """The portal refused the data (a CKAN validation error, HTTP 409): the same request is
    refused again.  ``params``: the portal's ``reason``, and where it names them, the DataStore
    ``field`` and the ``record`` (its index in the request's records), or the ``key`` a
    dataset's or resource's value is refused under."""


class PortalAddressRefused(ValueError):
    """An address with a user-info part, refused before anything is sent: every message and
    repr() that shows the address would show it.  str() is the command's English refusal;
    the address is not quoted, the password in it never is."""

    key = ""  # of the refusal in messages.PUBLISH_UI

    def __init__(self) -> None:
        super().__init__(PUBLISH_UI["en"][self.key].format(source="the url given"))


class PortalUrlWithPassword(PortalAddressRefused):
    """The address holds a user name and a password («https://admin:secret@host»)."""

    key = "portal_url_password"


class PortalUrlWithUser(PortalAddressRefused):
    """The address holds a user name («https://admin@host»), behind which it may hide its host."""

    key = "portal_url_user"


ADDRESS_REFUSALS = {"password": PortalUrlWithPassword, "user": PortalUrlWithUser}  # by `config.user_info`


class UnusableAddress(PortalError):
    """The portal gave a file's address no download can use (not http(s), malformed): asking
    again would not help, and it is not the disk's fault either."""

    exit_code = 2


class DownloadCut(PortalError):
    """A download stopped before its end, so nothing of it is kept: the same file would be cut
    off again, so it is not asked for again.  ``params``: the ``limit`` and the ``url``; the
    details, in the user's language, are the ``reason``'s words in ``messages.FAILURES``."""

    exit_code = 2
    reason = "download_address"


class DownloadTooBig(DownloadCut):
    """The file is bigger than the cap (``limit``, in MB): an endless answer would fill the disk."""


class DownloadTooSlow(DownloadCut):
    """The file was not all there within the deadline (``limit``, in seconds)."""


def _worth_another_try(status: int) -> bool:
    """HTTP 429 or 5xx but 501: a busy or failing server; a 501 says there is no such thing
    there (a plain web server has no portal), which asking again will not change."""
    return status == 429 or (status >= 500 and status != NOT_IMPLEMENTED)


class _Busy(Exception):
    """An answer `_worth_another_try`."""

    def __init__(self, status: int, body: str):
        super().__init__(f"HTTP {status}")
        self.status = status
        self.body = body


class _RemoteCKAN(ckanapi.RemoteCKAN):
    """RemoteCKAN that reports 429/5xx before ckanapi turns them into generic errors."""

    def _request_fn(self, url, data, headers, files, requests_kwargs):
        status, text = super()._request_fn(url, data, headers, files, requests_kwargs)
        if _worth_another_try(status):
            raise _Busy(status, text)
        return status, text


class CkanClient:
    """Call CKAN actions with retries; ``call("package_show", {"id": ...})``."""

    def __init__(
        self,
        url: str,
        token: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        attempts: int = DEFAULT_ATTEMPTS,
        backoff: float = DEFAULT_BACKOFF_S,
        sleep: Callable[[float], None] = time.sleep,
        withheld: WithheldToken | None = None,
    ):
        if credentials := user_info(url):  # the CLI refuses it first, naming --portal or the file
            raise ADDRESS_REFUSALS[credentials]()
        self.url = url.rstrip("/")
        self._token = token
        self.withheld = withheld  # the config file's token, kept from this portal: why it has none
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
        self.retries = 0  # how many requests were sent again, for the summary
        self.requests = 0  # how many action requests were sent, retries included
        self._remote = _RemoteCKAN(self.url, apikey=token, user_agent="opendata (Kolomyia open data)")

    def __repr__(self) -> str:
        return f"CkanClient({self.url!r})"

    @property
    def has_token(self) -> bool:
        return bool(self._token)

    def call(
        self,
        action: str,
        data: dict[str, Any] | None = None,
        *,
        upload: Path | None = None,
        landed: Callable[[], Any] | None = None,
    ) -> Any:
        """Run ACTION; retry transient failures; map errors to this module's exceptions.

        UPLOAD is sent as the multipart ``upload`` field (reopened on each try).
        LANDED, for non-idempotent writes, returns the result if an earlier try
        whose answer was lost did take effect, else None.
        """
        data = dict(data or {})
        if upload is not None:  # multipart: every value must be a string
            data = {k: v if isinstance(v, str) else _json(v) for k, v in data.items() if v is not None}
        last = ""
        status = None  # of the last answer, when it was a server error
        unsure = False  # an earlier try may have landed though its answer was lost
        tries = _Tries(self)
        for _ in tries:
            if unsure and (result := self._check(landed)) is not None:
                return result
            try:
                return self._send(action, data, upload)
            except _Busy as busy:
                last, status = f"HTTP {busy.status}{_portal_message(busy.body)}", busy.status
            except requests.exceptions.SSLError as error:
                raise self._tls_failed(action, error) from None
            except (requests.ConnectionError, requests.Timeout) as error:
                last, status = tries.network_error(error), None
                unsure = True
            except HEADER_ERRORS:
                raise self._unsendable_token(action) from None
            except requests.RequestException as error:  # a bad URL and the like: retrying will not help
                raise PortalUnreachable(self._scrub(f"{action}: cannot reach {self.url}: {error}")) from None
            except ckanapi.CKANAPIError as error:
                # e.g. "name already in use" because the lost try did create it
                if unsure and (result := self._check(landed)) is not None:
                    return result
                raise self._portal_error(action, error) from None
        if status is not None:
            message = f"{action}: {self.url} answered HTTP {status} {tries.count} times ({last})"
            raise PortalFailing(self._scrub(message), status=str(status))
        raise PortalUnreachable(
            self._scrub(f"{action}: no answer from {self.url} after {tries.count} tries ({last})")
        )

    def token_organisations(self) -> list[dict]:
        """The organisations the token's user may read, or NotAuthorised when there are none.

        CKAN (2.10+) takes a token it does not know (mistyped, expired, revoked) for an
        anonymous visitor without a word, and answers with what anyone may see: only a call
        about the user tells, and an anonymous one, like a user of no organisation, reads none."""
        organisations = self.call("organization_list_for_user", {"permission": "read"})
        if not organisations:
            raise NotAuthorised(
                f"the portal does not know this API token (or its user is a member of no organisation); "
                f"check CKAN_API_TOKEN / the config file for {self.url}",
                "token_not_known",
                portal=self.url,
            )
        return organisations

    def find(self, action: str, data: dict) -> Any:
        """The result of a ``*_show`` ACTION, or None when the portal says it does not exist."""
        try:
            return self.call(action, data)
        except NotFound:
            return None

    def _pause(self, attempt: int) -> None:
        """Before a retry: count it and back off exponentially (capped)."""
        self.retries += 1
        self.sleep(min(MAX_BACKOFF_S, self.backoff * 2 ** (attempt - 2)))

    def _check(self, landed: Callable[[], Any] | None) -> Any:
        """Run the caller's LANDED lookup, tried once; None when there is none or it fails too.

        Once: the write's own tries are the retries. A lookup with tries of its own made a
        lost network 5 × 5 requests and their pauses, 40 s before «the portal does not answer»."""
        if landed is None:
            return None
        attempts, self.attempts = self.attempts, 1
        try:
            return landed()
        except (PortalError, requests.RequestException, _Busy):
            return None
        finally:
            self.attempts = attempts

    def _portal_error(self, action: str, error: ckanapi.CKANAPIError) -> PortalError:
        if isinstance(error, ckanapi.NotAuthorized):
            return NotAuthorised(self._scrub(f"{action}: not authorised: {_message(error)}"))
        if isinstance(error, ckanapi.NotFound):
            return NotFound(self._scrub(f"{action}: not found: {_message(error)}"))
        if isinstance(error, ckanapi.ValidationError):
            reason = self._scrub(_message(error))
            where = _refused_where(error)
            return Rejected(f"{action}: the portal refused it: {reason}", reason=reason, **where)
        # ckanapi's words for an answer that is not the API's JSON: "['URL', STATUS, 'BODY']"
        answer = str(error.args[0]) if error.args else ""
        page = NOT_API_ANSWER.match(answer)
        if page is not None and page["status"] == "400" and (words := _unknown_action(answer)):
            return UnknownAction(
                self._scrub(
                    f"{action}: {self.url} has no action {action!r} (it answered «{words}»): a CKAN plugin "
                    f"it needs is not enabled; ask the portal's administrator to enable it"
                ),
                action=action,
                reason=words,
            )
        if page is not None:
            # the address leads to a page, not the API; its HTML (a form's CSRF token
            # and all) is not for the message
            return NotACkanPortal(
                self._scrub(
                    f"{action}: {self.url} does not answer as a CKAN portal (HTTP {page['status']} "
                    f"from {page['url']}); give the portal's own address, such as https://data.example.gov.ua"
                ),
                status=page["status"],
            )
        return PortalError(self._scrub(f"{action}: {_message(error)}"))

    def download(
        self,
        url: str,
        dest: Path,
        *,
        max_bytes: int = DOWNLOAD_MAX_BYTES,
        deadline: float = DOWNLOAD_DEADLINE_S,
    ) -> str:
        """Fetch URL into DEST with retries; return the file's sha256.

        The token goes only to this portal's own URLs, never to another host.  A file of more
        than MAX_BYTES, or not all there within DEADLINE seconds, is refused (DownloadCut): an
        endless answer would fill the disk.  DEST is written only whole; a failed download
        leaves nothing of it behind.
        """
        part = dest.with_name(dest.name + ".part")
        try:
            sha = self._download(url, part, _Limits(max_bytes, deadline, time.monotonic() + deadline))
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        part.replace(dest)
        return sha

    def _download(self, url: str, dest: Path, limits: _Limits) -> str:
        headers = {"Authorization": self._token} if self._token and url.startswith(self.url + "/") else {}
        last = ""
        tries = _Tries(self)
        for _ in tries:
            if time.monotonic() > limits.until:  # the retries' pauses count too
                raise limits.too_slow(url)
            try:
                with requests.get(url, headers=headers, timeout=self.timeout, stream=True) as response:
                    if _worth_another_try(response.status_code):
                        last = f"HTTP {response.status_code}"
                        continue
                    if response.status_code in (401, 403):
                        raise NotAuthorised(f"download {url}: HTTP {response.status_code}")
                    if response.status_code == 404:
                        raise NotFound(f"download {url}: HTTP 404")
                    response.raise_for_status()
                    return _save(response, dest, limits)
            except requests.exceptions.SSLError as error:
                raise self._tls_failed(f"download {url}", error) from None
            except (requests.ConnectionError, requests.Timeout) as error:
                last = tries.network_error(error)
            except requests.HTTPError as error:
                raise PortalError(self._scrub(f"download {url}: {error}")) from None
            except HEADER_ERRORS:
                raise self._unsendable_token(f"download {url}") from None
            except requests.RequestException as error:  # a malformed address, a redirect to file://
                raise UnusableAddress(self._scrub(f"download {url}: {error}")) from None
        raise PortalUnreachable(self._scrub(f"download {url}: failed after {tries.count} tries ({last})"))

    def _send(self, action: str, data: dict, upload: Path | None) -> Any:
        self.requests += 1
        kwargs = {"requests_kwargs": {"timeout": self.timeout}}
        if upload is None:
            return self._remote.call_action(action, data, **kwargs)
        with upload.open("rb") as stream:
            return self._remote.call_action(action, data, files={"upload": (upload.name, stream)}, **kwargs)

    def _tls_failed(self, what: str, error: Exception) -> TlsFailed:
        hint = "; does the portal use http://?" if self.url.startswith("https://") else ""
        return TlsFailed(self._scrub(f"{what}: TLS with {self.url} failed ({error}){hint}"))

    def _unsendable_token(self, what: str) -> NotAuthorised:
        """The request library's words would quote the header, token and all: not them."""
        return NotAuthorised(f"{what}: the API token cannot be sent in a request header")

    def _scrub(self, text: str) -> str:
        """TEXT without the token: whole, as repr() writes it, or any line of it."""
        if not self._token:
            return text
        secrets = {self._token, repr(self._token)[1:-1], *self._token.split()}
        for secret in sorted(secrets, key=len, reverse=True):
            if len(secret) >= 4:
                text = text.replace(secret, "***")
        return text


@dataclass(frozen=True)
class _Limits:
    """What one download may take: bytes, and seconds from its first try to its last byte."""

    max_bytes: int
    deadline: float
    until: float  # time.monotonic() at the deadline

    def too_big(self, url: str) -> DownloadTooBig:
        limit = f"{self.max_bytes / (1 << 20):g}"
        return DownloadTooBig(f"download {url}: the file is bigger than {limit} MB", limit=limit, url=url)

    def too_slow(self, url: str) -> DownloadTooSlow:
        limit = f"{self.deadline:g}"
        detail = f"download {url}: the file was not all there within {limit} s"
        return DownloadTooSlow(detail, limit=limit, url=url)


def _save(response: requests.Response, dest: Path, limits: _Limits) -> str:
    """Write RESPONSE's body to DEST within LIMITS; its sha256.  A Content-Length above the
    cap is refused before a byte is read."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise limits.too_big(response.url)
    digest = hashlib.sha256()
    written = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("wb") as stream:
        for chunk in response.iter_content(1 << 16):
            written += len(chunk)
            if written > limits.max_bytes:
                raise limits.too_big(response.url)
            if time.monotonic() > limits.until:
                raise limits.too_slow(response.url)
            digest.update(chunk)
            stream.write(chunk)
    return digest.hexdigest()


class _Tries:
    """The tries of one request: up to ``attempts``, backing off before each retry, and
    no more after ``MAX_TIMEOUTS`` tries that waited out the whole timeout."""

    def __init__(self, client: CkanClient):
        self.client = client
        self.count = 0
        self.timeouts = 0

    def __iter__(self):
        while self.count < self.client.attempts and self.timeouts < MAX_TIMEOUTS:
            self.count += 1
            if self.count > 1:
                self.client._pause(self.count)
            yield self.count

    def network_error(self, error: requests.RequestException) -> str:
        """Note a dropped connection or a timeout; its description for the final message."""
        if isinstance(error, requests.Timeout):
            self.timeouts += 1
        return _describe_network_error(error, self.client.timeout)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _message(error: Exception) -> str:
    """The portal's words from a ckanapi error (its dict, or the raw response)."""
    detail = error.args[0] if error.args else error
    if isinstance(detail, dict):
        parts = []
        for key, value in detail.items():
            if key == "__type":
                continue
            text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(text if key == "message" else f"{key}: {text}")
        return ", ".join(parts) or str(detail.get("__type", "error"))
    text = str(detail)
    return text if len(text) < 500 else text[:500] + "…"


# the keys of a validation error that name no field of the dataset or resource refused
NOT_FIELDS = {"__type", "message", "fields", "records", "records_row", "info"}


def _refused_where(error: ckanapi.ValidationError) -> dict[str, str]:
    """The field and the record a refusal names: a DataStore's «"_code" is not a valid field
    name» under ``fields``, ``records_row`` beside a value PostgreSQL cannot store; else the
    field a validation error is keyed by (``key``: ``{"format": ["…"]}``)."""
    detail = error.args[0] if error.args and isinstance(error.args[0], dict) else {}
    where = {}
    named = re.search(r'"([^"]+)" is not a valid field name', " ".join(map(str, detail.get("fields", []))))
    if named:
        where["field"] = named[1]
    if isinstance(detail.get("records_row"), int):
        where["record"] = str(detail["records_row"])
    named = [key for key in detail if key not in NOT_FIELDS]  # a dataset's or a resource's field
    if named:
        where["key"] = ", ".join(map(str, named))
    return where


def _unknown_action(answer: str) -> str | None:
    """The portal's words when ANSWER (ckanapi's ``repr([url, status, body])``) is CKAN's
    for an action it does not have: not the API's JSON object but a JSON string."""
    try:
        _url, _status, body = ast.literal_eval(answer)
        words = json.loads(body)
    except (ValueError, TypeError, SyntaxError):
        return None
    return words if isinstance(words, str) and UNKNOWN_ACTION in words else None


def _portal_message(body: str) -> str:
    try:
        error = json.loads(body).get("error", {})
        message = error.get("message") or error.get("__type")
    except (ValueError, AttributeError):
        return ""
    return f": {message}" if message else ""


def _describe_network_error(error: Exception, timeout: float) -> str:
    if isinstance(error, requests.Timeout):
        return f"no answer within {timeout:g} s"
    return "connection failed or dropped"
