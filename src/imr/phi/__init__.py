"""Identifiers in IMR records and letters: detect them (``detect``), then redact them (``redact``).

Detection and redaction are joined by one record, :class:`IdentifierSpan`; the case's own party data comes in
as :class:`KnownIdentifier` values, and so do the people and places a record names (``identifiers_named_in``).
Clinical text that looks like an identifier ("Parkinson disease", "CPT 97110") is kept by the allow-list of
``data/phi/clinical_terms.yaml``.
"""

from imr.phi.config import RedactionConfig, load_redaction_config, read_redaction_config
from imr.phi.detect import detect_identifiers
from imr.phi.errors import (
    IdentifierSpanError,
    KnownIdentifierError,
    RedactionConfigError,
    RedactionOperatorError,
)
from imr.phi.harvest import identifiers_named_in
from imr.phi.operators import OPERATORS
from imr.phi.publish import PUBLIC_LETTER, redact_for_publication
from imr.phi.redact import RedactedText, Replacement, redact
from imr.phi.spans import ENTITY_TYPES, EntityType, IdentifierSpan, KnownIdentifier

__all__ = [
    "ENTITY_TYPES",
    "OPERATORS",
    "PUBLIC_LETTER",
    "EntityType",
    "IdentifierSpan",
    "IdentifierSpanError",
    "KnownIdentifier",
    "KnownIdentifierError",
    "RedactedText",
    "RedactionConfig",
    "RedactionConfigError",
    "RedactionOperatorError",
    "Replacement",
    "detect_identifiers",
    "identifiers_named_in",
    "load_redaction_config",
    "read_redaction_config",
    "redact",
    "redact_for_publication",
]
