"""Rules about paths that several commands share: which paths a descriptor may name
(`validate`, the head start), which addresses are followed (the plan page, `pull`), and
which files an output folder holds (`build`, `audit`)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# what a file manager leaves in a folder the officer sees as empty
SYSTEM_FILES = frozenset({"desktop.ini", "thumbs.db"})


def escapes_folder(path: str) -> bool:
    """Whether a descriptor's local path leaves its folder: absolute, through "..", or a
    Windows drive or share (``C:\\…``, ``\\\\server\\…``)."""
    parts = PurePosixPath(path)
    return parts.is_absolute() or ".." in parts.parts or path.startswith("\\") or ":" in path[:3]


def leaves_folder(folder: Path, relative: str) -> bool:
    """Whether FOLDER/RELATIVE, its links followed, lies outside FOLDER: a file in the
    package that is a link (symlink) to a file elsewhere, which a build would copy."""
    return not (folder / relative).resolve().is_relative_to(folder.resolve())


def is_web_address(text: object) -> bool:
    """Whether TEXT is an http(s) address: the only kind a page links, or a download fetches
    (``javascript:`` runs in the reader's browser, ``file://`` reads this computer)."""
    return isinstance(text, str) and text.lower().startswith(("http://", "https://"))


def files_in(folder: Path) -> set[str]:
    """The files below FOLDER ("/"-separated, relative), without hidden ones (.DS_Store)
    and a file manager's own (desktop.ini): to the officer the folder is empty without
    them.  Links to folders are not followed."""
    if not folder.is_dir():
        return set()
    found = set()
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.is_dir() or any(part.startswith(".") for part in relative.parts):
            continue
        if path.name.lower() not in SYSTEM_FILES:
            found.add(relative.as_posix())
    return found
