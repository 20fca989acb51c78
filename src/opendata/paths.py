"""Which paths a descriptor may name: the rule `validate` and the head start share."""

from __future__ import annotations

from pathlib import PurePosixPath


def escapes_folder(path: str) -> bool:
    """Whether a descriptor's local path leaves its folder: absolute, through "..", or a
    Windows drive or share (``C:\\…``, ``\\\\server\\…``)."""
    parts = PurePosixPath(path)
    return parts.is_absolute() or ".." in parts.parts or path.startswith("\\") or ":" in path[:3]
