"""What the record says about injections given before, their relief, imaging and nerve-study findings, the
knee examination, gait and homebound status: the readers behind the procedures provider's variables."""

from __future__ import annotations

import re
from collections.abc import Iterable

from imr.facts.context import span_presence
from imr.guidelines.providers.procedure_requests import (
    _FACT_PROCEDURES,
    _procedure_of,
    _site,
)
from imr.guidelines.variables import ItemContext, Variable, negated, present, same_region, tri_state
from imr.records import Fact, Facts, Presence, Span, TreatmentRequest
from imr.text.sentences import sentence_bounds

# ---------------------------------------------------------------------------------------------------------------
# What the record reports

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
        r"(?:impinging|compressing|abutting|contacting|displacing|effacing) (?:on |upon )?(?:the )?(?:left |right |"
        r"bilateral )?(?:exiting |traversing )?(?:[LCS]\d )?nerve roots?|radiculopathy|radiculitis|"
        r"\b[LCS]\d-[LCS]?\d (?:(?:left|right|central|paracentral|foraminal|broad-based) )*"
        r"(?:protrusion|extrusion|herniation)",
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
    r"resulted in|produced|yielded|did not help)\b",
    re.IGNORECASE,
)
_NO_INJECTIONS = re.compile(
    r"\b(?:has had no|had no|has not had any|has not had|has never had|never had|no|denies any|denies)\s+"
    r"(?:prior |previous |earlier )?(?:spinal |spine |lumbar |cervical |interventional )?injections?\b",
    re.IGNORECASE,
)
_REQUESTED = re.compile(
    r"\b(?:request\w*|plan\w*|recommend\w*|pursu\w*|propos\w*|schedul\w*|authori[sz]\w*|consider\w*|candidate|"
    r"would|will|refer\w*|appeal\w*|sought|seeking|denied|non-?certified)\b",
    re.IGNORECASE,
)
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
    r"(?:for|lasting|lasted|x|over)\s+(?:about |approximately |at least |nearly |more than )?"
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(weeks?|months?)",
    re.IGNORECASE,
)
_POSITIVE_BLOCK = re.compile(r"positive|concordant|good (?:relief|response)|significant relief", re.IGNORECASE)
_NEGATIVE_BLOCK = re.compile(r"negative|no relief|no response|non-?diagnostic|failed", re.IGNORECASE)
# medial branch blocks count as positive at 70 % relief (ODG Low Back, Facet joint diagnostic blocks) [K]
_BLOCK_THRESHOLD = 70


def _study_sentences(text: str, study: re.Pattern[str]) -> list[tuple[int, int]]:
    """Sentences that report a study's results: the one naming the study and those carrying on its report."""
    found: list[tuple[int, int]] = []
    carry = 0
    for start, end in sentence_bounds(text):
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
    """Lesions a study reports, and those it reports absent, each as a fact pointing at the words. Negation and
    uncertainty come from the ConText rules; a lesion named as what is requested or planned is no finding."""
    candidates: list[tuple[str, int, int]] = []
    for start, end in sentences:
        sentence = text[start:end]
        for key, pattern in lesions:
            for match in re.finditer(pattern, sentence, re.IGNORECASE):
                clause = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
                if not _REQUESTED.search(clause):
                    candidates.append((key, start + match.start(), start + match.end()))
    found: list[Fact] = []
    denied: list[Fact] = []
    presences = span_presence(text, [(first, last) for _, first, last in candidates])
    for (key, first, last), presence in zip(candidates, presences, strict=True):
        if presence not in (Presence.PRESENT, Presence.ABSENT):
            continue  # suspected, to be ruled out, or someone else's
        fact = Fact(kind="study_finding", value=key, text=text[first:last], span=Span(first, last), presence=presence)
        (found if presence is Presence.PRESENT else denied).append(fact)
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


def _procedure(facts: Facts, request: TreatmentRequest, context: ItemContext) -> tuple[Variable, Variable]:
    """The surgery in question: the request's own, else the one another item of the case asks for, else the one
    the record names."""
    if request.service == "surgery":
        procedure = _procedure_of(request.text) or "other"
        return Variable(procedure), Variable(_site(procedure, request))
    for other in context.other_requests:
        if other.service == "surgery" and not other.associated_surgical and same_region(request, other):
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


def _care_need(facts: Facts, request: TreatmentRequest, kind: str, words: re.Pattern[str]) -> Variable:
    in_record = present(facts, "care_need", kind)
    if kind == "personal":
        in_record += present(facts, "independence_loss")
    if in_record:
        return Variable(True, in_record)
    if request.service == "home_health" and words.search(request.text):
        return Variable(True)
    return Variable(None)


def _given_before(sentence: str, match: re.Match[str], offset: int) -> bool:
    """``match`` was found in the whole text; ``offset`` is where ``sentence`` starts in it."""
    begin, finish = match.start() - offset, match.end() - offset
    before = sentence[:begin]
    if match.group(0).lower().startswith("injected"):
        return True
    cue = _GIVEN_CUE.search(before)
    if cue and not _REQUESTED.search(cue.group(0)):
        return True
    return bool(_PRIOR_WORD.search(before) or _GIVEN_AFTER.search(sentence[finish:]))


def _prior_injection(facts: Facts, kind: str) -> tuple[Variable, tuple[Fact, ...]]:
    """Whether the record says an injection of ``kind`` was given before, and the sentences that say so. A mention
    the ConText rules read as negated ("has never had an epidural") says none was given."""
    pattern = re.compile(_INJECTIONS[kind], re.IGNORECASE)
    text = facts.text
    mentions = [
        (start, end, match) for start, end in sentence_bounds(text) for match in pattern.finditer(text, start, end)
    ]
    presences = span_presence(text, [m.span() for _, _, m in mentions])
    given: list[Fact] = []
    none_given: list[Fact] = []
    settled: set[int] = set()  # sentences already read: their first telling mention decides
    for (start, end, match), presence in zip(mentions, presences, strict=True):
        sentence = text[start:end]
        if start in settled:
            continue
        if presence is Presence.ABSENT:
            none_given.append(Fact("prior_injection", kind, sentence.strip(), Span(start, end), Presence.ABSENT))
            settled.add(start)
        elif presence is Presence.PRESENT and _given_before(sentence, match, start):
            given.append(Fact("prior_injection", kind, sentence.strip(), Span(start, end)))
            settled.add(start)
    if given:
        return Variable(True, tuple(given)), tuple(given) + _sequels(text, given, kind)
    if not none_given:  # "He has had no prior spinal injections" says none of any kind was given
        none_given = [
            Fact("prior_injection", kind, m.group(0), Span(m.start(), m.end()), Presence.ABSENT)
            for m in _NO_INJECTIONS.finditer(text)
        ]
    if none_given:
        return Variable(False, tuple(none_given)), ()
    return Variable(None), ()


_SEQUEL_LIMIT = 2  # sentences after the injection's that may still tell its result


def _sequels(text: str, given: list[Fact], kind: str) -> tuple[Fact, ...]:
    """The sentences right after an injection's that tell its result ("Follow-up notes documented a 70 percent
    reduction in leg pain ... the relief lasted 12 weeks"), up to the first that names another injection."""
    others = re.compile("|".join(p for k, p in _INJECTIONS.items() if k != kind), re.IGNORECASE)
    bounds = sentence_bounds(text)
    found: list[Fact] = []
    for fact in given:
        following = [(start, end) for start, end in bounds if start >= fact.span.end][:_SEQUEL_LIMIT]
        for start, end in following:
            sentence = text[start:end]
            if others.search(sentence):
                break
            if _PERCENT.search(sentence) or _NO_RELIEF.search(sentence) or _DURATION.search(sentence):
                found.append(Fact("prior_injection", kind, sentence.strip(), Span(start, end)))
    return tuple(found)


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
    # a study that reports narrowing but denies root impingement ("foraminal narrowing, without definite nerve root
    # impingement") does not corroborate a radiculopathy
    if confirmed or (found and not denied):
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
    r"buttocks?|thighs?|calf|calves|feet|foot|toes?|arms?|upper extremit\w*|hands?|fingers?)\b"
    r"|radiating (?:arm|leg|upper extremity|lower extremity|radicular) (?:symptoms|pain|complaints)\b",
    re.IGNORECASE,
)


def _radiating(text: str) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    matches = list(_RADIATING.finditer(text))
    found: list[Fact] = []
    denied: list[Fact] = []
    for match, presence in zip(matches, span_presence(text, [m.span() for m in matches]), strict=True):
        if presence not in (Presence.PRESENT, Presence.ABSENT):
            continue
        fact = Fact(
            kind="radiating_pain",
            value="radiating",
            text=match.group(0),
            span=Span(match.start(), match.end()),
            presence=presence,
        )
        (found if presence is Presence.PRESENT else denied).append(fact)
    return tuple(found), tuple(denied)
