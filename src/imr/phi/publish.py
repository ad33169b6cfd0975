"""Detection and redaction in one step, for the public version of a letter."""

from __future__ import annotations

from collections.abc import Sequence

from imr.phi.config import RedactionConfig
from imr.phi.detect import detect_identifiers
from imr.phi.redact import RedactedText, redact
from imr.phi.spans import KnownIdentifier

PUBLIC_LETTER = RedactionConfig()


def redact_for_publication(
    text: str, parties: Sequence[KnownIdentifier] = (), config: RedactionConfig = PUBLIC_LETTER
) -> RedactedText:
    """``text`` with the case's parties and every other identifier found removed (or as ``config`` says)."""
    return redact(text, detect_identifiers(text, parties, min_score=config.min_score), config)
