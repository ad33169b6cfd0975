"""Detection and redaction in one step, for the public version of a letter."""

from __future__ import annotations

from collections.abc import Sequence

from imr.phi.config import RedactionConfig
from imr.phi.detect import detect_identifiers
from imr.phi.redact import RedactedText, redact
from imr.phi.spans import KnownIdentifier

# A removed identifier becomes a word that says what it was ("by [provider], dated"), never a gap.
PUBLIC_LETTER = RedactionConfig(operator="placeholder")


def redact_for_publication(
    text: str,
    parties: Sequence[KnownIdentifier] = (),
    config: RedactionConfig = PUBLIC_LETTER,
    *,
    public_terms: Sequence[str] = (),
) -> RedactedText:
    """``text`` with the case's parties and every other identifier found replaced by a placeholder (or as
    ``config`` says). ``text`` is plain text (a field of a letter), never rendered HTML: redact first, then
    render and escape. ``public_terms`` (the review organisation's name) are left as written.

    >>> redact_for_publication("Seen by Dr. Okafor; call (559) 555-0142.").text
    'Seen by [provider]; call [phone number].'
    """
    spans = detect_identifiers(text, parties, min_score=config.min_score, public_terms=public_terms)
    return redact(text, spans, config)
