"""The parties of a case: whom the letter goes to and who gets copies, and everyone and everything a public letter
must not name (the case file's parties and what the records name).

The case file gives the parties (worker, employer, claims administrator, providers, attorneys, record authors
and their organisations, every address and its city, licence and NPI numbers); the records add the people and
places they name themselves (family, coworkers, supervisors, an insurer, a city), found by the recognisers of
:mod:`imr.phi` and matched again in every spelling (:func:`imr.phi.identifiers_named_in`).
"""

from __future__ import annotations

from imr.cases import CaseFile
from imr.cases.model import Address, Attorney
from imr.errors import ImrError
from imr.phi import EntityType, KnownIdentifier, identifiers_named_in
from imr.text.sources import read_source

# Who writes each kind of record: a treating or reviewing clinician, or someone else (the worker, an employer).
_AUTHOR_TYPES = {
    "progress_report": EntityType.PROVIDER,
    "pt_note": EntityType.PROVIDER,
    "imaging_report": EntityType.PROVIDER,
    "ur_decision": EntityType.PROVIDER,
}


# How a copy line names each attorney, by the side they represent.
_ATTORNEY_ROLES = {"applicant": "Applicant's Attorney", "defense": "Defense Attorney"}


def postal_lines(address: Address) -> tuple[str, str]:
    """An address as an envelope writes it: the street line, then "City, ST 12345"."""
    return (address.street, f"{address.city}, {address.state} {address.zip}")


def addressee(case: CaseFile) -> tuple[str, ...]:
    """Whom the Final Determination goes to: the injured worker, at the address the application gives."""
    return (case.employee.name, *postal_lines(case.employee.address))


def _attorney_copy(attorney: Attorney) -> tuple[str, tuple[str, ...]]:
    lines = [attorney.name]
    if attorney.firm:
        lines.append(attorney.firm)
    if attorney.address:
        lines += postal_lines(attorney.address)
    return (_ATTORNEY_ROLES[attorney.represents], tuple(lines))


def copy_recipients(case: CaseFile) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Who receives a copy ("cc:"), as ``(role, lines)``: the claims administrator (to the adjuster's attention),
    the requesting physician and every attorney, each with the postal address the case file gives."""
    administrator = case.claims_administrator
    attention = (f"Attn: {administrator.adjuster}",) if administrator.adjuster else ()
    physician = case.requesting_physician
    group = (physician.medical_group,) if physician.medical_group else ()
    return (
        ("Claims Administrator", (administrator.company, *attention, *postal_lines(administrator.address))),
        ("Requesting Physician", (physician.name, *group, *postal_lines(physician.address))),
        *(_attorney_copy(attorney) for attorney in case.attorneys),
    )


def _address(address: Address) -> list[KnownIdentifier]:
    return [
        KnownIdentifier(EntityType.ADDRESS, address.street),
        KnownIdentifier(EntityType.ADDRESS, f"{address.street}, {address.city}, {address.state} {address.zip}"),
        KnownIdentifier(EntityType.CITY, address.city),
        KnownIdentifier(EntityType.ZIP_CODE, address.zip),
    ]


def case_file_parties(case: CaseFile) -> list[KnownIdentifier]:
    """The identifiers the case file itself holds."""
    found: list[KnownIdentifier] = []
    employee = case.employee
    found.append(KnownIdentifier(EntityType.EMPLOYEE, employee.name))
    found.append(KnownIdentifier(EntityType.DATE_OF_BIRTH, employee.date_of_birth.strftime("%m/%d/%Y")))
    found.append(KnownIdentifier(EntityType.DATE_OF_BIRTH, employee.date_of_birth.isoformat()))
    found.append(KnownIdentifier(EntityType.CLAIM_NUMBER, employee.claim_number))
    found += _address(employee.address)
    if employee.phone:
        found.append(KnownIdentifier(EntityType.PHONE, employee.phone))
    found.append(KnownIdentifier(EntityType.EMPLOYER, case.employer.name))
    if case.employer.address:
        found += _address(case.employer.address)
    administrator = case.claims_administrator
    found.append(KnownIdentifier(EntityType.CLAIMS_ADMINISTRATOR, administrator.company))
    if administrator.adjuster:
        found.append(KnownIdentifier(EntityType.ADJUSTER, administrator.adjuster))
    found += _address(administrator.address)
    if administrator.phone:
        found.append(KnownIdentifier(EntityType.PHONE, administrator.phone))
    physician = case.requesting_physician
    found.append(KnownIdentifier(EntityType.PROVIDER, physician.name))
    if physician.medical_group:
        found.append(KnownIdentifier(EntityType.ORGANIZATION, physician.medical_group))
    if physician.npi:
        found.append(KnownIdentifier(EntityType.ID_NUMBER, physician.npi))
    if physician.license_number:
        found.append(KnownIdentifier(EntityType.LICENSE_NUMBER, physician.license_number))
    found += _address(physician.address)
    if physician.phone:
        found.append(KnownIdentifier(EntityType.PHONE, physician.phone))
    for attorney in case.attorneys:
        found.append(KnownIdentifier(EntityType.ATTORNEY, attorney.name))
        if attorney.firm:
            found.append(KnownIdentifier(EntityType.ORGANIZATION, attorney.firm))
        if attorney.address:
            found += _address(attorney.address)
    for provider in case.other_providers:
        found.append(KnownIdentifier(EntityType.PROVIDER, provider.name))
        if provider.organisation:
            found.append(KnownIdentifier(EntityType.ORGANIZATION, provider.organisation))
    for record in case.records:
        found.append(KnownIdentifier(_AUTHOR_TYPES.get(record.type, EntityType.PERSON), record.author))
        if record.organisation:
            found.append(KnownIdentifier(EntityType.ORGANIZATION, record.organisation))
    return _unique(found)


def _record_texts(case: CaseFile) -> list[str]:
    texts: list[str] = []
    for record in case.records:
        try:
            texts.append(read_source(case.record_path(record), name=record.file).text)
        except ImrError:
            continue  # an unreadable record stops the review before any letter is written
    return texts


def case_parties(case: CaseFile, record_texts: list[str] | None = None) -> list[KnownIdentifier]:
    """The case file's parties and the identifiers the records name (read from the case folder when
    ``record_texts`` is not given), plus what the case file's own free text (request titles, UR guideline lines)
    names."""
    parties = case_file_parties(case)
    texts = _record_texts(case) if record_texts is None and case.folder is not None else list(record_texts or [])
    for item in case.items:
        texts += [item.request, item.modified_to or "", item.ur_guideline or ""]
    return [*parties, *identifiers_named_in(texts, parties)]


def _unique(identifiers: list[KnownIdentifier]) -> list[KnownIdentifier]:
    seen: set[tuple[str, str]] = set()
    kept: list[KnownIdentifier] = []
    for identifier in identifiers:
        key = (identifier.entity_type, " ".join(identifier.value.split()).casefold())
        if key not in seen:
            seen.add(key)
            kept.append(identifier)
    return kept
