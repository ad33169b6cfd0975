"""Conflict-of-interest checks: does a reviewer's affiliation name a party to the case?

The parties are the employer, the employee, the claims administrator (and its adjuster and UR organisation),
the requesting physician and their medical group, and every other provider named in the case or as a record's
author (LC 139.5; Maximus letters attest "no affiliation with the employer, employee, providers or the claims
administrator").

Names are compared as sets of words after folding case, turning "&" into "and", dropping punctuation,
company suffixes (Inc., LLC, Corp., A Professional Corporation...), degrees and titles (M.D., Dr.), middle
initials and small words. So "Golden Poppy Claims Services, Inc." matches "golden poppy claims services" and
"Reyes, Alan J., M.D." matches "Dr. Alan Reyes"; "Golden Poppy Insurance" does not match "Golden Poppy Claims
Services". Word order does not matter; a missing or extra word does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr.cases.model import CaseFile
from imr.cases.panel import Reviewer

_DROP = frozenset(
    {
        # company forms
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company",
        "pc", "apc", "pllc", "plc", "professional",
        # degrees, titles, generational suffixes
        "md", "do", "dc", "dpt", "pt", "phd", "psyd", "lac", "rn", "np", "pac", "facs", "faaos", "mph", "qme",
        "dr", "mr", "mrs", "ms", "jr", "sr", "ii", "iii", "iv",
        # small words
        "a", "an", "and", "of", "the", "for", "at",
    }
)  # fmt: skip

_RECORD_ROLES = {
    "progress_report": "treating provider",
    "pt_note": "physical therapist",
    "imaging_report": "imaging provider",
    "ur_decision": "utilization reviewer (for the claims administrator)",
    "other": "record author",
}


def name_key(name: str) -> frozenset[str]:
    """The comparable form of a person's or organisation's name (empty when nothing meaningful is left)."""
    # Dropping the dots first turns "M.D." into "md" and "P.C." into "pc" before splitting on punctuation.
    text = name.casefold().replace("&", " and ").replace(".", "")
    words = re.findall(r"[^\W_]+", text)
    return frozenset(w for w in words if len(w) > 1 and w not in _DROP)


@dataclass(frozen=True, slots=True)
class Party:
    role: str  # "employer", "claims administrator", "requesting physician's medical group", ...
    name: str


@dataclass(frozen=True, slots=True)
class Conflict:
    party: Party
    affiliation_kind: str  # "insurer / claims administrator", "medical group", ...
    affiliation: str  # the name as the panel file writes it

    def describe(self) -> str:
        if self.affiliation_kind == "self":
            return f"is the {self.party.role} in this case"
        same = "" if self.affiliation == self.party.name else f" (panel lists {self.affiliation!r})"
        return f"affiliated with the {self.party.role}, {self.party.name}{same}"


def case_parties(case: CaseFile) -> tuple[Party, ...]:
    parties: list[Party] = [
        Party("employer", case.employer.name),
        Party("employee", case.employee.name),
        Party("claims administrator", case.claims_administrator.company),
        Party("requesting physician", case.requesting_physician.name),
    ]
    if case.claims_administrator.adjuster:
        parties.append(Party("claims administrator's adjuster", case.claims_administrator.adjuster))
    if case.requesting_physician.medical_group:
        parties.append(Party("requesting physician's medical group", case.requesting_physician.medical_group))
    for provider in case.other_providers:
        parties.append(Party(f"treating provider ({provider.role})", provider.name))
        if provider.organisation:
            parties.append(Party(f"treating provider's organisation ({provider.role})", provider.organisation))
    for record in case.records:
        role = _RECORD_ROLES.get(record.type)
        if role is None:
            continue
        parties.append(Party(role, record.author))
        if record.organisation:
            parties.append(Party(f"{role}'s organisation", record.organisation))
    # One entry per name: the first role listed wins (the requesting physician's group before the same group
    # as a record author's organisation), so one affiliation gives one reason.
    unique: dict[frozenset[str], Party] = {}
    for party in parties:
        key = name_key(party.name)
        if key:
            unique.setdefault(key, party)
    return tuple(unique.values())


def find_conflicts(reviewer: Reviewer, parties: tuple[Party, ...]) -> tuple[Conflict, ...]:
    """Every (party, affiliation) pair whose names match, plus the reviewer being a party themself."""
    found: list[Conflict] = []
    own = name_key(reviewer.name)
    for party in parties:
        if own and name_key(party.name) == own:
            found.append(Conflict(party, "self", reviewer.name))
    for kind, affiliation in reviewer.affiliations.named():
        key = name_key(affiliation)
        if not key:
            continue
        found.extend(Conflict(party, kind, affiliation) for party in parties if name_key(party.name) == key)
    return tuple(found)
