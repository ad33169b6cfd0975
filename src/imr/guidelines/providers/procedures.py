"""Variables for injections, surgery and the services that go with it, equipment (DME) and home health care.

The rules live in data/guidelines/*.procedures.yaml and odg-procedures.yaml. Three kinds of source feed them:

* the request title: which surgery, equipment, injectate or home care is asked for ("Left shoulder arthroscopy
  with Bankart repair" is a shoulder stabilisation; "Slingshot sling" is a sling; "Home aide 6 hours per day,
  5 times a week" is 30 hours a week);
* the case's other items: an "Associated surgical service: Cold therapy for one week" serves the surgery named
  in another item of the same case;
* the record: concept facts (data/facts/concepts/procedures.yaml and the other concept files) and, for what a
  scan or a nerve study showed, the sentences that report imaging or electrodiagnostic results, read with their
  own negation ("revealed no evidence for a Bankart lesion or posterior labral tear").

Unknown stays ``None`` so that a criterion needing it is *undocumented*; every value keeps its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from imr.guidelines.registry import Provider
from imr.guidelines.variables import ItemContext, Variable, VariableSpec, negated, present, tri_state
from imr.records import Fact, Facts, Presence, Span, TreatmentRequest

# ---------------------------------------------------------------------------------------------------------------
# What the request asks for

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

# Equipment by kind, most specific first: "Ultrasling" is a sling before anything is a pillow; "Custom touch back
# heat therapy pad" is a heat pack, not a back support.
_DME_KINDS: tuple[tuple[str, str], ...] = (
    (
        "cold_therapy_unit",
        r"cold therapy unit|cryotherapy|vascutherm|game ?ready|polar ?care|cold compression|"
        r"ice (?:machine|unit)|cryo[- ]?cuff|continuous[- ]flow",
    ),
    (
        "compression_device",
        r"leg wraps?|compression (?:stocking|garment|sleeve|wrap|pump|device)s?|\bDVT\b|"
        r"sequential compression|pneumatic compression",
    ),
    (
        "hot_cold_pack",
        r"hot/cold|heat/cold|ice/heat|heat(?:ing)? (?:therapy )?(?:pad|wrap|pack)s?|"
        r"cold (?:therapy )?(?:pack|wrap)s?|ice (?:pack|wrap)s?|hot packs?",
    ),
    ("sling", r"sling|abduction pillow"),
    ("pillow", r"pillow"),
    (
        "lumbar_support",
        r"(?:back|lumbar|lumbosacral|sacroiliac|SI) (?:support|brace|belt|corset|orthosis|binder)|"
        r"\bT?LSO\b|corset",
    ),
    ("cervical_collar", r"collar|neck brace"),
    ("wrist_splint", r"(?:wrist|thumb|hand|carpal tunnel|cock-?up|spica)[\w ]{0,12}(?:brace|splint|support|orthosis)"),
    (
        "elbow_brace",
        r"elbow[\w ]{0,12}(?:brace|splint|support|pad|sleeve|strap)|counter-?force|epicondyl\w* (?:strap|brace)",
    ),
    ("knee_brace", r"knee[\w ]{0,12}(?:brace|support|sleeve|orthosis|immobili[sz]er)|unloader"),
    ("mobility_aid", r"scooter|knee walker|walker|crutch\w*|\bcanes?\b|wheelchair"),
    ("ergonomic_equipment", r"workstation|work station|standing desk|sit[- /]?stand|ergonomic|\bdesk\b"),
    (
        "exercise_equipment",
        r"exercise (?:equipment|ball|bike|kit)|theraband|stationary bike|treadmill|"
        r"\bweights\b|pulley|home gym",
    ),
    ("mattress", r"mattress|adjustable bed"),
)
_COMPILED_DME = tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern in _DME_KINDS)
_COLD_UNIT = dict(_COMPILED_DME)["cold_therapy_unit"]
_COLD = re.compile(r"\bcold\b|\bice\b|cryo", re.IGNORECASE)

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

# ---------------------------------------------------------------------------------------------------------------
# What the record reports

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"])|\n\s*\n")
_IMAGING = re.compile(
    r"\b(?:MRI|MRA|CT|MR)\b|(?i:magnetic resonance|computed tomography|CAT scan|x-?rays?|radiograph\w*|"
    r"imaging|ultrasound|sonogra\w*|arthrogra\w*|myelogra\w*|bone scan|films?\b|official read\w*)"
)
_ELECTRODIAGNOSTIC = re.compile(
    r"\b(?:EMG|NCS|NCV|EDS)\b|(?i:electromyogra\w*|nerve conduction|electrodiagnostic\w*|electrophysiolog\w*)"
)
# a sentence that carries on the report of the study before it ("There was no evidence of capsulitis.")
_FINDINGS_CONTINUE = re.compile(
    r"^\s*(?:There (?:was|were|is|are)|It (?:showed|revealed)|The (?:[\w-]+ ){0,5}(?:was|were|revealed|showed|"
    r"demonstrated)|(?:Also|Additionally),? )",
)
_NOT_FINDINGS = re.compile(
    r"examination|\bexam\b|complain|reported|rated|treatment plan|request|medication|patient|applicant|"
    r"injured worker",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:no|not|without|negative for|free of|absence of|ruled out|rules out|denies|unremarkable for)\b", re.IGNORECASE
)
_UNCERTAIN = re.compile(
    r"\b(?:rule out|r/o|evaluate for|evaluation for|assess for|to look for|suspected|suspicion of|possible|"
    r"question of|concern for|consider)\b",
    re.IGNORECASE,
)
_FINDING_VERB = re.compile(
    r"\b(?:revealed|reveals|showed|shows|demonstrated|demonstrates|noted|found)\b", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|however|although|though|while|whereas)\b", re.IGNORECASE)

# lesions a repair treats, grouped by the surgery (ACOEM ch. 9 p. 209: "clear clinical and imaging evidence of a
# lesion that has been shown to benefit ... from surgical repair")
_LESIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "slap": (
        (
            "slap_lesion",
            r"\bSLAP\b(?:[- ](?:lesion|tear))?|superior labr\w*(?: anterior(?: to)? posterior)?"
            r"(?: lesion| tear)?",
        ),
    ),
    "biceps": (
        (
            "biceps_lesion",
            r"biceps (?:tendon |anchor )?(?:tear|rupture|subluxation|dislocation|"
            r"tendinosis|tendinopathy|tenosynovitis|instability)",
        ),
    ),
    "instability": (
        ("bankart_lesion", r"\bBankart(?: lesion| tear)?"),
        ("hill_sachs", r"Hill[- ]Sachs"),
        (
            "labral_tear",
            r"(?:anterior|inferior|anteroinferior|posterior) labr\w* (?:tear|detachment|lesion)|"
            r"labral tear|torn labrum",
        ),
    ),
    "rotator_cuff": (
        (
            "cuff_tear",
            r"(?:rotator )?cuff tear|torn rotator cuff|(?:supraspinatus|infraspinatus|"
            r"subscapularis|teres minor)(?: tendon)? (?:tear|rupture)|(?:full|partial)[- ]thickness "
            r"(?:\w+ )?tear",
        ),
    ),
    "impingement": (
        (
            "impingement",
            r"impingement|type (?:2|3|II|III)\w? acromion|hooked acromion|"
            r"subacromial (?:bursitis|spur)|acromial spur",
        ),
    ),
    "meniscus": (
        (
            "meniscus_tear",
            r"menisc\w* tear|torn (?:medial |lateral )?menisc\w*|bucket[- ]handle|"
            r"tear of the (?:medial|lateral) menisc\w*|menisc\w* (?:lesion|extrusion)",
        ),
    ),
    "acl": (
        (
            "acl_tear",
            r"(?:\bACL\b|anterior cruciate ligament)(?: \w+){0,2} (?:tear|rupture|disruption|"
            r"deficien\w*)|torn (?:\bACL\b|anterior cruciate)",
        ),
    ),
}
_PROCEDURE_LESIONS: dict[str, tuple[str, ...]] = {
    "slap_repair": ("slap",),
    "biceps_tenodesis": ("slap", "biceps"),
    "shoulder_stabilization": ("instability",),
    "rotator_cuff_repair": ("rotator_cuff",),
    "subacromial_decompression": ("rotator_cuff", "impingement"),
    "shoulder_arthroscopy": ("slap", "biceps", "instability", "rotator_cuff", "impingement"),
    "knee_meniscectomy": ("meniscus",),
    "knee_arthroscopy": ("meniscus", "acl"),
    "acl_reconstruction": ("acl",),
}
# what corroborates a radiculopathy on a scan or a nerve study (CPMTG p. 46: "corroborated by imaging studies
# and/or electrodiagnostic testing")
_ROOT_COMPROMISE = (
    (
        "root_compromise",
        r"(?:disc|disk) (?:herniation|protrusion|extrusion)|herniated (?:nucleus pulposus|disc|disk)|\bHNP\b|"
        r"foraminal (?:stenosis|narrowing|encroachment)|lateral recess stenosis|nerve root (?:compression|"
        r"impingement|compromise|encroachment|effacement|displacement|contact|involvement)|"
        r"(?:impinging|compressing|abutting|contacting|displacing|effacing) (?:on |upon )?(?:the )?(?:exiting |"
        r"traversing )?(?:[LCS]\d )?nerve root|radiculopathy|radiculitis",
    ),
)
_MEDIAN_NERVE = (
    (
        "median_entrapment",
        r"carpal tunnel|median (?:nerve )?(?:neuropathy|mononeuropathy|entrapment|compression)|"
        r"(?:focal|entrapment) neuropathy",
    ),
)

# injections the record says were given before ("status post L5-S1 ESI with 60% relief for 8 weeks")
_INJECTIONS: dict[str, str] = {
    "epidural_steroid_injection": r"epidural|\bT?F?ESIs?\b|transforaminal|interlaminar|caudal injection",
    "facet_injection": r"facet(?: joint)? (?:injection|block|blocks|injections)|medial branch (?:nerve )?blocks?|"
    r"\bMBBs?\b",
    "trigger_point_injection": r"trigger point injections?|\bTPIs?\b",
    "joint_injection": r"(?<!epidural )(?:cortisone|corticosteroid|steroid|intra-?articular|subacromial) "
    r"(?:joint )?(?:injections?|shots?)|injected with [\w /%.-]{0,40}(?:dexamethasone|cortisone|kenalog|"
    r"depo-?medrol|triamcinolone|betamethasone|lidocaine)",
}
# "received a lumbar ESI", "Treatment to date includes physical therapy, corticosteroid injection", "status post
# L5-S1 ESI", "after the last facet injection", "an ESI was performed on 10/03/2016"
_GIVEN_CUE = re.compile(
    r"\b(?:had|has had|have had|received|underwent|undergone|status post|s/p|was given|were given|injected|"
    r"performed|administered|to date (?:has )?includes?|to date included|treatments? included|tried|failed)\b"
    r"[^.;]{0,60}$",
    re.IGNORECASE,
)
_PRIOR_WORD = re.compile(
    r"\b(?:prior|previous|previously|last|earlier|recent|repeat|after (?:the|his|her|an?)|following (?:the|his|"
    r"her|an?))\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_GIVEN_AFTER = re.compile(
    r"^[^.;]{0,40}\b(?:(?:was|were) (?:performed|given|done|administered)|gave|helped|provided|afforded|"
    r"resulted in|did not help)\b",
    re.IGNORECASE,
)
_REQUESTED = re.compile(
    r"\b(?:request\w*|plan\w*|recommend\w*|pursu\w*|propos\w*|schedul\w*|authori[sz]\w*|consider\w*|candidate|"
    r"would|will|refer\w*|appeal\w*|sought|seeking|denied|non-?certified)\b",
    re.IGNORECASE,
)
_NONE_GIVEN = re.compile(r"\b(?:no|never|not had|has not had|not received|denies|without)\b[^.]{0,40}$", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,3})\s?(?:%|percent)", re.IGNORECASE)
_RELIEF = re.compile(r"relief|improve\w*|reduc\w*|better|decrease\w*|benefit", re.IGNORECASE)
_NO_RELIEF = re.compile(
    r"no (?:significant |lasting )?(?:relief|benefit|improvement)|did not help|minimal relief|without relief|"
    r"not helpful|no change",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
_DURATION = re.compile(
    r"(?:for|lasting|x|over)\s+(?:about |approximately |at least |nearly |more than )?"
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(weeks?|months?)",
    re.IGNORECASE,
)
_POSITIVE_BLOCK = re.compile(r"positive|concordant|good (?:relief|response)|significant relief", re.IGNORECASE)
_NEGATIVE_BLOCK = re.compile(r"negative|no relief|no response|non-?diagnostic|failed", re.IGNORECASE)
# medial branch blocks count as positive at 70 % relief (ODG Low Back, Facet joint diagnostic blocks) [K]
_BLOCK_THRESHOLD = 70


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _study_sentences(text: str, study: re.Pattern[str]) -> list[tuple[int, int]]:
    """Sentences that report a study's results: the one naming the study and those carrying on its report."""
    found: list[tuple[int, int]] = []
    carry = 0
    for start, end in _sentences(text):
        sentence = text[start:end]
        if study.search(sentence):
            found.append((start, end))
            carry = 4
        elif carry and _FINDINGS_CONTINUE.search(sentence) and not _NOT_FINDINGS.search(sentence):
            found.append((start, end))
            carry -= 1
        else:
            carry = 0
    return found


def _findings(
    text: str, sentences: Iterable[tuple[int, int]], lesions: Iterable[tuple[str, str]]
) -> tuple[list[Fact], list[Fact]]:
    """Lesions a study reports, and those it reports absent, each as a fact pointing at the words."""
    found: list[Fact] = []
    denied: list[Fact] = []
    for start, end in sentences:
        sentence = text[start:end]
        for key, pattern in lesions:
            for match in re.finditer(pattern, sentence, re.IGNORECASE):
                clause = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
                if _UNCERTAIN.search(clause) or _REQUESTED.search(clause):
                    continue
                cues = list(_NEGATION.finditer(clause))
                cue = cues[-1] if cues else None
                negated_here = cue is not None and not _FINDING_VERB.search(clause[cue.end() :])
                fact = Fact(
                    kind="study_finding",
                    value=key,
                    text=text[start + match.start() : start + match.end()],
                    span=Span(start + match.start(), start + match.end()),
                    presence=Presence.ABSENT if negated_here else Presence.PRESENT,
                )
                (denied if negated_here else found).append(fact)
    return found, denied


def _clear_finding(found: list[Fact], denied: list[Fact]) -> Variable:
    """A lesion reported and never denied is clear evidence; one both reported and denied (a physician's reading
    against the official report) is not; silence leaves it unknown."""
    contested = {f.value for f in denied}
    clear = tuple(f for f in found if f.value not in contested)
    if clear:
        return Variable(True, clear)
    if denied:
        return Variable(False, tuple(denied) + tuple(found))
    return Variable(None)


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


def _procedure(facts: Facts, request: TreatmentRequest, context: ItemContext) -> tuple[Variable, Variable]:
    """The surgery in question: the request's own, else the one another item of the case asks for, else the one
    the record names."""
    if request.service == "surgery":
        procedure = _procedure_of(request.text) or "other"
        return Variable(procedure), Variable(_site(procedure, request))
    for other in context.other_requests:
        if other.service == "surgery" and not other.associated_surgical:
            procedure = _procedure_of(other.text) or "other"
            return Variable(procedure), Variable(_site(procedure, other))
    named = tuple(f for f in present(facts, "surgery") if f.value in _FACT_PROCEDURES)
    if named:
        procedure = _FACT_PROCEDURES[named[-1].value]
        return Variable(procedure, (named[-1],)), Variable(_site(procedure, None), (named[-1],))
    procedure_text = _procedure_of(facts.text)
    if procedure_text is not None:
        return Variable(procedure_text), Variable(_site(procedure_text, None))
    if request.postoperative or request.associated_surgical:
        return Variable(None), Variable(_site(None, request))
    return Variable(None), Variable(None)


def _dme_kind(request: TreatmentRequest) -> str:
    if request.service == "heat_cold_therapy":
        cold_unit = _COLD_UNIT.search(request.text)
        postoperative = request.postoperative or request.associated_surgical
        return "cold_therapy_unit" if cold_unit or (postoperative and _COLD.search(request.text)) else "hot_cold_pack"
    if request.service != "dme":
        return "not_dme"
    for key, pattern in _COMPILED_DME:
        if pattern.search(request.text):
            return key
    return "other"


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


def _care_need(facts: Facts, request: TreatmentRequest, kind: str, words: re.Pattern[str]) -> Variable:
    in_record = present(facts, "care_need", kind)
    if kind == "personal":
        in_record += present(facts, "independence_loss")
    if in_record:
        return Variable(True, in_record)
    if request.service == "home_health" and words.search(request.text):
        return Variable(True)
    return Variable(None)


def _given_before(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[: match.start()]
    if match.group(0).lower().startswith("injected"):
        return True
    cue = _GIVEN_CUE.search(before)
    if cue and not _REQUESTED.search(cue.group(0)):
        return True
    return bool(_PRIOR_WORD.search(before) or _GIVEN_AFTER.search(sentence[match.end() :]))


def _prior_injection(facts: Facts, kind: str) -> tuple[Variable, tuple[Fact, ...]]:
    """Whether the record says an injection of ``kind`` was given before, and the sentences that say so."""
    pattern = re.compile(_INJECTIONS[kind], re.IGNORECASE)
    given: list[Fact] = []
    none_given: list[Fact] = []
    text = facts.text
    for start, end in _sentences(text):
        sentence = text[start:end]
        for match in pattern.finditer(sentence):
            if _NONE_GIVEN.search(sentence[: match.start()]):
                none_given.append(Fact("prior_injection", kind, sentence.strip(), Span(start, end), Presence.ABSENT))
                break
            if _given_before(sentence, match):
                given.append(Fact("prior_injection", kind, sentence.strip(), Span(start, end)))
                break
    if given:
        return Variable(True, tuple(given)), tuple(given)
    if none_given:
        return Variable(False, tuple(none_given)), ()
    return Variable(None), ()


def _relief(sentences: tuple[Fact, ...]) -> tuple[Variable, Variable]:
    """Percent relief and how many weeks it lasted, from the sentences about the earlier injection."""
    percents: list[tuple[int, Fact]] = []
    weeks: list[tuple[float, Fact]] = []
    for fact in sentences:
        if _NO_RELIEF.search(fact.text):
            percents.append((0, fact))
        for match in _PERCENT.finditer(fact.text):
            if _RELIEF.search(fact.text[match.end() : match.end() + 30]) or _RELIEF.search(
                fact.text[max(0, match.start() - 30) : match.start()]
            ):
                percents.append((int(match.group(1)), fact))
        for match in _DURATION.finditer(fact.text):
            amount = match.group(1).lower()
            number = int(amount) if amount.isdigit() else _NUMBER_WORDS[amount]
            weeks.append((number * (4.3 if match.group(2).lower().startswith("month") else 1), fact))
    percent = Variable(max(percents)[0], (max(percents)[1],)) if percents else Variable(None)
    lasted = Variable(max(weeks)[0], (max(weeks)[1],)) if weeks else Variable(None)
    return percent, lasted


def _diagnostic_block(facts: Facts) -> Variable:
    given, sentences = _prior_injection(facts, "facet_injection")
    if given.value is not True:
        return Variable(None)
    percent, _ = _relief(sentences)
    if isinstance(percent.value, int):
        return Variable(percent.value >= _BLOCK_THRESHOLD, percent.evidence)
    if any(_NEGATIVE_BLOCK.search(f.text) for f in sentences):
        return Variable(False, sentences)
    if any(_POSITIVE_BLOCK.search(f.text) for f in sentences):
        return Variable(True, sentences)
    return Variable(None, sentences)


def _radiculopathy_corroborated(facts: Facts) -> Variable:
    text = facts.text
    studies = _study_sentences(text, _IMAGING) + _study_sentences(text, _ELECTRODIAGNOSTIC)
    found, denied = _findings(text, sorted(set(studies)), _ROOT_COMPROMISE)
    confirmed = present(facts, "radiculopathy_confirmed")
    if confirmed or found:
        return Variable(True, confirmed + tuple(found))
    if denied:
        return Variable(False, tuple(denied))
    return Variable(None)


def _lesion_on_imaging(facts: Facts, procedure: str | None) -> Variable:
    groups = _PROCEDURE_LESIONS.get(procedure or "", ())
    if not groups:
        return Variable(None)
    lesions = tuple(lesion for group in groups for lesion in _LESIONS[group])
    found, denied = _findings(facts.text, _study_sentences(facts.text, _IMAGING), lesions)
    return _clear_finding(found, denied)


def _cts_electrodiagnostic(facts: Facts) -> Variable:
    found, denied = _findings(facts.text, _study_sentences(facts.text, _ELECTRODIAGNOSTIC), _MEDIAN_NERVE)
    return _clear_finding(found, denied)


def _texts(facts: Iterable[Fact], pattern: str) -> tuple[Fact, ...]:
    compiled = re.compile(pattern, re.IGNORECASE)
    return tuple(f for f in facts if compiled.search(f.text))


def _matches(text: str, pattern: str, kind: str, presence: Presence = Presence.PRESENT) -> tuple[Fact, ...]:
    """Facts for the places a pattern matches the record (findings no concept file holds as a phrase)."""
    return tuple(
        Fact(kind=kind, value=kind, text=m.group(0), span=Span(m.start(), m.end()), presence=presence)
        for m in re.finditer(pattern, text, re.IGNORECASE)
    )


def _knee_findings(facts: Facts) -> tuple[Variable, Variable]:
    """Instability of the knee (giving way, a positive Lachman) and a torn ligament (ACOEM ch. 13 p. 340)."""
    unstable = present(facts, "knee_instability") + _texts(
        present(facts, "mechanical_symptom") + present(facts, "red_flag"),
        r"instability|giving way|buckling|Lachman|drawer|pivot",
    )
    # "The knee was stable to Lachman's and drawer."
    stable = _matches(
        facts.text,
        r"\bstable to (?:Lachman|anterior drawer|drawer|varus|valgus)|knee (?:was|is) stable",
        "knee_stable",
        Presence.ABSENT,
    )
    stable += _texts(negated(facts, "mechanical_symptom"), r"instability|giving way|buckling|Lachman")
    torn = _texts(present(facts, "diagnosis", "internal_derangement"), r"ligament|\bACL\b|\bMCL\b|cruciate|collateral")
    return tri_state(unstable, stable), Variable(bool(torn) or None, torn)


# pain travelling into a limb ("low back pain radiating to the right leg": the core phrase "pain radiating" loses to
# "low back pain", which overlaps it)
_RADIATING = re.compile(
    r"radiat\w* (?:down |in)?to (?:the |his |her |both |bilateral |left |right )*(?:\w+ )?(?:legs?|lower extremit\w*|"
    r"buttocks?|thighs?|calf|calves|feet|foot|toes?|arms?|upper extremit\w*|hands?|fingers?)\b",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(r"\b(?:no|not|without|denies|denied)\b[^.;]{0,30}$", re.IGNORECASE)


def _radiating(text: str) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    found: list[Fact] = []
    denied: list[Fact] = []
    for match in _RADIATING.finditer(text):
        absent = bool(_NOT_BEFORE.search(text[max(0, match.start() - 40) : match.start()]))
        fact = Fact(
            kind="radiating_pain",
            value="radiating",
            text=match.group(0),
            span=Span(match.start(), match.end()),
            presence=Presence.ABSENT if absent else Presence.PRESENT,
        )
        (denied if absent else found).append(fact)
    return tuple(found), tuple(denied)


def _homebound(facts: Facts) -> Variable:
    said = present(facts, "homebound") + _texts(present(facts, "self_transport"), r"homebound|bed-?bound")
    denied = negated(facts, "homebound") + _texts(negated(facts, "self_transport"), r"homebound|bed-?bound")
    return tri_state(said, denied)


def _gait(facts: Facts) -> Variable:
    impaired = present(facts, "gait", "impaired") + _texts(
        present(facts, "self_transport"), r"unable to (?:walk|ambulate)|non-?ambulatory|wheelchair"
    )
    normal = present(facts, "gait", "normal") + negated(facts, "gait")
    return tri_state(impaired, normal)


# ---------------------------------------------------------------------------------------------------------------

SPECS: tuple[VariableSpec, ...] = (
    VariableSpec(
        "procedure", "string", "the surgery in question: the request's own, else the case's (slap_repair, ...)"
    ),
    VariableSpec(
        "procedure_site", "string", "where that surgery is done: shoulder, knee, hand_wrist, lumbar_spine, ..."
    ),
    VariableSpec(
        "dme_kind", "string", "the equipment asked for (lumbar_support, sling, pillow, ...); not_dme otherwise"
    ),
    VariableSpec("requested_days", "number", "days of use or rental the request asks for"),
    VariableSpec(
        "injection_agent", "string", "what a joint injection injects: corticosteroid, hyaluronic_acid, unspecified"
    ),
    VariableSpec(
        "levels_within_two", "boolean", "the injection names no more than two spinal levels (true if none named)"
    ),
    VariableSpec(
        "radiculopathy_corroborated", "boolean", "a scan or nerve study shows root compromise or radiculopathy"
    ),
    VariableSpec("radicular_pain", "boolean", "radicular pain or a radiculopathy diagnosis (false: axial pain only)"),
    VariableSpec(
        "prior_esi", "boolean", "an epidural steroid injection was given before (false when none is recorded)"
    ),
    VariableSpec("prior_facet_blocks", "boolean", "facet joint injections or medial branch blocks were given before"),
    VariableSpec("prior_tpi", "boolean", "trigger point injections were given before (false when none is recorded)"),
    VariableSpec("prior_steroid_injection", "boolean", "a corticosteroid joint injection was given before"),
    VariableSpec("prior_injection_relief_percent", "number", "percent relief from the earlier injection of this kind"),
    VariableSpec("prior_injection_relief_weeks", "number", "weeks the relief from the earlier injection lasted"),
    VariableSpec("trigger_points_documented", "boolean", "trigger points with a twitch response and referred pain"),
    VariableSpec(
        "tpi_within_four", "boolean", "no more than four trigger point injections a session (true if unstated)"
    ),
    VariableSpec("diagnostic_block_positive", "boolean", "a diagnostic medial branch block gave a positive response"),
    VariableSpec("lesion_on_imaging", "boolean", "imaging clearly shows the lesion the requested surgery repairs"),
    VariableSpec("mechanical_symptoms", "boolean", "locking, catching, giving way, effusion or similar knee signs"),
    VariableSpec("knee_instability", "boolean", "the knee gives way or is lax on examination"),
    VariableSpec("knee_ligament_tear", "boolean", "a cruciate or collateral ligament tear"),
    VariableSpec("cts_clinical", "boolean", "carpal tunnel syndrome diagnosed or median nerve entrapment found"),
    VariableSpec("cts_electrodiagnostic", "boolean", "a nerve conduction study confirms median nerve entrapment"),
    VariableSpec("ulnar_entrapment", "boolean", "cubital tunnel syndrome or ulnar nerve entrapment"),
    VariableSpec("spinal_instability", "boolean", "spondylolisthesis, a pars defect or spinal instability"),
    VariableSpec("spine_trauma", "boolean", "a fracture or dislocation is recorded"),
    VariableSpec("osteoarthritis_documented", "boolean", "osteoarthritis diagnosed or seen on a radiograph"),
    VariableSpec("homebound", "boolean", "confined to the home: leaving it needs help or is a major effort"),
    VariableSpec("skilled_care_need", "boolean", "needs skilled care (nursing, wound care, IV drugs, therapy at home)"),
    VariableSpec("personal_care_need", "boolean", "needs personal care (bathing, dressing, transfers, ADLs)"),
    VariableSpec("home_health_hours_per_week", "number", "hours of home care a week the request asks for"),
    VariableSpec("home_health_within_60_days", "boolean", "the home care requested lasts no more than 60 days"),
    VariableSpec("home_evaluation", "boolean", "an in-home evaluation of the care needed is documented"),
    VariableSpec("non_weight_bearing", "boolean", "the leg is to be kept off weight (non-weight-bearing order)"),
    VariableSpec("gait_impaired", "boolean", "walking is impaired (antalgic or unsteady gait, cannot walk)"),
    VariableSpec("positional_aggravation", "boolean", "symptoms worsen with prolonged sitting or standing"),
    VariableSpec("red_flag_documented", "boolean", "a red flag is recorded (false when none is)"),
)


def compute(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    procedure, site = _procedure(facts, request, context)
    procedure_name = procedure.value if isinstance(procedure.value, str) else None
    prior_esi, esi_sentences = _prior_injection(facts, "epidural_steroid_injection")
    prior_facet, facet_sentences = _prior_injection(facts, "facet_injection")
    prior_tpi, tpi_sentences = _prior_injection(facts, "trigger_point_injection")
    prior_steroid, steroid_sentences = _prior_injection(facts, "joint_injection")
    same_kind = {
        "epidural_steroid_injection": esi_sentences,
        "facet_injection": facet_sentences,
        "trigger_point_injection": tpi_sentences,
        "joint_injection": steroid_sentences,
    }.get(request.service, ())
    relief_percent, relief_weeks = _relief(same_kind)
    radiating, not_radiating = _radiating(facts.text)
    radicular = (
        present(facts, "diagnosis", "neuralgia") + _texts(present(facts, "neuro_symptom"), r"radiat") + radiating
    )
    axial = (
        present(facts, "axial_pain")
        + tuple(f for f in negated(facts, "diagnosis") if f.value == "neuralgia")
        + not_radiating
    )
    twitch = present(facts, "trigger_point", "twitch")
    referred = present(facts, "trigger_point", "referred")
    knee_instability, knee_tear = _knee_findings(facts)
    cts = present(facts, "diagnosis", "carpal_tunnel") + present(facts, "nerve_entrapment", "median")
    ulnar = present(facts, "nerve_entrapment", "ulnar")
    trauma = _texts(present(facts, "red_flag"), r"fracture|dislocation")
    instability = present(facts, "spinal_instability") + _matches(
        facts.text, r"(?:spinal|segmental|lumbar|vertebral) instability", "spinal_instability"
    )
    arthritis = present(facts, "diagnosis", "osteoarthritis") + present(facts, "radiographic_oa")
    no_arthritis = negated(facts, "radiographic_oa")
    non_weight = present(facts, "non_weight_bearing") + _texts(present(facts, "weight_bearing"), r"non.?weight")
    red_flags = present(facts, "red_flag")
    tpi_count = request.sessions if request.service == "trigger_point_injection" else None
    return {
        "procedure": procedure,
        "procedure_site": site,
        "dme_kind": Variable(_dme_kind(request)),
        "requested_days": _requested_days(request),
        "injection_agent": Variable(_injection_agent(request)),
        "levels_within_two": Variable(_levels_within_two(request)),
        "radiculopathy_corroborated": _radiculopathy_corroborated(facts),
        "radicular_pain": tri_state(radicular, axial),
        "prior_esi": Variable(prior_esi.value is True, prior_esi.evidence),
        "prior_facet_blocks": prior_facet,
        "prior_tpi": Variable(prior_tpi.value is True, prior_tpi.evidence),
        "prior_steroid_injection": prior_steroid,
        "prior_injection_relief_percent": relief_percent,
        "prior_injection_relief_weeks": relief_weeks,
        "trigger_points_documented": Variable(True, twitch + referred) if twitch and referred else Variable(None),
        "tpi_within_four": Variable(tpi_count is None or tpi_count <= 4),
        "diagnostic_block_positive": _diagnostic_block(facts),
        "lesion_on_imaging": _lesion_on_imaging(facts, procedure_name),
        "mechanical_symptoms": tri_state(present(facts, "mechanical_symptom"), negated(facts, "mechanical_symptom")),
        "knee_instability": knee_instability,
        "knee_ligament_tear": knee_tear,
        "cts_clinical": tri_state(cts, tuple(f for f in negated(facts, "diagnosis") if f.value == "carpal_tunnel")),
        "cts_electrodiagnostic": _cts_electrodiagnostic(facts),
        "ulnar_entrapment": tri_state(ulnar, negated(facts, "nerve_entrapment")),
        "spinal_instability": tri_state(instability, negated(facts, "spinal_instability")),
        "spine_trauma": Variable(bool(trauma), trauma),
        "osteoarthritis_documented": tri_state(arthritis, no_arthritis),
        "homebound": _homebound(facts),
        "skilled_care_need": _care_need(facts, request, "skilled", _SKILLED_WORDS),
        "personal_care_need": _care_need(facts, request, "personal", _PERSONAL_WORDS),
        "home_health_hours_per_week": _home_hours(request),
        "home_health_within_60_days": _home_days(request) if request.service == "home_health" else Variable(None),
        "home_evaluation": tri_state(present(facts, "home_evaluation"), negated(facts, "home_evaluation")),
        "non_weight_bearing": tri_state(non_weight, ()),
        "gait_impaired": _gait(facts),
        "positional_aggravation": tri_state(present(facts, "positional_aggravation"), ()),
        "red_flag_documented": Variable(bool(red_flags), red_flags),
    }


PROVIDER = Provider("procedures", SPECS, compute)
