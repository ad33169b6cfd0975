"""Prior treatment per modality, with session counts when the record gives them.

Counts come in many shapes: "28 prior sessions of physical therapy", "20 to 22 sessions of physical therapy",
"at least eight prior sessions of massage therapy", "unspecified amounts of physical therapy", "1 session of
physical therapy". A count in a sentence about the request ("denied a request for 12 sessions of physical
therapy") is the request, not treatment given.
"""

from __future__ import annotations

import re

from imr.facts.context import span_presence
from imr.facts.lexicon import ModalityLexicon, modality_lexicon
from imr.records import Fact, Presence, Span
from imr.text.sentences import sentence_bounds

_UNIT = r"(?:sessions?|visits?|treatments?|appointments?)"
_QUALIFIER = r"(?:at least|approximately|about|around|over|more than|up to|roughly|nearly|a total of|total of)"


def _number_pattern(lexicon: ModalityLexicon) -> str:
    words = "|".join(sorted((re.escape(w) for w in lexicon.number_words), key=len, reverse=True))
    single = rf"(?:\d{{1,3}}|{words})"
    return rf"(?P<qualifier>{_QUALIFIER}\s+)?(?P<low>{single})(?:\s*(?:to|-|–|or)\s*(?P<high>{single}))?"


def _value(token: str | None, lexicon: ModalityLexicon) -> int | None:
    if token is None:
        return None
    token = token.lower()
    if token.isdigit():
        return int(token)
    return lexicon.number_words.get(token)


def prior_treatment_facts(text: str) -> list[Fact]:
    lexicon = modality_lexicon()
    number = _number_pattern(lexicon)
    mentions = [
        (sentence_start, sentence_end, modality.key, mention)
        for sentence_start, sentence_end in sentence_bounds(text)
        for modality in lexicon.modalities
        for mention in modality.pattern.finditer(text[sentence_start:sentence_end])
    ]
    # whether a mention is denied ("He has had no chiropractic care") is the ConText rules' call
    presences = span_presence(text, [(start + m.start(), start + m.end()) for start, _, _, m in mentions])
    facts: list[Fact] = []
    for (start, end, key, mention), presence in zip(mentions, presences, strict=True):
        fact = _fact_for_mention(text[start:end], start, mention, key, number, lexicon, presence is Presence.ABSENT)
        if fact is not None:
            facts.append(fact)
    return facts


def _fact_for_mention(
    sentence: str,
    offset: int,
    mention: re.Match[str],
    modality: str,
    number: str,
    lexicon: ModalityLexicon,
    denied: bool,
) -> Fact | None:
    before = sentence[max(0, mention.start() - 70) : mention.start()]
    counted = re.search(
        rf"{number}\s+(?:(?:prior|previous|earlier|past|completed|additional|total|authorized|approved|"
        rf"documented|separate|recent)\s+){{0,2}}(?:{_UNIT}\s+)?(?:(?:of|with|in)\s+)?(?:(?:the\s+)?\w+\s+)?$",
        before,
        re.IGNORECASE,
    )
    after = sentence[mention.end() : mention.end() + 40]
    trailing = re.match(rf"\s*(?:x|times|\()\s*{number}\s*{_UNIT}?", after, re.IGNORECASE)
    lead = before[: counted.start()] if counted else before
    if counted and not re.search(_UNIT, counted.group(0), re.IGNORECASE) and not counted.group(0).strip().isdigit():
        counted = None  # "two" before "physical therapy" with no unit is rarely a count
    clause = re.split(r"[,;:]\s+(?=\w+ing\b)|\bnoting\b|\bwhile\b|\bbut\b", lead)[-1]
    is_request = bool(lexicon.request_cues.search(clause[-45:])) and not re.search(
        r"\b(?:had had|had completed|completed|received|attended|prior|previous)\b",
        clause[-45:],
        re.IGNORECASE,
    )
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
    if denied:
        # "He has had no chiropractic care", "denies prior physical therapy": the record says none was given
        return Fact(
            kind="prior_treatment",
            value=modality,
            text=sentence[mention.start() : mention.end()],
            span=Span(start, end),
            presence=Presence.ABSENT,
        )
    vague = lexicon.vague_counts.search(before[-45:])
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
