"""A failure in this tool's own words, told to the user in their language."""

from __future__ import annotations


class OwnWords(Exception):
    """What the user reads is ``messages.FAILURES``: the class's line (what failed), then the
    ``reason``'s line (why, and the fix), filled in with ``params`` (the file, the line, the
    columns), in the user's language.  str() is the English, for JSON and logs.  With no
    reason, the details are the system's or a library's words, shown as they are."""

    def __init__(self, detail: str, reason: str | None = None, **params: object) -> None:
        super().__init__(detail)
        self.reason = reason
        self.params = params
