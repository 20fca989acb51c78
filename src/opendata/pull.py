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
    NotFound,
    PortalError,
)
from opendata.package import json_text
from opendata.paths import is_web_address
from opendata.publish import MANAGED_MARK, uploaded_file_name


class PullError(PortalError):
    """The dataset on the portal is not a package this tool can rebuild."""

    exit_code = 2


class ReplacedOnPortal(PullError):
    """A file of the dataset is not the one published: uploaded over it by hand, or
    saved in the portal's form, which drops the hash and the marks publish leaves."""


EDITED = "saved in the portal's form, which dropped the hash and the marks publish left on it"


class DatasetNotFound(NotFound):
    """The portal has no dataset by the name given (a typo, or a dataset deleted)."""


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
    resources = {r[MANAGED_MARK]: r for r in package.get("resources", []) if r.get(MANAGED_MARK)}
    unmarked = {  # saved in the portal's form: known by their name, or their file's
        name
        for r in package.get("resources", [])
        if not r.get(MANAGED_MARK)
        for name in (r.get("name"), uploaded_file_name(r))
    }
    if "datapackage" not in resources and "datapackage.json" in unmarked:
        raise ReplacedOnPortal(f"datapackage.json: {EDITED}", file="datapackage.json")
    if "datapackage" not in resources:
        raise PullError(
            f"dataset {dataset!r} has no datapackage.json published by opendata; cannot rebuild it"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    result = PullResult(dataset=package["name"], out_dir=out_dir)
    _fetch(client, resources["datapackage"], out_dir / "datapackage.json", result, max_bytes)
    descriptor = _json(
        (out_dir / "datapackage.json").read_text(encoding="utf-8"), f"{dataset!r}: datapackage.json"
    )
    source = (descriptor.get("sources") or [{}])[0]
    source_name = PurePosixPath(str(source.get("path"))).name if isinstance(source, dict) else None
    if "source" not in resources and source_name in unmarked:
        raise ReplacedOnPortal(f"{source_name}: {EDITED}", file=source_name)
    if "source" in resources and isinstance(source, dict) and isinstance(source.get("path"), str):
        # the decision's text: a later import-plan knows from it which files are its own
        target = _inside(out_dir, source["path"])
        target.parent.mkdir(parents=True, exist_ok=True)
        _fetch(client, resources["source"], target, result, max_bytes)
    for entry in descriptor.get("resources", []):
        resource = resources.get(entry.get("name"))
        if resource is None and PurePosixPath(str(entry.get("path"))).name in unmarked:
            file = PurePosixPath(entry["path"]).name
            raise ReplacedOnPortal(f"{file}: {EDITED}", file=file)
        if resource is None:
            raise PullError(f"dataset {dataset!r} has no resource for table {entry.get('name')!r}")
        _fetch(client, resource, _inside(out_dir, entry["path"]), result, max_bytes)
        if isinstance(entry.get("schema"), str):
            schema = resource.get("schema") or "null"
            if isinstance(schema, str):
                schema = _json(schema, f"resource {resource['name']!r}: the Table Schema")
            if not schema:
                raise PullError(f"resource {resource['name']!r} has no Table Schema on the portal")
            target = _inside(out_dir, entry["schema"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json_text(schema), encoding="utf-8")
            result.files.append(entry["schema"])
    return result


def _json(text: str, what: str) -> object:
    """Parse JSON kept on the portal; broken text is the portal's fault, not a crash."""
    try:
        return json.loads(text)
    except ValueError as error:
        raise PullError(
            f"{what} on the portal is not valid JSON ({error}); publish the package again"
        ) from error


def _fetch(client: CkanClient, resource: dict, dest: Path, result: PullResult, max_bytes: int) -> None:
    url = str(resource.get("url"))
    if resource.get("url_type") != "upload":  # a link put in its place: not the file published
        raise ReplacedOnPortal(f"{resource['name']}: replaced by a link to {url}", file=resource["name"])
    if not is_web_address(url):  # file://…: never a file the portal keeps
        raise ReplacedOnPortal(f"{resource['name']}: its address {url} is not http(s)", file=resource["name"])
    try:
        sha = client.download(url, dest, max_bytes=max_bytes)
    except DownloadCut as cut:
        raise type(cut)(f"{resource['name']}: {cut}", file=resource["name"], **cut.params) from None
    expected = resource.get("opendata_sha256")
    if expected and expected != "pending" and sha != expected:
        mismatch = "the downloaded file does not match its published hash"
        raise ReplacedOnPortal(f"{resource['name']}: {mismatch}", file=resource["name"])
    result.files.append(dest.relative_to(result.out_dir).as_posix())


def _inside(out_dir: Path, relative: str) -> Path:
    """OUT_DIR/RELATIVE, refusing paths that would leave OUT_DIR."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts:
        raise PullError(f"refusing to write {relative!r} outside {out_dir}")
    return out_dir.joinpath(*path.parts)
