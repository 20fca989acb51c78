"""Where the portal's address and API token come from, the same for every command.

The address: ``--portal``, else ``$OPENDATA_PORTAL``, else the config file's ``url``.
The token is a secret: it is read from the environment (``CKAN_API_TOKEN``) or
a config file, never from the command line, where it would end up in shell
history and process lists.

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

TOKEN_ENV = "CKAN_API_TOKEN"
PORTAL_ENV = "OPENDATA_PORTAL"
PORTAL_OPTION = "--portal"
CONFIG_ENV = "OPENDATA_CONFIG"
DEFAULT_CONFIG = Path("~/.config/opendata/config.toml")
# The local test portal that scripts/ckan/portal.sh starts (its port is set there).
LOCAL_PORTAL = "http://127.0.0.1:58050"


class ConfigError(Exception):
    """The config file cannot be read or has the wrong shape."""


class BadToken(ConfigError):
    """The token holds a space, a line break or a non-ASCII letter: no HTTP header can carry
    it, and the request library's error would quote it whole.  ``source`` says where it
    came from; the message never holds the token."""

    def __init__(self, source: str):
        super().__init__(f"the API token from {source} holds a space, a line break or a non-ASCII character")
        self.params = {"source": source}


@dataclass(frozen=True)
class PortalConfig:
    url: str | None = None
    url_source: str | None = None  # where the address came from (the option, variable or file), for messages
    token: str | None = field(default=None, repr=False)
    token_source: str | None = None  # where the token came from, for messages
    exposed: bool = False  # the token's file may be read by other users of the machine
    overrides: str | None = None  # the file whose token $CKAN_API_TOKEN overrides: a refusal says so


def load_config(path: Path | None = None, portal: str | None = None) -> PortalConfig:
    """Read ``[portal]`` from PATH (or $OPENDATA_CONFIG, or the default file if present).

    PORTAL (the ``--portal`` option) wins over ``$OPENDATA_PORTAL``, and that over the
    file's url; ``CKAN_API_TOKEN`` wins over the file's token, so a CI job needs no file.
    """
    explicit = path or (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    config_path = (explicit or DEFAULT_CONFIG).expanduser()
    section: dict = {}
    if explicit or config_path.is_file():
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise ConfigError(f"config file {config_path} does not exist") from error
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read config file {config_path}: {error}") from error
        section = data.get("portal", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{config_path}: [portal] must be a table")
    env_token = os.environ.get(TOKEN_ENV, "").strip()
    file_token = str(section.get("token", "")).strip()
    if env_token:
        token, source = env_token, f"${TOKEN_ENV}"
    elif file_token:
        token, source = file_token, str(config_path)
    else:
        token, source = None, None
    if token is not None and not re.fullmatch(r"[!-~]+", token):  # printable ASCII, no spaces
        raise BadToken(source)
    url, url_source = _chosen_url(portal, section.get("url"), config_path)
    exposed = source == str(config_path) and bool(config_path.stat().st_mode & 0o077)
    overrides = str(config_path) if env_token and file_token else None
    return PortalConfig(
        url=url,
        url_source=url_source,
        token=token,
        token_source=source,
        exposed=exposed,
        overrides=overrides,
    )


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
