"""The Final Determination as data, ready for the templates: every sentence comes from the case, the
assigned reviewer's qualifications, the composed summary or the decision trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imr.cases import CaseFile, ReviewerQualifications
from imr.cases.assign import MIN_ACTIVE_HOURS_PER_WEEK, MIN_YEARS_IN_PRACTICE
from imr.letters.issues_section import decision_word, reviewer_guideline_line
from imr.records import Determination
from imr.review.config import OrganisationConfig
from imr.review.notices import letter_date_text, letter_notices
from imr.review.parties import addressee, copy_recipients
from imr.review.records import CaseRecords
from imr.review.summary import SummarySentence
from imr.text.dates import letter_date
from imr.text.wording import join_words

STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LetterItemView:
    index: int
    request: str
    decision: str | None  # "upheld", "overturned" or None (undecided)
    decision_word: str
    claims_administrator_line: str
    reviewer_line: str
    rationale: str
    changed_by_reviewer: bool = False


@dataclass(frozen=True, slots=True)
class FinalDetermination:
    organisation: str
    guideline_label: str
    case_number: str
    priority: str
    header: tuple[tuple[str, str], ...]  # (label, value) pairs
    how_made: str
    documents: tuple[str, ...]
    summary: tuple[SummarySentence, ...]
    items: tuple[LetterItemView, ...]
    status: str  # "draft" or "signed"
    signed_on: str | None = None  # as a letter writes it: "December 5, 2026"
    appeal_heading: str = ""
    appeal_notice: str = ""  # the right to appeal to the WCAB and its time limit (imr.review.notices)
    past_due_warning: str | None = None  # in a draft only: the decision is past its due date
    # What the organisation sends (a draft written before the letters carried them loads without them):
    letterhead: tuple[str, ...] = ()  # under the organisation's name: its postal address, then its contacts
    addressee: tuple[str, ...] = ()  # the injured worker: name, street, "City, ST 12345"
    copies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # cc: (role, (name, ..., "City, ST 12345"))
    signature_block: tuple[str, ...] = ()  # the reviewer's qualifications, never a name or an id

    def __post_init__(self) -> None:
        # determination.json keeps these as JSON lists, and imr.review.sign.letter_from_json passes them on as read
        object.__setattr__(self, "letterhead", tuple(self.letterhead))
        object.__setattr__(self, "addressee", tuple(self.addressee))
        object.__setattr__(self, "copies", tuple((role, tuple(lines)) for role, lines in self.copies))
        object.__setattr__(self, "signature_block", tuple(self.signature_block))

    @property
    def summary_text(self) -> str:
        return " ".join(sentence.text for sentence in self.summary)

    @property
    def salutation(self) -> str:
        """The greeting, "Dear <worker>:" (by full name: the case file does not say how the worker is addressed)."""
        return f"Dear {self.addressee[0]}:" if self.addressee else ""


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _certified_in(qualifications: ReviewerQualifications) -> list[str]:
    """The board certifications that made the reviewer suitable for the case (all of them when none is named)."""
    certified = [s for s in qualifications.relevant_specialties if s not in qualifications.subspecialties]
    return certified or list(qualifications.board_certifications)


def _state_names(qualifications: ReviewerQualifications) -> str:
    return join_words([STATE_NAMES.get(s, s) for s in qualifications.licensed_states])


def signature_block(organisation: OrganisationConfig, qualifications: ReviewerQualifications) -> tuple[str, ...]:
    """What the signature block says of the physician who signs: their role and qualifications, the same ones the
    letter gives in how_made_paragraph, and never their name or id."""
    noun = organisation.reviewer_noun
    role = " ".join(word[:1].upper() + word[1:] for word in noun.split())  # "Expert Reviewer"
    lines = [role, f"Board Certified in {join_words(_certified_in(qualifications))}"]
    if qualifications.subspecialties:
        lines.append(f"Subspecialty in {join_words(list(qualifications.subspecialties))}")
    lines.append(f"Licensed to practice in {_state_names(qualifications)}")
    return tuple(lines)


def how_made_paragraph(organisation: OrganisationConfig, qualifications: ReviewerQualifications) -> str:
    """The reviewer's qualifications in the statutory wording (LC 139.5; the seed letters print it): the
    minimums every reviewer on the panel meets, never the reviewer's own years or weekly hours, figures that
    would pick one reviewer out of the panel."""
    noun = organisation.reviewer_noun
    board = join_words(_certified_in(qualifications))
    sub = (
        f", holds a subspecialty in {join_words(list(qualifications.subspecialties))}"
        if qualifications.subspecialties
        else ""
    )
    states = _state_names(qualifications)
    years = _NUMBER_WORDS[MIN_YEARS_IN_PRACTICE]
    return (
        f"{organisation.name} gave the complete case file to an {noun} who has no affiliation with the employer, "
        f"the employee, the providers or the claims administrator. The {noun} is Board Certified in {board}{sub} "
        f"and is licensed to practice in {states}. The {noun} has been in active clinical practice for at least "
        f"{years} years and is currently working at least {MIN_ACTIVE_HOURS_PER_WEEK:g} hours a week in active "
        f"practice, and was chosen for clinical experience, training and expertise in specialties that evaluate or "
        f"treat the condition and the disputed services. The {noun} knows the laws and regulations that govern "
        f"Independent Medical Review, including the strength-of-evidence hierarchy that applies to these "
        f"determinations."
    )


def _documents(records: CaseRecords) -> tuple[str, ...]:
    kinds = {
        "progress_report": "Progress report",
        "pt_note": "Physical therapy note",
        "ur_decision": "Utilization review decision",
        "imaging_report": "Imaging report",
        "application": "Application for Independent Medical Review",
        "other": "Record",
    }
    return tuple(
        f"{kinds.get(d.kind, 'Record')} by {d.author}, dated {letter_date_text(d.date)}" for d in records.documents
    )


def build_final_determination(
    case: CaseFile,
    organisation: OrganisationConfig,
    qualifications: ReviewerQualifications,
    summary: tuple[SummarySentence, ...],
    determination: Determination,
    records: CaseRecords,
    decision_date: dt.date,
    past_due_warning: str | None = None,
) -> FinalDetermination:
    items = []
    for item, disputed in zip(determination.items, case.items, strict=True):
        items.append(
            LetterItemView(
                index=item.index,
                request=disputed.request.strip(),
                decision=item.decision.value if item.decision else None,
                decision_word=decision_word(item),
                claims_administrator_line=disputed.ur_guideline or "The claims administrator did not cite a guideline.",
                reviewer_line=reviewer_guideline_line(item),
                rationale=item.rationale,
            )
        )
    dates = case.dates
    header = (
        ("Case Number", case.case_number),
        ("Date of Injury", letter_date(dates.injury)),
        ("UR Denial Date", letter_date(dates.ur_decision)),
        ("Application Received", letter_date(dates.application_received)),
        ("Priority", case.priority.capitalize()),
        ("Decision Date", letter_date(decision_date)),
    )
    return FinalDetermination(
        organisation=organisation.name,
        guideline_label=organisation.guideline_label,
        case_number=case.case_number,
        priority=case.priority,
        header=header,
        how_made=how_made_paragraph(organisation, qualifications),
        documents=_documents(records),
        summary=summary,
        items=tuple(items),
        status="draft",
        appeal_heading=letter_notices().appeal_heading,
        appeal_notice=letter_notices().appeal_notice,
        past_due_warning=past_due_warning,
        letterhead=organisation.letterhead(),
        addressee=addressee(case),
        copies=copy_recipients(case),
        signature_block=signature_block(organisation, qualifications),
    )
