"""Identifiers a text names, turned into known identifiers so that every later mention is found too.

A record names the worker's husband once ("her husband Tom"), a coworker in full ("coworker Dana Whitfield") or
an insurer after a label ("Insurer: Redwood Mutual Insurance Company"). The letter may quote a sentence that
names them again without the words that gave them away ("Tom drove her to the visit", "Dana saw the fall").
Read from the records first, they become :class:`KnownIdentifier` values, and the party matcher then finds them
in every spelling it knows (first name alone, initials, "Mr. Surname", upper case).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from imr.phi.detect import detect_identifiers
from imr.phi.errors import KnownIdentifierError
from imr.phi.parties import RECOGNISER_NAME as PARTY_RECOGNISER
from imr.phi.parties import party_regexes
from imr.phi.spans import EntityType, KnownIdentifier
from imr.phi.vocabulary import load_vocabulary

# What is worth looking for again: names, places and numbers. A birth date or a ZIP code found by a pattern
# is found by the same pattern wherever it recurs.
HARVESTED_TYPES = frozenset(
    {
        EntityType.EMPLOYEE,
        EntityType.EMPLOYER,
        EntityType.PROVIDER,
        EntityType.CLAIMS_ADMINISTRATOR,
        EntityType.ADJUSTER,
        EntityType.ATTORNEY,
        EntityType.PERSON,
        EntityType.ORGANIZATION,
        EntityType.CITY,
        EntityType.ADDRESS,
        EntityType.PHONE,
        EntityType.EMAIL,
        EntityType.CLAIM_NUMBER,
        EntityType.CASE_NUMBER,
        EntityType.ID_NUMBER,
        EntityType.LICENSE_NUMBER,
    }
)


def identifiers_named_in(
    texts: Iterable[str], parties: Sequence[KnownIdentifier] = (), *, public_terms: Sequence[str] = ()
) -> tuple[KnownIdentifier, ...]:
    """Every identifier the recognisers find in ``texts`` that ``parties`` do not already hold, once each.

    >>> [p.value for p in identifiers_named_in(["She lives with her husband Tom."])]
    ['Tom']
    """
    vocabulary = load_vocabulary()
    known = {(p.entity_type, " ".join(p.value.split()).casefold()) for p in parties}
    found: list[KnownIdentifier] = []
    for text in texts:
        for span in detect_identifiers(text, parties, public_terms=public_terms):
            if span.recogniser == PARTY_RECOGNISER or span.entity_type not in HARVESTED_TYPES:
                continue
            value = " ".join(text[span.start : span.end].split()).strip(" ,;:")
            key = (span.entity_type, value.casefold())
            if not value or key in known:
                continue
            try:
                identifier = KnownIdentifier(span.entity_type, value)
                party_regexes(identifier, vocabulary)
            except KnownIdentifierError:
                continue  # nothing left to match by ("Dr." alone)
            known.add(key)
            found.append(identifier)
    return tuple(found)
