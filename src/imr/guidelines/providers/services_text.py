"""Reading the record for the services provider: clauses and sentences around a fact, statements that become
quotable facts, numbers, and whether a finding sits near a body region."""

from __future__ import annotations

import re
from collections.abc import Iterable

from imr.facts.context import span_presence
from imr.facts.lexicon import modality_lexicon
from imr.guidelines.variables import Variable, negated, present, tri_state
from imr.records import Fact, Facts, Presence, Span, TreatmentRequest

SUSPECTED = (Presence.PRESENT, Presence.POSSIBLE)
CLAUSE = (". ", "; ", "? ", "! ")
SENTENCE = (". ", "? ", "! ")
# numb fingers point at the wrist; pain radiating from the neck into the hand points at a nerve root
_HAND = re.compile(r"\b(?:hands?|fingers?|digits?|thumbs?|wrists?|palms?|median|ulnar)\b", re.I)
_RADIATING = re.compile(r"radiat", re.I)
_SPINE = re.compile(r"\b(?:neck|cervical|back|lumbar|spine)\b", re.I)
# a study already done, as opposed to one asked for
_RESULT = re.compile(
    r"\b(?:revealed|reveals|showed|shows|demonstrated|indicative of|consistent with|was normal|were normal|"
    r"was negative|was unremarkable|were unremarkable|findings|impression|performed on|results?)\b",
    re.I,
)
_ASKED = re.compile(
    r"\b(?:order(?:ed)?|request(?:ed|s)?|recommend(?:ed|s)?|plan(?:ned)?|pending|authoriz\w*|certified|"
    r"non-?certified|denied|appeal(?:ed)?|scheduled|sought|will|needed|necessary|would|to determine|to evaluate|"
    r"to rule out|to confirm)\b",
    re.I,
)
_EDX = r"\b(?:EMG|NCS|NCV)\b|(?i:electrodiagnostic|electromyogra\w*|nerve conduction)"
_STUDY_TERMS = {
    "emg": _EDX,
    "ncs": _EDX,
    "emg_ncs": _EDX,
    "mri": r"\bMRI\b|(?i:magnetic resonance)",
    "ct": r"\bCT\b|(?i:computed tomography|CAT scan)",
    "xray": r"(?i:x-?rays?|radiographs?|plain films?)",
}
_REGION_WORDS = {
    "cervical_spine": r"cervical|neck|c-spine",
    "thoracic_spine": r"thoracic|mid ?back|upper back|t-spine",
    "lumbar_spine": r"lumbar|lumbosacral|low back|l-spine",
    "hip": r"hips?|femoral|femur|acetabul\w*|pelvi\w*|groin",
    "wrist": r"wrists?|scaphoid|carp\w+|distal radius",
    "hand": r"hands?|fingers?|thumbs?|metacarp\w*",
    "elbow": r"elbows?|olecranon|epicondyl\w*",
    "head": r"head|brain|skull",
}
_OTHER_REGIONS = re.compile(
    r"\b(?:knees?|shoulders?|ankles?|feet|foot|toes?|fingers?|thumbs?|digits?|arms?|legs?|ribs?|neck|back|spine|"
    r"hips?|wrists?|hands?|elbows?|head|skull|chest|lumbar|lumbosacral|cervical|thoracic|sacr\w+|[CTL]\d{1,2})\b",
    re.I,
)
_PRIOR = r"\b(?:completed|attended|underwent|had|has had|received|participated in|finished|prior|previous)\b"
_PSYCHOTHERAPY = r"(?:psychotherapy|cognitive behaviou?ral therapy|CBT|counseling|biofeedback)"
_PROGRAM = r"(?:functional restoration|FRP|HELP program|chronic pain program|multidisciplinary pain program)"
_DAYS_PER_UNIT = {"day": 1.0, "days": 1.0, "session": 1.0, "sessions": 1.0, "week": 5.0, "weeks": 5.0}
_LAB_PANELS = (
    ("coagulation", r"PT/PTT|PT/INR|\bPTT\b|\bINR\b|prothrombin|coagulation"),
    ("urinalysis", r"\bUA\b|urinalysis"),
    ("cbc", r"\bCBC\b|complete blood count|hemoglobin"),
    ("metabolic", r"\b(?:CMP|BMP)\b|chem|metabolic|electrolytes|creatinine|renal function|liver function|LFT"),
    ("glucose", r"glucose|A1c"),
)
_SITE_WORDS = {
    "abdominal": "abdominal",
    "thoracic": "thoracic",
    "lung": "thoracic",
    "vascular": "vascular",
    "aortic": "vascular",
}
_ENTRAPMENT_DIAGNOSES = {"carpal_tunnel": "median", "cubital_tunnel": "ulnar"}
# "ulnar neuropathy", "median neuritis": core reads the noun alone (neuropathic pain, neuralgia); the nerve named
# before it makes it an entrapment
_NAMED_NERVE = re.compile(r"\b(median|ulnar|radial|entrapment|compressive)\s+(?:neuropath|neurit|neuralg)", re.I)


def _bounds(text: str, start: int, end: int, marks: tuple[str, ...] = CLAUSE) -> tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in (*marks, "\n\n"))
    rights = [i for i in (text.find(mark, end) for mark in marks) if i >= 0]
    return (left + 1 if left >= 0 else 0), (min(rights) if rights else len(text))


def _nerve_named(text: str, fact: Fact) -> str | None:
    """The nerve a neuropathy or neuritis is named after ("ulnar neuropathy"), if any."""
    match = _NAMED_NERVE.search(text[max(0, fact.span.start - 15) : fact.span.end])
    return match.group(1).lower() if match else None


def _clause(text: str, fact: Fact) -> str:
    first, last = _bounds(text, fact.span.start, fact.span.end)
    return text[first:last]


def _sentence(text: str, fact: Fact) -> str:
    first, last = _bounds(text, fact.span.start, fact.span.end, SENTENCE)
    return text[first:last]


def _facts(
    facts: Facts, kind: str, value: str | None = None, presences: Iterable[Presence] = SUSPECTED
) -> tuple[Fact, ...]:
    wanted = tuple(presences)
    return tuple(f for f in facts.facts if f.kind == kind and f.presence in wanted and value in (None, f.value))


def _said(facts: Facts, kind: str, value: str | None = None) -> Variable:
    """True when the record affirms it, False when it denies it, None when it is silent."""
    return tri_state(present(facts, kind, value), negated(facts, kind))


def _statements(text: str, name: str, pattern: str) -> tuple[Fact, ...]:
    """Clauses matching ``pattern`` that the ConText rules do not read as denied or undocumented ("She has not had
    a functional restoration ...")."""
    matches = list(re.finditer(pattern, text, re.I))
    kept = (Presence.PRESENT, Presence.POSSIBLE)
    return tuple(
        Fact("statement", name, m.group(0), Span(m.start(), m.end()))
        for m, presence in zip(matches, span_presence(text, [m.span() for m in matches]), strict=True)
        if presence in kept
    )


def _number(token: str) -> int | None:
    return int(token) if token.isdigit() else modality_lexicon().number_words.get(token.lower())


def _near_region(
    facts: Facts, found: Iterable[Fact], request: TreatmentRequest, window: int | None = None
) -> tuple[Fact, ...]:
    """Findings said of a region requested, or of no region at all ("a UCL tear is suspected"). With ``window``,
    the region must be named within that many characters of the finding ("thoracic epidural injection"), as a
    sentence listing many orders joins regions and procedures that do not belong together."""
    regions = [_REGION_WORDS[r.region] for r in request.regions if r.region in _REGION_WORDS]
    if not regions:
        return tuple(found)
    kept: list[Fact] = []
    for fact in found:
        sentence = _sentence(facts.text, fact)
        near = sentence
        if window is not None:
            near = facts.text[max(0, fact.span.start - window) : fact.span.end + window]
        if any(re.search(words, near, re.I) for words in regions) or not _OTHER_REGIONS.search(sentence):
            kept.append(fact)
    return tuple(kept)
