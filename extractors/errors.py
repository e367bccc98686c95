"""Why a document could not be read: raised by readers, recorded by the flow as a rejection."""

from __future__ import annotations


class UnreadableDocument(Exception):
    """The bytes are not a letter we can read (empty, binary, corrupt, encrypted, too large)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
