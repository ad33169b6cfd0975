"""Prior treatment per modality, with session counts when the record gives them.

Counts come in many shapes: "28 prior sessions of physical therapy", "20 to 22 sessions of physical therapy",
"at least eight prior sessions of massage therapy", "unspecified amounts of physical therapy", "1 session of
physical therapy". A count in a sentence about the request ("denied a request for 12 sessions of physical
therapy") is the request, not treatment given.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from imr.facts.context import SpanContext, span_context
from imr.facts.lexicon import ModalityLexicon, modality_lexicon
from imr.records import Fact, Presence, Span
from imr.text.sentences import sentence_bounds

_WORD = re.compile(r"[\w'-]+")
_NEAR_WORDS = 3
_NEAR_AFTER = 1
# a noun that the treatment only qualifies: the cue is about the outcome, the count or the notes, not the treatment
_GOVERNED = re.compile(
    r"\b(?:outcomes?|results?|response|benefit|improvement|efficacy|effect|progress|notes?|records?|number|"
    r"frequency|duration|dates?)\s+(?:of|to|from|with)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_LIST_WORDS = frozenset({"and", "or", "nor", "any"})
_UNIT = r"(?:sessions?|visits?|treatments?|appointments?)"
_QUALIFIER = r"(?:at least|approximately|about|around|over|more than|up to|roughly|nearly|a total of|total of)"


def _number_pattern(lexicon: ModalityLexicon) -> str:
    words = "|".join(sorted((re.escape(w) for w in lexicon.number_words), key=len, reverse=True))
    single = rf"(?:\d{{1,3}}|{words})"
    # "twelve (12)" is one number written twice; "12 of 12 authorized" is twelve given
    spelled = r"(?:\s*\(\d{1,3}\))?"
    out_of = r"(?:\s+of\s+\d{1,3})?"
    return (
        rf"(?P<qualifier>{_QUALIFIER}\s+)?(?P<low>{single}){spelled}"
        rf"(?:\s*(?:to|-|–|or)\s*(?P<high>{single}){spelled})?{out_of}"
    )


def _value(token: str | None, lexicon: ModalityLexicon) -> int | None:
    if token is None:
        return None
    token = token.lower()
    if token.isdigit():
        return int(token)
    return lexicon.number_words.get(token)


@lru_cache(maxsize=8)
def modality_mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, modality)`` of every treatment modality named in ``text``, in text order."""
    found = [
        (match.start(), match.end(), modality.key)
        for modality in modality_lexicon().modalities
        for match in modality.pattern.finditer(text)
    ]
    return tuple(sorted(found))


def prior_treatment_facts(text: str) -> list[Fact]:
    lexicon = modality_lexicon()
    number = _number_pattern(lexicon)
    patterns = {modality.key: modality.pattern for modality in lexicon.modalities}
    bounds = sentence_bounds(text)
    starts = [start for start, _ in bounds]
    mentions = []
    for first, last, key in modality_mentions(text):
        sentence_start, sentence_end = bounds[bisect.bisect_right(starts, first) - 1]
        if last > sentence_end:
            continue
        # matched again in its sentence, as the readers below measure everything from the sentence's start
        mention = patterns[key].match(text[sentence_start:sentence_end], first - sentence_start)
        if mention is not None:
            mentions.append((sentence_start, sentence_end, key, mention))
    # whether a mention is denied ("He has had no chiropractic care") is the ConText rules' call
    judged = span_context(text, [(start + m.start(), start + m.end()) for start, _, _, m in mentions])
    facts: list[Fact] = []
    for (start, end, key, mention), context in zip(mentions, judged, strict=True):
        presence = context.presence
        if presence in (Presence.ABSENT, Presence.UNDOCUMENTED) and not _cue_is_near(
            text, context, start, mention, lexicon
        ):
            # "a lack of documentation of objective outcomes from the prior chiropractic interventions": the cue
            # speaks of the outcomes, and the treatment itself was given
            presence = Presence.PRESENT
        fact = _fact_for_mention(text[start:end], start, mention, key, number, lexicon, presence)
        if fact is not None:
            facts.append(fact)
    return facts


def _cue_is_near(
    text: str, context: SpanContext, offset: int, mention: re.Match[str], lexicon: ModalityLexicon
) -> bool:
    """The negating or undocumented cue governs the treatment itself, not a word that governs it ("the outcome of
    prior physical therapy is not documented"). A cue before the mention may stand three words away, not counting
    other treatments of the same list ("denies any prior physical therapy, chiropractic treatment, or acupuncture");
    one after it must follow at once ("Prior physical therapy was not documented", "physical therapy: none")."""
    if context.cue is None:
        return True
    first, last = offset + mention.start(), offset + mention.end()
    if _GOVERNED.search(text[max(0, first - 40) : first]):
        return False
    if context.cue[1] <= first:
        between = text[context.cue[1] : first]
        for modality in lexicon.modalities:
            between = modality.pattern.sub(" ", between)
        limit = _NEAR_WORDS
    else:
        between = text[last : context.cue[0]]
        limit = _NEAR_AFTER
    words = [w for w in _WORD.findall(between) if w.lower() not in _LIST_WORDS]
    return len(words) <= limit


# "Six sessions of acupuncture were requested": the request named after the treatment, in the same clause
_ASKED_AFTER = re.compile(
    r"[^.;,]{0,30}?\b(?:is|are|was|were|has been|have been|being)\s+(?:now\s+)?(?:requested|recommended|proposed|"
    r"planned|pending|prescribed|ordered|sought|authorized|certified|non-?certified|denied|modified)\b",
    re.IGNORECASE,
)


_GIVEN_AFTER = re.compile(r"\b(?:completed|attended|received|finished|given|underwent)\b", re.IGNORECASE)


def _fact_for_mention(
    sentence: str,
    offset: int,
    mention: re.Match[str],
    modality: str,
    number: str,
    lexicon: ModalityLexicon,
    presence: Presence | None,
) -> Fact | None:
    before = sentence[max(0, mention.start() - 70) : mention.start()]
    counted = re.search(
        rf"{number}\s+(?:(?:prior|previous|earlier|past|completed|additional|total|authorized|approved|"
        rf"documented|separate|recent)\s+){{0,2}}(?:{_UNIT}\s+)?(?:(?:of|with|in)\s+)?(?:(?:the\s+)?[\w-]+\s+)?$",
        before,
        re.IGNORECASE,
    )
    after = sentence[mention.end() : mention.end() + 40]
    # "acupuncture x 8", "PT x12 visits", "physical therapy (12 sessions)"; after a colon, a comma or "for" only
    # with its unit ("Physical therapy: 24 sessions", "physical therapy for 12 sessions", not "Physical
    # therapy: 2 times a week")
    trailing = re.match(rf"\s*(?:x|times|\()\s*{number}\s*{_UNIT}?", after, re.IGNORECASE) or re.match(
        rf"\s*(?::|,|-|–|for)\s*{number}\s+(?:(?:prior|previous|completed|authorized|approved)\s+)?{_UNIT}\b"
        rf"(?!\s+(?:are\s+|were\s+|was\s+|is\s+)?(?:requested|recommended|proposed|pending|planned))",
        after,
        re.IGNORECASE,
    )
    lead = before[: counted.start()] if counted else before
    # "six physical therapy visits" (not "two physical therapy visits left")
    unit_follows = (
        re.match(rf"\s*{_UNIT}\b(?!\s+(?:left|remaining|scheduled|pending|planned|requested))", after, re.I) is not None
    )
    if (
        counted
        and not unit_follows
        and not re.search(_UNIT, counted.group(0), re.IGNORECASE)
        and not re.search(r"\d", counted.group(0))
    ):
        counted = None  # "two" before "physical therapy" with no unit is rarely a count ("twelve (12)" is)
    clause = re.split(r"[,;:]\s+(?=\w+ing\b)|\bnoting\b|\bwhile\b|\bbut\b", lead)[-1]
    is_request = (
        bool(lexicon.request_cues.search(clause[-45:]))
        and not re.search(
            r"\b(?:had had|had completed|completed|received|attended|prior|previous)\b",
            clause[-45:],
            re.IGNORECASE,
        )
    ) or bool(_ASKED_AFTER.match(after) and not _GIVEN_AFTER.search(sentence[mention.end() :]))
    match = counted or trailing
    start = offset + mention.start()
    end = offset + mention.end()
    if match is not None and not is_request:
        low = _value(match.group("low"), lexicon)
        high = _value(match.group("high"), lexicon)
        count = max(v for v in (low, high) if v is not None) if (low or high) else None
        if count is None or count == 0 or count > 200:
            return None
        if counted:
            start = offset + mention.start() - len(before) + counted.start()
        else:
            end = offset + mention.end() + (trailing.end() if trailing else 0)
        return Fact(
            kind="prior_treatment",
            value=modality,
            text=sentence[start - offset : end - offset].strip(),
            span=Span(start, end),
            count=count,
            count_text=match.group(0).strip(),
        )
    if is_request:
        return None
    vague = lexicon.vague_counts.search(before[-45:])
    if presence is Presence.ABSENT or (presence is Presence.UNDOCUMENTED and vague is None):
        # "He has had no chiropractic care", "denies prior physical therapy": none was given; "no documentation of
        # prior chiropractic treatment": the record is silent on it, which is no treatment given either ("unspecified
        # amounts of physical therapy" is treatment given, its count unknown)
        return Fact(
            kind="prior_treatment",
            value=modality,
            text=sentence[mention.start() : mention.end()],
            span=Span(start, end),
            presence=presence,
        )
    if presence in (None, Presence.POSSIBLE, Presence.HYPOTHETICAL):
        return None  # someone else's, suspected, or conditional
    context = vague or lexicon.prior_cues.search(before) or lexicon.prior_cues.search(sentence)
    if context is None:
        return None
    return Fact(
        kind="prior_treatment",
        value=modality,
        text=sentence[mention.start() : mention.end()],
        span=Span(start, end),
        count=None,
        count_text=vague.group(0) if vague else None,
    )
