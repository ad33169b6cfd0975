"""Frozen records passed between the pipeline stages.

Every piece of text a record holds keeps the ``start``/``end`` offsets of the place in the source document it
came from, so it can be quoted, highlighted and redacted exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in a source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class TextField:
    """A piece of text as the reader understood it (reflowed), with its span in the source."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class DateField:
    value: dt.date
    span: Span
    raw: str


class Decision(StrEnum):
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class Layout(StrEnum):
    SEED = "seed"  # 2014-2015 public letters, text extracted with blank lines between lines
    Y2016 = "imr-2016"  # header block, credentials lines, "Section(s):" citations
    MAXIMUS_2013 = "maximus-2013"  # "Notice of Independent Medical Review Determination"
    MAXIMUS_FEDERAL = "maximus-federal"  # "MAXIMUS FEDERAL SERVICES, INC. Independent Medical Review"
    MEDICAL_PROFESSIONAL_REVIEW = "medical-professional-review"


# ----------------------------------------------------------------------------------------------------------
# Requests


@dataclass(frozen=True, slots=True)
class BodyRegion:
    """A normalised body region, e.g. ``lumbar_spine`` with laterality ``None``/``left``/``right``/``bilateral``."""

    region: str
    laterality: str | None = None

    def label(self) -> str:
        name = self.region.replace("_", " ")
        return f"{self.laterality} {name}" if self.laterality else name


@dataclass(frozen=True, slots=True)
class Drug:
    name: str  # generic name, lower case ("hydrocodone/acetaminophen")
    brand: str | None = None  # as written when a brand was used ("Norco")
    strength: str | None = None  # "10/325 mg"
    quantity: int | None = None  # "#120"
    days_supply: int | None = None
    drug_class: str | None = None  # "opioid", "nsaid", "ppi", ...
    form: str | None = None  # "patch", "gel", "cream", "tablet", ...


@dataclass(frozen=True, slots=True)
class TreatmentRequest:
    """What a disputed item asks for. Unknown stays ``None``: "Additional physical therapy" has no count."""

    text: str
    service: str  # vocabulary key, e.g. "physical_therapy", "mri", "medication"
    category: str  # "physical_medicine", "imaging", "electrodiagnostics", "medication", "dme", ...
    span: Span | None = None
    additional: bool | None = None  # True: additional/continued; False: explicitly initial; None: not said
    sessions: int | None = None
    frequency_per_week: int | None = None
    weeks: int | None = None
    regions: tuple[BodyRegion, ...] = ()
    drug: Drug | None = None
    retrospective: bool = False
    associated_surgical: bool = False  # "Associated surgical service: ..."
    postoperative: bool = False  # "Post-op ..."
    purchase: bool | None = None  # DME: purchase (True) / rental (False)
    rental_days: int | None = None
    original_text: str | None = None  # for "remaining IMR eligible portion": the original request
    unknown: tuple[str, ...] = ()  # names of attributes the text leaves unsaid


# ----------------------------------------------------------------------------------------------------------
# Citations


@dataclass(frozen=True, slots=True)
class PageRange:
    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True, slots=True)
class Citation:
    """One guideline a decision relied on, parsed from a citation line."""

    family: str  # vocabulary key: "mtus_chronic_pain", "acoem_low_back", "odg", ...
    title: str  # canonical title, e.g. "Chapter 12 Low Back Complaints"
    mtus: bool
    raw: str
    span: Span
    chapter: int | None = None
    edition_year: int | None = None
    sections: tuple[str, ...] = ()
    pages: tuple[PageRange, ...] = ()


@dataclass(frozen=True, slots=True)
class GuidelineLine:
    """A "Claims Administrator guideline:" or reviewer ("MAXIMUS guideline:") line."""

    raw: TextField
    citations: tuple[Citation, ...]
    no_evidence_cited: bool = False  # "did not cite any medical evidence"
    outside_mtus: bool = False  # "based their decision on recommendation(s) outside of the MTUS"
    mtus_not_basis: bool = False  # "did not base their decision on the MTUS"


# ----------------------------------------------------------------------------------------------------------
# Letters


@dataclass(frozen=True, slots=True)
class ReviewerQualifications:
    specialties: tuple[TextField, ...] = ()
    subspecialties: tuple[TextField, ...] = ()
    licensure_states: tuple[TextField, ...] = ()
    reviewer_noun: str | None = None  # "expert reviewer", "physician reviewer"


@dataclass(frozen=True, slots=True)
class LetterItem:
    index: int  # 1-based, in letter order
    title: TextField  # the item as titled (for a partly authorized request: the remaining disputed portion)
    heading: TextField  # the whole heading before ": Upheld"/": Overturned"
    request: TreatmentRequest | None  # None when the request parser could not read the title
    decision: Decision
    decision_span: Span
    claims_administrator_guideline: GuidelineLine | None
    reviewer_guideline: GuidelineLine | None
    rationale: TextField | None
    original_request: TextField | None = None  # "... was the original request."
    authorized_portion: TextField | None = None  # "... was authorized by the Claims Administrator."


@dataclass(frozen=True, slots=True)
class LetterHeader:
    case_number: TextField | None = None
    date_assigned: DateField | None = None
    date_of_injury: DateField | None = None
    decision_date: DateField | None = None
    ur_denial_date: DateField | None = None
    application_received: DateField | None = None
    priority: TextField | None = None


@dataclass(frozen=True, slots=True)
class Letter:
    source: str  # the path as given, "<stdin>" or "<text>"
    layout: Layout
    text: str  # the source text every span points into
    header: LetterHeader
    reviewer: ReviewerQualifications
    case_summary: TextField | None
    items: tuple[LetterItem, ...]
    documents_reviewed: tuple[TextField, ...] = ()
    review_organisation: str | None = None  # "MAXIMUS Federal Services"
    warnings: tuple[str, ...] = field(default=())


# ----------------------------------------------------------------------------------------------------------
# Clinical facts


class Presence(StrEnum):
    """What the record says about a finding."""

    PRESENT = "present"  # affirmed
    ABSENT = "absent"  # the record says it is not there ("no evidence of functional improvement")
    UNDOCUMENTED = "undocumented"  # the record says it was not documented, or is silent
    POSSIBLE = "possible"  # suspected, or to be ruled out
    HYPOTHETICAL = "hypothetical"  # conditional or planned: "if he develops fever", "should"


@dataclass(frozen=True, slots=True)
class Measure:
    """A measured change: a pain rating or an amount of activity before and after ("burning pain 8/10 ... 5/10",
    "sleeps 5 to 6 hours a night instead of 3"). A range ("5 to 6") counts by its middle."""

    before: float
    after: float
    unit: str  # "/10", "hours", "minutes", "blocks", "%", "lb"
    before_span: Span | None = None  # where the value before is written, when apart from the fact's own words
    before_date: dt.date | None = None  # the visit the value before was recorded at

    @property
    def change_percent(self) -> int | None:
        """The change as a share of the value before, rounded: -38 for a rating from 8 to 5."""
        if self.before == 0:
            return None
        return round(100 * (self.after - self.before) / self.before)


@dataclass(frozen=True, slots=True)
class Fact:
    """One finding in the record, pointing at the text it came from."""

    kind: str  # "diagnosis", "neuro_sign", "work_status", "prior_treatment", ...
    value: str  # the class: "neuralgia", "weakness", "off_work", "physical_therapy", ...
    text: str  # the words as written
    span: Span
    presence: Presence = Presence.PRESENT
    count: int | None = None  # for prior treatment: sessions, when a number is given
    count_text: str | None = None  # "20 to 22", "at least eight", "numerous"
    date: dt.date | None = None
    detail: str | None = None
    cue: str | None = (
        None  # the ConText category that qualified a concept fact ("SUSPECTED", "POSSIBLE_EXISTENCE", ...)
    )
    section: str | None = None  # the record section it was written in: "history", "examination", "plan", ...
    about: str | None = None  # for a response (pain relief, a functional gain): the treatment it is credited to
    measure: Measure | None = None  # for a measured change: the values before and after


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the extractor found in one record text. Silence is the absence of a fact."""

    text: str
    facts: tuple[Fact, ...]
    age: int | None = None
    sex: str | None = None
    injury_date: dt.date | None = None

    def of_kind(self, kind: str, presence: Presence | None = Presence.PRESENT) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.kind == kind and (presence is None or f.presence is presence))

    def first(self, kind: str, value: str | None = None) -> Fact | None:
        for fact in self.facts:
            if fact.kind == kind and (value is None or fact.value == value):
                return fact
        return None


# ----------------------------------------------------------------------------------------------------------
# Decisions


class CriterionStatus(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNDOCUMENTED = "undocumented"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact a criterion relied on, quoted from the record."""

    variable: str
    quote: str
    span: Span
    presence: Presence


@dataclass(frozen=True, slots=True)
class CriterionResult:
    id: str
    description: str
    status: CriterionStatus
    sentence: str
    evidence: tuple[Evidence, ...] = ()
    alternatives: tuple[CriterionResult, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleCitation:
    """The guideline a decision relied on, as the letter will cite it."""

    guideline_id: str
    guideline_title: str
    edition: str
    mtus: bool
    section: str
    pages: str | None
    chapter: str | None
    text: str  # "MTUS Chronic Pain Medical Treatment Guidelines (2016), Physical Medicine, pages 98-99"


@dataclass(frozen=True, slots=True)
class ItemDetermination:
    index: int  # 1-based
    request_text: str
    request: TreatmentRequest | None
    decision: Decision | None  # None: undecided, left to the physician reviewer
    rule_ids: tuple[str, ...]
    citations: tuple[RuleCitation, ...]
    criteria: tuple[CriterionResult, ...]
    rationale: str
    basis: str | None = None  # "mtus" or "non-mtus" (the MTUS is silent)
    undecided_reason: str | None = None
    edition_date: dt.date | None = None  # the date that chose the guideline editions


@dataclass(frozen=True, slots=True)
class Determination:
    """The engine's draft: a licensed physician reviewer reads the trail, may change outcomes, and signs."""

    source: str
    items: tuple[ItemDetermination, ...]
    facts: Facts
    request_date: dt.date | None
    status: str = "draft"


@dataclass(frozen=True, slots=True)
class DecisionCase:
    """What the engine decides from: the clinical text, the disputed requests and the dates."""

    summary: str
    requests: tuple[str, ...]
    request_date: dt.date | None = None
    injury_date: dt.date | None = None
    ur_date: dt.date | None = None
    source: str = "<case>"
    claims_administrator_guidelines: tuple[str | None, ...] = ()
    authorized: tuple[str | None, ...] = ()  # per request: what UR already certified of it, if anything
