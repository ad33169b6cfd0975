"""The case's own party data as identifiers to remove from the public letter."""

from __future__ import annotations

from imr.cases import CaseFile
from imr.phi import EntityType, KnownIdentifier


def _address(street: str, city: str, state: str, zip_code: str) -> list[KnownIdentifier]:
    return [
        KnownIdentifier(EntityType.ADDRESS, street),
        KnownIdentifier(EntityType.ADDRESS, f"{street}, {city}, {state} {zip_code}"),
        KnownIdentifier(EntityType.ZIP_CODE, zip_code),
    ]


def case_parties(case: CaseFile) -> list[KnownIdentifier]:
    found: list[KnownIdentifier] = []
    employee = case.employee
    found.append(KnownIdentifier(EntityType.EMPLOYEE, employee.name))
    found.append(KnownIdentifier(EntityType.DATE_OF_BIRTH, employee.date_of_birth.strftime("%m/%d/%Y")))
    found.append(KnownIdentifier(EntityType.DATE_OF_BIRTH, employee.date_of_birth.isoformat()))
    found.append(KnownIdentifier(EntityType.CLAIM_NUMBER, employee.claim_number))
    a = employee.address
    found += _address(a.street, a.city, a.state, a.zip)
    if employee.phone:
        found.append(KnownIdentifier(EntityType.PHONE, employee.phone))
    found.append(KnownIdentifier(EntityType.EMPLOYER, case.employer.name))
    if case.employer.address:
        e = case.employer.address
        found += _address(e.street, e.city, e.state, e.zip)
    administrator = case.claims_administrator
    found.append(KnownIdentifier(EntityType.CLAIMS_ADMINISTRATOR, administrator.company))
    if administrator.adjuster:
        found.append(KnownIdentifier(EntityType.ADJUSTER, administrator.adjuster))
    c = administrator.address
    found += _address(c.street, c.city, c.state, c.zip)
    if administrator.phone:
        found.append(KnownIdentifier(EntityType.PHONE, administrator.phone))
    physician = case.requesting_physician
    found.append(KnownIdentifier(EntityType.PROVIDER, physician.name))
    if physician.medical_group:
        found.append(KnownIdentifier(EntityType.ORGANIZATION, physician.medical_group))
    p = physician.address
    found += _address(p.street, p.city, p.state, p.zip)
    if physician.phone:
        found.append(KnownIdentifier(EntityType.PHONE, physician.phone))
    for attorney in case.attorneys:
        found.append(KnownIdentifier(EntityType.ATTORNEY, attorney.name))
        if attorney.firm:
            found.append(KnownIdentifier(EntityType.ORGANIZATION, attorney.firm))
        if attorney.address:
            t = attorney.address
            found += _address(t.street, t.city, t.state, t.zip)
    for provider in case.other_providers:
        found.append(KnownIdentifier(EntityType.PROVIDER, provider.name))
        if provider.organisation:
            found.append(KnownIdentifier(EntityType.ORGANIZATION, provider.organisation))
    return found
