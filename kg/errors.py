"""Errors the package raises on purpose, each saying what happened, why, and the fix."""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class IngestError(KGError):
    """An input file could not be read as an article.

    Carries the file name and the cause so the batch can report it in one line
    and go on with the other files.
    """

    def __init__(self, source: str, cause: str) -> None:
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause


class StoreBusyError(KGError):
    """The on-disk store is locked by another process (a build is writing)."""

    def __init__(self, location: str) -> None:
        super().__init__(
            f"store busy: {location} is open for writing by another kg process; "
            "wait for it to finish, or query a copy (kg export) in the meantime"
        )
        self.location = location


class StoreError(KGError):
    """The store could not be opened or written."""


class QueryError(KGError):
    """A SPARQL query was malformed, unknown, or given wrong parameters."""
