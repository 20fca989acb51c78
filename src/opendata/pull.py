"""Download a published dataset back into a data package folder.

The dataset's ``datapackage.json`` resource gives the package's layout; each
table comes from the resource that `opendata.publish` marked with the same
name, and each Table Schema from that resource's ``schema`` field. Downloads
are checked against the content hash stored at publishing.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from opendata.ckan_client import (
    DOWNLOAD_MAX_BYTES,
    CkanClient,
    DownloadCut,
    NotAuthorised,
    NotFound,
    PortalError,
)
from opendata.package import json_text
from opendata.paths import is_web_address
from opendata.publish import MANAGED_MARK, uploaded_file_name


class PullError(PortalError):
    """The dataset on the portal is not a package this tool can rebuild.  The ``reason``:
    the key of why, and what the publisher or a reader can do, in ``messages.FAILURES``
    (told in the user's language); str() is the English, for JSON.  ``params``: what the
    words name, with the dataset's ``page`` on the portal, where its files can be had."""

    exit_code = 2

    def __init__(self, detail: str, reason: str, **params: str) -> None:
        super().__init__(detail, **params)
        self.reason = reason


class ReplacedOnPortal(PullError):
    """A file of the dataset is not the one published: uploaded over it by hand, or
    saved in the portal's form, which drops the hash and the marks publish leaves."""


EDITED = "saved in the portal's form, which dropped the hash and the marks publish left on it"


class DatasetNotFound(NotFound):
    """The portal has no dataset by the name given (a typo, or a dataset deleted)."""


class DatasetNotReadable(NotAuthorised):
    """The portal does not show the dataset to this token, or to no token: it is private or
    deleted, or the token's user may not read it.  Pull is a reader's command too: the
    words say whom to ask, not how to publish.  ``params``: the dataset's ``name``."""


class OutputNotEmpty(FileExistsError):
    """The folder to pull into holds files: they would be replaced, edits and all.  A local
    folder's refusal, as copying into a folder that exists is, not the portal's: a caller's
    ``except PortalError`` (try later) must not take it for one."""

    exit_code = 2


@dataclass
class PullResult:
    dataset: str
    out_dir: Path
    files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"dataset": self.dataset, "out_dir": str(self.out_dir), "files": self.files}


def pull(
    client: CkanClient, dataset: str, out_dir: str | Path, *, max_bytes: int = DOWNLOAD_MAX_BYTES
) -> PullResult:
    """Write DATASET's datapackage.json, tables and schemas under OUT_DIR (new or empty);
    a pull that fails leaves it as it was, not half a package.  A file of more than
    MAX_BYTES is refused: a portal's endless answer would fill the disk."""
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise OutputNotEmpty(str(out_dir))
    existed = out_dir.is_dir()
    try:
        return _pull_into(client, dataset, out_dir, max_bytes)
    except BaseException:
        # what it wrote: everything in a folder that was empty, or the folder it made
        for written in out_dir.iterdir() if existed else [out_dir]:
            if written.is_dir() and not written.is_symlink():
                shutil.rmtree(written, ignore_errors=True)
            else:
                written.unlink(missing_ok=True)
        raise


def _pull_into(client: CkanClient, dataset: str, out_dir: Path, max_bytes: int) -> PullResult:
    try:
        package = client.call("package_show", {"id": dataset})
    except NotFound as error:
        raise DatasetNotFound(str(error), name=dataset) from None
    except NotAuthorised as error:
        raise DatasetNotReadable(str(error), name=dataset) from None
    page = dataset_page(client, package["name"])
    resources = {r[MANAGED_MARK]: r for r in package.get("resources", []) if r.get(MANAGED_MARK)}
    unmarked = {  # saved in the portal's form: known by their name, or their file's
        name
        for r in package.get("resources", [])
        if not r.get(MANAGED_MARK)
        for name in (r.get("name"), uploaded_file_name(r))
    }
    if "datapackage" not in resources and "datapackage.json" in unmarked:
        raise _edited("datapackage.json", page)
    if "datapackage" not in resources:
        raise PullError(
            f"dataset {dataset!r} has no datapackage.json published by opendata; cannot rebuild it",
            "not_published",
            dataset=dataset,
            page=page,
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    result = PullResult(dataset=package["name"], out_dir=out_dir)
    _fetch(client, resources["datapackage"], out_dir / "datapackage.json", result, max_bytes)
    text = (out_dir / "datapackage.json").read_text(encoding="utf-8")
    descriptor = _json(text, f"{dataset!r}: datapackage.json", "descriptor_not_json", page=page)
    source = (descriptor.get("sources") or [{}])[0]
    source_name = PurePosixPath(str(source.get("path"))).name if isinstance(source, dict) else None
    if "source" not in resources and source_name in unmarked:
        raise _edited(source_name, page)
    if "source" in resources and isinstance(source, dict) and isinstance(source.get("path"), str):
        # the decision's text: a later import-plan knows from it which files are its own
        target = _inside(out_dir, source["path"], page)
        target.parent.mkdir(parents=True, exist_ok=True)
        _fetch(client, resources["source"], target, result, max_bytes)
    for entry in descriptor.get("resources", []):
        resource = resources.get(entry.get("name"))
        if resource is None and PurePosixPath(str(entry.get("path"))).name in unmarked:
            raise _edited(PurePosixPath(entry["path"]).name, page)
        if resource is None:
            table = str(entry.get("name"))
            detail = f"dataset {dataset!r} has no resource for table {table!r}"
            raise PullError(detail, "no_table", table=table, page=page)
        _fetch(client, resource, _inside(out_dir, entry["path"], page), result, max_bytes)
        if isinstance(entry.get("schema"), str):
            name = resource["name"]
            schema = resource.get("schema") or "null"
            if isinstance(schema, str):
                schema = _json(
                    schema,
                    f"resource {name!r}: the Table Schema",
                    "schema_not_json",
                    resource=name,
                    page=page,
                )
            if not schema:
                detail = f"resource {name!r} has no Table Schema on the portal"
                raise PullError(detail, "no_schema", resource=name, page=page)
            target = _inside(out_dir, entry["schema"], page)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json_text(schema), encoding="utf-8")
            result.files.append(entry["schema"])
    return result


def dataset_page(client: CkanClient, name: str) -> str:
    """The dataset's page on the portal: where a reader downloads its files one by one."""
    return f"{client.url}/dataset/{name}"


def _edited(file: str, page: str) -> ReplacedOnPortal:
    """FILE's resource was saved in the portal's form: it is known by its name alone."""
    return ReplacedOnPortal(f"{file}: {EDITED}", "edited_in_form", file=file, page=page)


def _json(text: str, what: str, reason: str, **params: str) -> object:
    """Parse JSON kept on the portal; broken text is the portal's fault, not a crash.
    WHAT names it in the English; REASON and PARAMS, in the user's language."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        detail = f"{what} on the portal is not valid JSON ({error}); publish the package again"
        raise PullError(detail, reason, line=str(error.lineno), column=str(error.colno), **params) from error


def _fetch(client: CkanClient, resource: dict, dest: Path, result: PullResult, max_bytes: int) -> None:
    url, file = str(resource.get("url")), resource["name"]
    page = dataset_page(client, result.dataset)
    if resource.get("url_type") != "upload":  # a link put in its place: not the file published
        raise ReplacedOnPortal(
            f"{file}: replaced by a link to {url}", "replaced_by_link", file=file, url=url, page=page
        )
    if not is_web_address(url):  # file://…: never a file the portal keeps
        detail = f"{file}: its address {url} is not http(s)"
        raise ReplacedOnPortal(detail, "not_http", file=file, url=url, page=page)
    try:
        sha = client.download(url, dest, max_bytes=max_bytes)
    except DownloadCut as cut:
        raise type(cut)(f"{file}: {cut}", file=file, **cut.params) from None
    expected = resource.get("opendata_sha256")
    if expected and expected != "pending" and sha != expected:
        detail = f"{file}: the downloaded file does not match its published hash"
        raise ReplacedOnPortal(detail, "hash_mismatch", file=file, page=page)
    result.files.append(dest.relative_to(result.out_dir).as_posix())


def _inside(out_dir: Path, relative: str, page: str) -> Path:
    """OUT_DIR/RELATIVE, refusing paths that would leave OUT_DIR."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts:
        raise PullError(
            f"refusing to write {relative!r} outside {out_dir}", "outside", path=relative, page=page
        )
    return out_dir.joinpath(*path.parts)
