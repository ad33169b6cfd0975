"""The records that join detection and redaction: what kind of identifier sits where, and why we think so."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from imr.phi.errors import KnownIdentifierError


class EntityType(StrEnum):
    """Kinds of identifier removed from the published letter.

    The party roles (employee, employer, provider, ...) are kept apart from the generic ``PERSON`` and
    ``ORGANIZATION`` so the ``tag`` operator can say who was removed ("[EMPLOYER]").
    """

    EMPLOYEE = "EMPLOYEE"
    EMPLOYER = "EMPLOYER"
    PROVIDER = "PROVIDER"
    CLAIMS_ADMINISTRATOR = "CLAIMS_ADMINISTRATOR"
    ADJUSTER = "ADJUSTER"
    ATTORNEY = "ATTORNEY"
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    ADDRESS = "ADDRESS"
    CITY = "CITY"
    ZIP_CODE = "ZIP_CODE"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    SSN = "SSN"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    CLAIM_NUMBER = "CLAIM_NUMBER"
    CASE_NUMBER = "CASE_NUMBER"
    ID_NUMBER = "ID_NUMBER"
    LICENSE_NUMBER = "LICENSE_NUMBER"


ENTITY_TYPES: frozenset[str] = frozenset(e.value for e in EntityType)


@dataclass(frozen=True, slots=True)
class IdentifierSpan:
    """One identifier found in a text: ``text[start:end]`` is of kind ``entity_type``.

    ``recogniser`` names the recogniser that found it and ``reason`` says why, in words that never repeat
    the identifier itself (so spans can be logged).
    """

    entity_type: str
    start: int
    end: int
    score: float
    recogniser: str
    reason: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"bad identifier span {self.start}..{self.end}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"identifier score {self.score} is outside 0..1")

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: IdentifierSpan) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class KnownIdentifier:
    """A value the case file says identifies a party: the employee's name, the employer, a phone number...

    ``entity_type`` is one of :class:`EntityType`; ``value`` is written as in the case file ("John Q. Smith",
    "Acme Widgets, Inc.", "1200 Harbor View Blvd, Suite 410, Fresno, CA 93721", "(559) 555-0142").
    """

    entity_type: str
    value: str

    def __post_init__(self) -> None:
        if self.entity_type not in ENTITY_TYPES:
            known = ", ".join(sorted(ENTITY_TYPES))
            raise KnownIdentifierError(
                f"unknown entity type {self.entity_type!r} (known: {known})", field="entity_type"
            )
        if not self.value.strip():
            raise KnownIdentifierError(f"empty value for {self.entity_type}", field="value")
