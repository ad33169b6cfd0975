"""Errors of the identifier detection and redaction stage.

They subclass :class:`imr.errors.ImrError` like every error the project raises on purpose; they live here
until ``imr.errors`` takes them over.
"""

from __future__ import annotations

from imr.errors import ImrError


class KnownIdentifierError(ImrError):
    """A party value handed to the detector is unusable (unknown entity type, empty, unreadable date)."""


class RedactionOperatorError(ImrError):
    """A redaction operator name is not one of the known operators."""


class RedactionConfigError(ImrError):
    """A redaction configuration has a bad key or value."""


class IdentifierSpanError(ImrError):
    """A span handed to ``redact`` does not fit the text it is said to come from."""
