"""Typed errors. Library code raises these; the CLI and web layer turn them into one line each."""

from __future__ import annotations


class ImrError(Exception):
    """Base of every error the project raises on purpose.

    ``source`` names the file (or ``<stdin>`` / ``<text>``) the problem was found in, ``field`` the key or
    section, so the message a user sees can point at the exact place.
    """

    def __init__(self, message: str, *, source: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.field = field

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.field) if p]
        where = ": ".join(parts)
        return f"{where}: {self.message}" if where else self.message


class InputError(ImrError):
    """The input could not be read at all: empty, binary, a corrupt PDF, undecodable text."""


class LetterFormatError(ImrError):
    """The text was read but is not an IMR determination letter we can parse (no decisions, cut off...)."""


class RequestParseError(ImrError):
    """A treatment request text names no service the vocabulary knows."""


class RuleFileError(ImrError):
    """A guideline rule file or vocabulary file is malformed."""


class CaseFileError(ImrError):
    """A case file (case.yaml / case JSON) is missing fields or has wrong values."""


class PanelError(ImrError):
    """A reviewer panel file is malformed."""


class SignatureError(ImrError):
    """A signed determination was changed, or signing was refused."""


class SigningKeyError(ImrError):
    """The review organisation's signing key could not be found, read, created, or is not fit to sign with."""


class StoreError(ImrError):
    """The case store refused an action: bad values for a stored case, or a step taken out of order."""


class NotFoundError(StoreError):
    """No such case, record, user or file in the store (or none the acting user may see)."""


class PermissionDeniedError(StoreError):
    """The acting user's role, or their relation to the case, does not allow the action."""


class ConflictError(StoreError):
    """Someone else changed the case first (its version moved on), or the action clashes with what is stored."""


class SignedCaseError(ConflictError):
    """A signed determination has no update path: every attempt to change one is refused (and audited)."""
