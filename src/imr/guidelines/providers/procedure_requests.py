"""What a request title asks for, in the terms the procedures rules use: the surgery and its site, the kind
of equipment, the injectate, spinal levels, and home-care hours and days ("Left shoulder arthroscopy with
Bankart repair" is a shoulder stabilisation; "Home aide 6 hours per day, 5 times a week" is 30 hours a week).
"""

from __future__ import annotations

import re

from imr.guidelines.variables import Variable
from imr.records import TreatmentRequest

# The surgery a title names, most specific first ("arthroscopy with Bankart repair, possible biceps tenodesis" is a
# stabilisation; "Operative arthroscopy, superior labral anterior posterior repair" a SLAP repair).
_PROCEDURES: tuple[tuple[str, str], ...] = (
    ("slap_repair", r"\bSLAP\b|superior labr\w* anterior(?: to)? posterior"),
    ("shoulder_stabilization", r"\bBankart\b|capsulorrha\w*|capsular shift|Latarjet|shoulder stabili[sz]ation"),
    ("rotator_cuff_repair", r"rotator cuff repair|repair of (?:the )?(?:\w+ )?rotator cuff|\bRCR\b"),
    ("biceps_tenodesis", r"tenodesis"),
    ("subacromial_decompression", r"subacromial decompression|acromioplasty"),
    ("knee_arthroplasty", r"knee (?:arthroplasty|replacement)|\bTKA\b|\bTKR\b|\bUKA\b"),
    (
        "acl_reconstruction",
        r"\bACL\b[\w ]{0,15}(?:reconstruction|repair)|anterior cruciate ligament (?:reconstruction|repair)",
    ),
    ("knee_meniscectomy", r"meniscectomy|menisc\w* repair"),
    ("carpal_tunnel_release", r"carpal tunnel (?:release|decompression)|\bCTR\b"),
    (
        "cervical_fusion",
        r"\bACDF\b|anterior cervical discectomy|cervical (?:spine )?(?:fusion|arthrodesis)|\bC\d\b.{0,20}fusion",
    ),
    (
        "lumbar_fusion",
        r"\b(?:TLIF|PLIF|ALIF|XLIF|LLIF)\b|(?:lumbar|lumbosacral|spinal|spine) (?:\w+ )?(?:fusion|arthrodesis)",
    ),
    ("cervical_discectomy", r"cervical (?:micro)?(?:discectomy|foraminotomy|laminectomy|laminoplasty)"),
    ("lumbar_discectomy", r"(?:micro)?discectomy|laminectomy|laminotomy|foraminotomy|lumbar decompression"),
    ("hernia_repair", r"hernia repair|herniorrhaphy|hernioplasty"),
    ("shoulder_arthroscopy", r"shoulder arthroscop\w*|arthroscop\w*[\w ,]{0,30}shoulder"),
    ("knee_arthroscopy", r"knee arthroscop\w*|arthroscop\w*[\w ,]{0,30}knee"),
    ("spinal_fusion", r"\bfusion\b|arthrodesis"),
)
_COMPILED_PROCEDURES = tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern in _PROCEDURES)
# the record's own surgery facts (core.yaml SURGERY values) in the names above
_FACT_PROCEDURES = {
    "shoulder_dislocation_repair": "shoulder_stabilization",
    "rotator_cuff_repair": "rotator_cuff_repair",
    "shoulder_arthroscopy": "shoulder_arthroscopy",
    "knee_meniscectomy": "knee_meniscectomy",
    "acl_reconstruction": "acl_reconstruction",
    "knee_arthroplasty": "knee_arthroplasty",
    "carpal_tunnel_release": "carpal_tunnel_release",
    "cervical_fusion": "cervical_fusion",
    "lumbar_fusion": "lumbar_fusion",
    "lumbar_discectomy": "lumbar_discectomy",
}
_PROCEDURE_SITES = {
    "slap_repair": "shoulder",
    "shoulder_stabilization": "shoulder",
    "rotator_cuff_repair": "shoulder",
    "biceps_tenodesis": "shoulder",
    "subacromial_decompression": "shoulder",
    "shoulder_arthroscopy": "shoulder",
    "knee_arthroplasty": "knee",
    "acl_reconstruction": "knee",
    "knee_meniscectomy": "knee",
    "knee_arthroscopy": "knee",
    "carpal_tunnel_release": "hand_wrist",
    "cervical_fusion": "cervical_spine",
    "cervical_discectomy": "cervical_spine",
    "lumbar_fusion": "lumbar_spine",
    "lumbar_discectomy": "lumbar_spine",
    "hernia_repair": "abdomen",
}
_REGION_SITES = {
    "shoulder": "shoulder",
    "upper_arm": "shoulder",
    "knee": "knee",
    "wrist": "hand_wrist",
    "hand": "hand_wrist",
    "finger": "hand_wrist",
    "cervical_spine": "cervical_spine",
    "lumbar_spine": "lumbar_spine",
    "thoracic_spine": "thoracic_spine",
    "abdomen": "abdomen",
    "hip": "hip",
    "elbow": "elbow",
    "ankle": "foot_ankle",
    "foot": "foot_ankle",
}

_AGENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "hyaluronic_acid",
        re.compile(
            r"hyaluron\w*|viscosupplement\w*|synvisc|orthovisc|euflexxa|supartz|hyalgan|gel-?one|monovisc|gelsyn",
            re.IGNORECASE,
        ),
    ),
    (
        "corticosteroid",
        re.compile(
            r"cortisone|corticosteroid|steroid|dexamethasone|depo-?medrol|methylprednisolone|kenalog|triamcinolone|"
            r"betamethasone|celestone",
            re.IGNORECASE,
        ),
    ),
)

# spinal levels in an injection title: "L4-5, L5-S1", "C5-C6 and C6-7", "L3, L4 and L5"
_LEVEL = re.compile(r"\b([CTL])(\d{1,2})\s*(?:-|/|to)\s*(?:[CTLS])?(\d)\b|\b([CTLS])(\d)\b(?!\s*-)")
_HOURS_PER_DAY = re.compile(r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\s*(?:per|a|/|each)\s*day", re.IGNORECASE)
_HOURS_PER_WEEK = re.compile(r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\s*(?:per|a|/|each)\s*week", re.IGNORECASE)
_DAYS = re.compile(r"(\d+)\s*days?\b", re.IGNORECASE)
_MONTHS = re.compile(r"(\d+)\s*months?\b", re.IGNORECASE)
_DAYS_PER_WEEK = re.compile(r"(\d)\s*(?:days|times|x)\s*(?:a|per|/|each)\s*week", re.IGNORECASE)
_DAILY = re.compile(r"\bdaily\b|every day|7 days a week|seven days a week", re.IGNORECASE)

# what home care a title asks for ("to assist with mobility, transfer, ADL's and safety in the home")
_SKILLED_WORDS = re.compile(
    r"nurs\w*|wound|dressing change|infusion|intravenous|\bIV\b|injections?|catheter|skilled|therap\w*", re.IGNORECASE
)
_PERSONAL_WORDS = re.compile(
    r"\bADL'?s?\b|activities of daily living|bathing|dressing|toilet\w*|transfers?|mobility|feeding|grooming|"
    r"personal care|self[- ]care|aide",
    re.IGNORECASE,
)


def _procedure_of(text: str) -> str | None:
    for key, pattern in _COMPILED_PROCEDURES:
        if pattern.search(text):
            return key
    return None


def _site(procedure: str | None, request: TreatmentRequest | None) -> str | None:
    if procedure in _PROCEDURE_SITES:
        return _PROCEDURE_SITES[procedure]
    if request is not None:
        for region in request.regions:
            if region.region in _REGION_SITES:
                return _REGION_SITES[region.region]
    if procedure == "spinal_fusion":
        return "lumbar_spine"
    return None


def _requested_days(request: TreatmentRequest) -> Variable:
    if request.rental_days is not None:
        return Variable(request.rental_days)
    if request.weeks is not None:
        return Variable(request.weeks * 7)
    days = _DAYS.search(request.text)
    if days:
        return Variable(int(days.group(1)))
    return Variable(None)


def _injection_agent(request: TreatmentRequest) -> str:
    for key, pattern in _AGENTS:
        if pattern.search(request.text):
            return key
    return "unspecified"


def _levels_within_two(request: TreatmentRequest) -> bool:
    """No more than two spinal levels named; a title that names none is not counted against."""
    if re.search(r"multi-?level|three levels|3 levels", request.text, re.IGNORECASE):
        return False
    levels = {match.group(0).replace(" ", "").upper() for match in _LEVEL.finditer(request.text)}
    return len(levels) <= 2


def _home_hours(request: TreatmentRequest) -> Variable:
    per_week = _HOURS_PER_WEEK.search(request.text)
    if per_week:
        return Variable(float(per_week.group(1)))
    per_day = _HOURS_PER_DAY.search(request.text)
    if per_day is None:
        return Variable(None)
    stated = _DAYS_PER_WEEK.search(request.text)
    days = (
        7 if _DAILY.search(request.text) else request.frequency_per_week or (int(stated.group(1)) if stated else None)
    )
    return Variable(float(per_day.group(1)) * days if days else None)


def _home_days(request: TreatmentRequest) -> Variable:
    if request.weeks is not None:
        return Variable(request.weeks * 7 <= 60)
    months = _MONTHS.search(request.text)
    if months:
        return Variable(int(months.group(1)) * 30 <= 60)
    days = _DAYS.search(request.text)
    if days and not re.search(r"days? (?:a|per) week", request.text[days.start() :], re.IGNORECASE):
        return Variable(int(days.group(1)) <= 60)
    return Variable(None)
