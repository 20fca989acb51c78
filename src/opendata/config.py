"""Where the portal's address and API token come from, the same for every command.

The address: ``--portal``, else ``$OPENDATA_PORTAL``, else the config file's ``url``.
The token is a secret: it is read from the environment (``CKAN_API_TOKEN``) or
a config file, never from the command line, where it would end up in shell
history and process lists.  The file's token belongs to the file's url: it is
never sent to another portal named with ``--portal`` or ``$OPENDATA_PORTAL``.

    # ~/.config/opendata/config.toml
    [portal]
    url = "https://data.example.gov.ua"
    token = "..."
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from opendata.failure import OwnWords

TOKEN_ENV = "CKAN_API_TOKEN"
PORTAL_ENV = "OPENDATA_PORTAL"
PORTAL_OPTION = "--portal"
CONFIG_ENV = "OPENDATA_CONFIG"
DEFAULT_CONFIG = Path("~/.config/opendata/config.toml")
# The local test portal that scripts/ckan/portal.sh starts (its port is set there).
LOCAL_PORTAL = "http://127.0.0.1:58050"


class ConfigError(OwnWords):
    """The config file cannot be read or has the wrong shape."""


class BadToken(ConfigError):
    """The token holds a space, a line break or a non-ASCII letter: no HTTP header can carry
    it, and the request library's error would quote it whole.  ``source`` says where it
    came from; the message never holds the token."""

    def __init__(self, source: str):
        message = f"the API token from {source} holds a space, a line break or a non-ASCII character"
        reason = "bad_token_variable" if source == f"${TOKEN_ENV}" else "bad_token_file"
        super().__init__(message, reason, source=source)


@dataclass(frozen=True)
class WithheldToken:
    """The config file's token, not sent: it is for the file's url (None when the file names
    none), not for the portal given; the commands say so, and why a publish has no token."""

    file: str
    url: str | None


@dataclass(frozen=True)
class PortalConfig:
    url: str | None = None
    url_source: str | None = None  # where the address came from (the option, variable or file), for messages
    token: str | None = field(default=None, repr=False)
    token_source: str | None = None  # where the token came from, for messages
    exposed: str | None = None  # the token's file, when other users of the machine may read it
    overrides: str | None = None  # the file whose token $CKAN_API_TOKEN overrides: a refusal says so
    withheld: WithheldToken | None = None  # the file's token, kept from another portal than its own


def load_config(path: str | Path | None = None, portal: str | None = None) -> PortalConfig:
    """Read ``[portal]`` from PATH (or $OPENDATA_CONFIG, or the default file if present).

    PORTAL (the ``--portal`` option) wins over ``$OPENDATA_PORTAL``, and that over the
    file's url; ``CKAN_API_TOKEN`` wins over the file's token, so a CI job needs no file.
    The file's token is used only for the file's own portal: a token for one portal sent
    to another would hand it to whoever runs that one.
    """
    explicit = Path(path) if path else (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    config_path = (explicit or DEFAULT_CONFIG).expanduser()
    section: dict = {}
    if explicit or config_path.is_file():
        section = _portal_section(config_path)
    url, url_source = _chosen_url(portal, section.get("url"), config_path)
    env_token = os.environ.get(TOKEN_ENV, "").strip()
    file_token = str(section.get("token", "")).strip()
    if env_token:
        token, source = env_token, f"${TOKEN_ENV}"
    elif file_token:
        token, source = file_token, str(config_path)
    else:
        token, source = None, None
    from_file = source == str(config_path)
    exposed = str(config_path) if from_file and config_path.stat().st_mode & 0o077 else None
    file_url = str(section.get("url") or "").strip() or None
    withheld = None
    if from_file and not (file_url and url and same_portal(url, file_url)):
        token, source, withheld = None, None, WithheldToken(str(config_path), file_url)
    # only the token sent is checked: printable ASCII, no spaces
    if token is not None and not re.fullmatch(r"[!-~]+", token):
        raise BadToken(source)
    overrides = str(config_path) if env_token and file_token else None
    return PortalConfig(
        url=url,
        url_source=url_source,
        token=token,
        token_source=source,
        exposed=exposed,
        overrides=overrides,
        withheld=withheld,
    )


def _portal_section(path: Path) -> dict:
    """The file's ``[portal]`` table, or a ConfigError saying what is wrong where (the line of
    a TOML mistake: most often a text value without its double quotes)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"config file {path} does not exist", "config_missing", path=path) from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"config file {path} is not UTF-8", "config_encoding", path=path) from error
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"at line (\d+), column (\d+)", str(error))
        reason, where = (
            ("config_syntax", {"line": at[1], "column": at[2]}) if at else ("config_syntax_end", {})
        )
        message = f"cannot read config file {path}: {error}"
        raise ConfigError(message, reason, path=path, **where) from error
    section = data.get("portal", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [portal] must be a table", "config_not_table", path=path)
    return section


def _chosen_url(given: str | None, file_url: object, config_path: Path) -> tuple[str | None, str | None]:
    """The first address set, and where it came from: the option, the variable, the file."""
    candidates = (
        (given, PORTAL_OPTION),
        (os.environ.get(PORTAL_ENV), f"${PORTAL_ENV}"),
        (file_url, str(config_path)),
    )
    for value, source in candidates:
        if value and str(value).strip():
            return str(value), source
    return None, None


def portal_root(url: str) -> str | None:
    """The portal's own address from what was given: a page's address copied from the
    browser ("…/dataset/x") works as well; None when it is no http(s) address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = re.split(r"/(?:dataset|organization|group|api)(?:/|$)", parts.path)[0]
    return f"{parts.scheme}://{parts.netloc}{path}".rstrip("/")


def address_problem(url: str) -> str | None:
    """What keeps URL from being a portal's address to send a token to, or None: ``characters``
    (a backslash, a space or a control character, which programs read differently: requests
    ends the host at a backslash, urllib.parse does not), ``password`` or ``user`` (a user-info
    part, which may hide the host it leads to), ``host`` (no valid host or port)."""
    given = url.strip()
    if re.search(r"[\\\s\x00-\x1f\x7f]", given):
        return "characters"
    if credentials := user_info(given):
        return credentials
    if _authority(given) is not None and _url_key(given) is None:
        return "host"
    return None


def user_info(url: str) -> str | None:
    """``password`` or ``user`` when URL holds a user-info part («admin:secret@», «admin@»):
    every message that shows the address would show it, and it may hide the real host."""
    authority = _authority(url.strip())
    credentials = authority.rpartition("@")[0] if authority else ""
    if not credentials:
        return None
    return "password" if ":" in credentials else "user"


def _authority(url: str) -> str | None:
    """The part of URL between «//» and the path (user-info, host and port), if it has one."""
    found = re.match(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*)", url)
    return found[1] if found else None


def same_portal(one: str, other: str) -> bool:
    """Whether two addresses lead to the same portal: the same scheme, host, port and path,
    however written (a trailing slash, a page's address, the default port, capitals)."""
    keys = [_portal_key(url) for url in (one, other)]
    return None not in keys and keys[0] == keys[1]


def _portal_key(url: str) -> tuple | None:
    """The portal URL leads to, as requests will read it to send the token; None for an
    address with a problem (`address_problem`): it is no portal's."""
    root = None if address_problem(url) else portal_root(url)
    return _url_key(root) if root else None


def _url_key(url: str) -> tuple | None:
    """The scheme, host, port and path urllib3 (what requests sends with) reads in URL; None
    when it reads no host or port: urllib.parse would read another, or raise."""
    # imported here: urllib3 is ~35 ms of every command's start, `validate`'s included
    from urllib3.exceptions import LocationParseError
    from urllib3.util import parse_url

    try:
        parts = parse_url(url)
    except LocationParseError:
        return None
    if not parts.host:
        return None
    default_port = 443 if parts.scheme == "https" else 80
    return parts.scheme, parts.host, parts.port or default_port, parts.path or ""
