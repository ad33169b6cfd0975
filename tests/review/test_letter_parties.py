"""What the organisation sends: its letterhead, the worker the letter is addressed to, the parties copied, and a
signature block that gives the reviewer's qualifications and never the reviewer's name.

One review of the bundled example per module; the facts that change the letter (no attorney, a second one,
other qualifications, a signature) are changed one at a time on the case or on the drafted letter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from benchmarks.redaction import html_as_read

from imr.cases import CaseFile, ReviewerQualifications, load_case
from imr.cases.model import Address, Attorney
from imr.errors import CaseFileError
from imr.review import run_review, sign_determination
from imr.review.config import OrganisationConfig, load_organisation
from imr.review.document import FinalDetermination, signature_block
from imr.review.parties import addressee, case_parties, copy_recipients
from imr.review.public import public_letter
from imr.review.render import render_html, render_text
from imr.review.sign import letter_from_json
from imr.serialise import to_jsonable
from tests.conftest import REPOSITORY
from tests.support import pdf_text

EXAMPLES = REPOSITORY / "examples"
PANEL = EXAMPLES / "panel.yaml"
CASE = EXAMPLES / "standard-lumbar-pt-mri-norco"
TODAY = dt.date(2017, 11, 1)
LETTERS = ("letter.txt", "letter.html", "letter.pdf")
PUBLIC = ("public/letter.txt", "public/letter.html", "public/letter.pdf")
LETTERHEAD = ("MAXIMUS Federal Services", "P.O. Box 138009", "Sacramento, CA 95813-8009", "Phone (855) 865-8873")


def _flat(folder: Path, name: str) -> str:
    """What a reader of the letter sees, on one line: the PDF's text, the HTML without its tags."""
    path = folder / name
    if path.suffix == ".pdf":
        text = pdf_text(path)
    elif path.suffix == ".html":
        text = html_as_read(path.read_text(encoding="utf-8"))
    else:
        text = path.read_text(encoding="utf-8")
    return " ".join(text.split())


def _draft_letter(folder: Path) -> FinalDetermination:
    record = json.loads((folder / "determination.json").read_text(encoding="utf-8"))
    return letter_from_json(record["letter"])


def _qualifications(
    certifications: tuple[str, ...] = ("Orthopaedic Surgery",),
    subspecialties: tuple[str, ...] = (),
    states: tuple[str, ...] = ("CA", "NV"),
) -> ReviewerQualifications:
    return ReviewerQualifications(
        degree="MD",
        board_certifications=certifications,
        subspecialties=subspecialties,
        relevant_specialties=(*certifications, *subspecialties),
        licensed_states=states,
        california_licensed="CA" in states,
        years_in_practice=22,
        active_practice_hours_per_week=40,
    )


@pytest.fixture(scope="module")
def case() -> CaseFile:
    return load_case(CASE)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parties") / "out"
    result = run_review(CASE, PANEL, out, today=TODAY)
    assert result.outcome == "drafted", result.message
    return out


@pytest.fixture(scope="module")
def signed(drafted: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("signed") / "out"
    shutil.copytree(drafted, out)
    sign_determination(out, "R-101", now=dt.datetime(2026, 12, 5, 15, 30, tzinfo=dt.UTC))
    return out


# ---- the organisation's letterhead -----------------------------------------------------------------------------


def test_the_default_organisation_has_its_published_address_and_phone() -> None:
    assert load_organisation().letterhead() == LETTERHEAD[1:]


def test_an_organisation_file_without_a_letterhead_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "organisation.yaml"
    path.write_text("name: Sierra IMR Associates\nguideline_label: SIERRA\n", encoding="utf-8")
    organisation = load_organisation(path)
    assert organisation.address is None and organisation.letterhead() == ()


def test_every_contact_given_is_on_the_letterhead() -> None:
    organisation = OrganisationConfig.model_validate(
        {
            "name": "Sierra IMR Associates",
            "guideline_label": "SIERRA",
            "address": {
                "street_lines": ["1200 K Street", "Suite 400"],
                "city": "Sacramento",
                "state": "CA",
                "zip": 95814,
            },
            "phone": "(916) 555-0100",
            "fax": "(916) 555-0101",
            "web": "www.sierra-imr.example",
            "email": "imr@sierra-imr.example",
        }
    )
    assert organisation.letterhead() == (
        "1200 K Street",
        "Suite 400",
        "Sacramento, CA 95814",
        "Phone (916) 555-0100 | Fax (916) 555-0101 | Web www.sierra-imr.example | Email imr@sierra-imr.example",
    )


@pytest.mark.parametrize(
    ("address", "field"),
    [
        ({"street_lines": ["P.O. Box 1"], "city": "Sacramento", "state": "CA", "zip": "958"}, "address.zip"),
        ({"street_lines": [], "city": "Sacramento", "state": "CA", "zip": "95813"}, "address.street_lines"),
        ({"street_lines": ["P.O. Box 1"], "city": "Sacramento", "state": "Calif", "zip": "95813"}, "address.state"),
    ],
)
def test_a_bad_address_names_its_field(tmp_path: Path, address: dict[str, object], field: str) -> None:
    path = tmp_path / "organisation.yaml"
    path.write_text(yaml.safe_dump({"name": "X", "guideline_label": "X", "address": address}), encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        load_organisation(path)
    assert caught.value.field == field


@pytest.mark.parametrize("name", LETTERS + PUBLIC)
def test_every_letter_and_public_copy_carries_the_letterhead(drafted: Path, name: str) -> None:
    text = _flat(drafted, name)
    assert " ".join(LETTERHEAD) in text
    assert text.index("P.O. Box 138009") < text.index("Case Number")


# ---- whom the letter goes to, and the copies ---------------------------------------------------------------------


def test_the_letter_is_addressed_to_the_worker(drafted: Path, case: CaseFile) -> None:
    assert addressee(case) == ("Marisol Quintero", "1847 Tamarind Hollow Lane", "Long Beach, CA 90805")
    text = (drafted / "letter.txt").read_text(encoding="utf-8")
    assert "\nMarisol Quintero\n1847 Tamarind Hollow Lane\nLong Beach, CA 90805\n" in text
    assert "\nDear Marisol Quintero:\n" in text
    for name in ("letter.html", "letter.pdf"):
        assert "Marisol Quintero 1847 Tamarind Hollow Lane Long Beach, CA 90805" in _flat(drafted, name)


def test_the_letter_goes_to_whoever_the_case_file_names(drafted: Path, case: CaseFile) -> None:
    moved = case.model_copy(
        update={
            "employee": case.employee.model_copy(
                update={"name": "Ines Caldera", "address": Address(street="77 Oriole Row", city="Downey", zip="90241")}
            )
        }
    )
    letter = dataclasses.replace(_draft_letter(drafted), addressee=addressee(moved))
    text = render_text(letter)
    assert "\nInes Caldera\n77 Oriole Row\nDowney, CA 90241\n" in text and "Dear Ines Caldera:" in text
    assert "Marisol Quintero" not in text.split("HOW THE IMR")[0]


def test_copies_go_to_the_administrator_the_physician_and_each_attorney(drafted: Path) -> None:
    text = _flat(drafted, "letter.txt")
    copies = text[text.index("cc:") :]
    assert (
        "Claims Administrator: Golden Poppy Claims Services, Inc., Attn: Denise Farraday, "
        "18200 Quartz Ridge Parkway, Suite 300, Irvine, CA 92614"
    ) in copies
    assert (
        "Requesting Physician: Kenneth Yamasaki, MD, Harborview Occupational Medical Group, "
        "2140 Alder Crest Avenue, Suite 210, Long Beach, CA 90806"
    ) in copies
    assert (
        "Applicant's Attorney: Ramon Villalobos, Villalobos & Kerr LLP, 333 Marigold Plaza Drive, Suite 1200, "
        "Long Beach, CA 90802"
    ) in copies
    assert (
        "Defense Attorney: Charlotte Hsu, Brennan, Hsu & Okoro, 915 Larkspur Commons, Suite 800, Santa Ana, CA 92701"
    ) in copies
    for name in ("letter.html", "letter.pdf"):
        flat = _flat(drafted, name)
        assert "Villalobos & Kerr LLP, 333 Marigold Plaza Drive" in flat, name
        assert "Charlotte Hsu" in flat, name
    assert "Villalobos &amp; Kerr LLP" in (drafted / "letter.html").read_text(encoding="utf-8")  # escaped


def test_a_case_without_attorneys_copies_no_attorney(drafted: Path, case: CaseFile) -> None:
    alone = case.model_copy(update={"attorneys": []})
    assert [role for role, _ in copy_recipients(alone)] == ["Claims Administrator", "Requesting Physician"]
    letter = dataclasses.replace(_draft_letter(drafted), copies=copy_recipients(alone))
    for rendered in (render_text(letter), render_html(letter)):
        assert "Attorney" not in rendered and "Villalobos" not in rendered
        assert "Golden Poppy Claims Services" in rendered


def test_a_second_applicant_attorney_gets_a_copy_too(drafted: Path, case: CaseFile) -> None:
    second = Attorney(
        name="Yolanda Brisco",
        firm="Brisco Law Group",
        address=Address(street="40 Quince Court", city="Lakewood", zip="90712"),
        represents="applicant",
    )
    more = case.model_copy(update={"attorneys": [*case.attorneys, second]})
    roles = [role for role, _ in copy_recipients(more)]
    assert roles.count("Applicant's Attorney") == 2
    text = render_text(dataclasses.replace(_draft_letter(drafted), copies=copy_recipients(more)))
    flat = " ".join(text.split())
    assert "Applicant's Attorney: Yolanda Brisco, Brisco Law Group, 40 Quince Court, Lakewood, CA 90712" in flat
    assert "Applicant's Attorney: Ramon Villalobos" in flat


def test_an_attorney_without_firm_or_address_is_copied_by_name(case: CaseFile) -> None:
    solo = Attorney(name="Pedro Anaya", represents="defense")
    assert copy_recipients(case.model_copy(update={"attorneys": [solo]}))[-1] == ("Defense Attorney", ("Pedro Anaya",))


def test_an_administrator_without_an_adjuster_has_no_attention_line(case: CaseFile) -> None:
    administrator = case.claims_administrator.model_copy(update={"adjuster": None})
    role, lines = copy_recipients(case.model_copy(update={"claims_administrator": administrator}))[0]
    assert role == "Claims Administrator" and not any(line.startswith("Attn:") for line in lines)


# ---- the public copies name none of them -------------------------------------------------------------------------


def _party_details(case: CaseFile) -> list[str]:
    """Every name, street, city, ZIP and phone the new blocks print or could print."""
    administrator, physician = case.claims_administrator, case.requesting_physician
    values = [case.employee.name, case.employee.phone, administrator.company, administrator.adjuster]
    values += [administrator.phone, physician.name, physician.medical_group, physician.phone]
    addresses = [case.employee.address, administrator.address, physician.address]
    for attorney in case.attorneys:
        values += [attorney.name, attorney.firm]
        addresses.append(attorney.address)
    for address in addresses:
        if address is not None:
            values += [address.street, address.city, address.zip]
    return [value for value in values if value]


@pytest.mark.parametrize("name", PUBLIC)
def test_no_party_name_street_or_phone_reaches_a_public_copy(drafted: Path, case: CaseFile, name: str) -> None:
    text = _flat(drafted, name)
    assert [value for value in _party_details(case) if value in text] == []
    assert "Dear [worker]:" in text
    assert "Claims Administrator" in text and "Defense Attorney" in text  # the roles stay, the parties go


@pytest.mark.parametrize("name", LETTERS)
def test_the_private_letter_prints_what_the_public_one_hides(drafted: Path, case: CaseFile, name: str) -> None:
    """Otherwise the test above proves nothing: every detail but the phones is in the letter that is sent."""
    text = _flat(drafted, name)
    phones = {case.employee.phone, case.claims_administrator.phone, case.requesting_physician.phone}
    assert [v for v in _party_details(case) if v not in phones and v not in text] == []


def test_the_public_letter_redacts_the_new_fields_as_plain_text(drafted: Path, case: CaseFile) -> None:
    public = public_letter(_draft_letter(drafted), case_parties(case))
    assert public.addressee[0] == "[worker]"
    assert public.salutation == "Dear [worker]:"
    assert dict(public.copies)["Claims Administrator"][:2] == ("[claims administrator]", "Attn: [adjuster]")
    assert public.letterhead == LETTERHEAD[1:]  # the organisation is public


# ---- the signature block -----------------------------------------------------------------------------------------


def test_the_signature_block_gives_the_qualifications_given() -> None:
    organisation = load_organisation()
    assert signature_block(organisation, _qualifications()) == (
        "Expert Reviewer",
        "Board Certified in Orthopaedic Surgery",
        "Licensed to practice in California and Nevada",
    )
    pain = _qualifications(("Anesthesiology",), ("Pain Medicine",), ("CA",))
    assert signature_block(organisation, pain) == (
        "Expert Reviewer",
        "Board Certified in Anesthesiology",
        "Subspecialty in Pain Medicine",
        "Licensed to practice in California",
    )


def test_the_signature_block_says_nothing_that_picks_out_the_reviewer() -> None:
    block = " ".join(signature_block(load_organisation(), _qualifications()))
    assert "22" not in block and "40" not in block  # years in practice, weekly hours


@pytest.mark.parametrize("name", LETTERS + PUBLIC)
def test_the_draft_awaits_the_physician_reviewers_signature(drafted: Path, name: str) -> None:
    text = _flat(drafted, name)
    block = text[text.index("Awaiting the physician reviewer's signature.") :]
    assert block.startswith(
        "Awaiting the physician reviewer's signature. Expert Reviewer "
        "Board Certified in Physical Medicine and Rehabilitation Subspecialty in Pain Medicine "
        "Licensed to practice in California"
    )
    assert "Electronically signed" not in text


@pytest.mark.parametrize("name", LETTERS + PUBLIC)
def test_the_signed_letter_shows_the_signing_date(signed: Path, name: str) -> None:
    text = _flat(signed, name)
    assert "Electronically signed on December 5, 2026. Expert Reviewer Board Certified in" in text
    assert "Awaiting the physician reviewer's signature" not in text
    assert "Dear" in text and "cc:" in text  # signing keeps the addressee and the copies


def test_the_reviewer_is_never_named(drafted: Path, signed: Path) -> None:
    reviewers = yaml.safe_load(PANEL.read_text(encoding="utf-8"))["reviewers"]
    names = [r["name"] for r in reviewers]
    assert "Catherine Morrow-Ellis" in names
    for folder in (drafted, signed):
        for name in LETTERS + PUBLIC:
            text = _flat(folder, name)
            assert [n for n in names if n in text] == [], (folder, name)
            assert [r["id"] for r in reviewers if r["id"] in text] == [], (folder, name)


# ---- the draft on disk ---------------------------------------------------------------------------------------


def test_the_new_fields_survive_determination_json(drafted: Path, signed: Path) -> None:
    """imr sign rebuilds the letter from determination.json: what was drafted is what gets signed."""
    letter = _draft_letter(drafted)
    assert letter_from_json(to_jsonable(letter)) == letter
    assert letter.copies[0][1][0] == "Golden Poppy Claims Services, Inc."
    signed_letter = _draft_letter(signed)
    assert signed_letter.status == "signed" and signed_letter.signed_on == "December 5, 2026"
    for field in ("letterhead", "addressee", "copies", "signature_block"):
        assert getattr(signed_letter, field) == getattr(letter, field), field


def test_a_draft_from_before_the_letterhead_still_loads_and_renders(drafted: Path) -> None:
    record = json.loads((drafted / "determination.json").read_text(encoding="utf-8"))
    for field in ("letterhead", "addressee", "copies", "signature_block"):
        del record["letter"][field]
    letter = letter_from_json(record["letter"])
    assert (letter.letterhead, letter.addressee, letter.copies, letter.signature_block) == ((), (), (), ())
    text = render_text(letter)
    assert text.startswith("MAXIMUS Federal Services\nINDEPENDENT MEDICAL REVIEW - FINAL DETERMINATION\n")
    assert "Dear" not in text and "cc:" not in text
    assert "Awaiting the physician reviewer's signature." in text
