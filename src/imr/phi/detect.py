"""Finding identifiers in a text: Presidio's analyzer over the catalogue recognisers and the case's parties.

``detect_identifiers`` returns merged, position-sorted :class:`IdentifierSpan` records; it never changes the
text (that is :mod:`imr.phi.redact`'s job).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from imr.phi.catalogue import Catalogue, load_catalogue
from imr.phi.clinical import ClinicalRange, clinical_ranges
from imr.phi.merge import merge_overlapping
from imr.phi.nlp import LANGUAGE, BlankSpacyNlpEngine
from imr.phi.parties import RECOGNISER_NAME as PARTY_RECOGNISER
from imr.phi.party_recogniser import KnownPartyRecognizer
from imr.phi.pattern_recogniser import CataloguePatternRecognizer
from imr.phi.spans import IdentifierSpan, KnownIdentifier
from imr.phi.vocabulary import loose_literal

DEFAULT_MIN_SCORE = 0.5

# Presidio logs every recogniser it loads at INFO; the project's own logging should not drown in it.
logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)


@dataclass(frozen=True, slots=True)
class _Engine:
    analyzer: AnalyzerEngine
    catalogue: Catalogue
    recognisers: dict[str, CataloguePatternRecognizer]


@functools.cache
def _engine() -> _Engine:
    catalogue = load_catalogue()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    recognisers = {spec.name: CataloguePatternRecognizer(spec) for spec in catalogue.recognisers}
    for recogniser in recognisers.values():
        registry.add_recognizer(recogniser)
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=BlankSpacyNlpEngine(),
        supported_languages=[LANGUAGE],
        # Whole words: in substring mode the context word "ph" would match "physician".
        context_aware_enhancer=LemmaContextAwareEnhancer(context_matching_mode="whole_word"),
    )
    return _Engine(analyzer, catalogue, recognisers)


@functools.lru_cache(maxsize=64)
def _party_recogniser(parties: tuple[KnownIdentifier, ...]) -> KnownPartyRecognizer:
    return KnownPartyRecognizer(parties)


def _reason(result: RecognizerResult) -> str:
    explanation = result.analysis_explanation
    if explanation is None:
        return "no explanation recorded"
    if explanation.recognizer == "known_party":
        return str(explanation.textual_explanation)
    reason = f"pattern {explanation.pattern_name} of {explanation.recognizer}"
    reason += f" (score {explanation.original_score:.2f})"
    if explanation.supportive_context_word:
        reason += f"; context {explanation.supportive_context_word!r} raised it to {result.score:.2f}"
    return reason


def _kept_ranges(text: str, catalogue: Catalogue, public_terms: Sequence[str] = ()) -> list[tuple[int, int, str]]:
    kept = [(m.start(), m.end(), rule.name) for rule in catalogue.keep for m in rule.pattern.finditer(text)]
    for term in public_terms:
        if term.strip():
            pattern = regex.compile(rf"(?<!\w){loose_literal(term.strip())}(?!\w)", regex.IGNORECASE)
            kept.extend((m.start(), m.end(), "public_term") for m in pattern.finditer(text))
    return kept


def _clinical(span_start: int, span_end: int, recogniser: str, clinical: Sequence[ClinicalRange]) -> bool:
    """Whether a detection lies wholly inside clinical text that it may not take ("Parkinson disease")."""
    from_party = recogniser == PARTY_RECOGNISER
    return any(c.holds(span_start, span_end) and (c.overrides_parties or not from_party) for c in clinical)


def _analyse(
    text: str,
    parties: Sequence[KnownIdentifier],
    min_score: float,
    entities: list[str] | None = None,
    public_terms: Sequence[str] = (),
) -> list[IdentifierSpan]:
    """Every detection at or above ``min_score``, unmerged, without those touching a public identifier or lying
    inside a clinical term."""
    if not text.strip():
        return []
    engine = _engine()
    ad_hoc: list[EntityRecognizer] | None = [_party_recogniser(tuple(parties))] if parties else None
    results = engine.analyzer.analyze(
        text,
        language=LANGUAGE,
        entities=entities,
        ad_hoc_recognizers=ad_hoc,
        score_threshold=min_score,
        return_decision_process=True,
    )
    return _to_spans(text, results, engine.catalogue, public_terms)


def _to_spans(
    text: str, results: list[RecognizerResult], catalogue: Catalogue, public_terms: Sequence[str] = ()
) -> list[IdentifierSpan]:
    kept = _kept_ranges(text, catalogue, public_terms)
    clinical = clinical_ranges(text)
    spans: list[IdentifierSpan] = []
    for result in results:
        if result.end <= result.start or any(result.start < end and start < result.end for start, end, _ in kept):
            continue
        recogniser = result.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown")
        if _clinical(result.start, result.end, recogniser, clinical):
            continue
        score = min(1.0, max(0.0, float(result.score)))
        spans.append(IdentifierSpan(result.entity_type, result.start, result.end, score, recogniser, _reason(result)))
    return spans


def detect_identifiers(
    text: str,
    parties: Sequence[KnownIdentifier] = (),
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    public_terms: Sequence[str] = (),
) -> tuple[IdentifierSpan, ...]:
    """Identifiers in ``text``: the case's ``parties`` wherever they recur, and what the recognisers find.

    Overlapping detections are merged (higher score wins, then the longer span). IMR case numbers
    ("CM, two-digit year, seven digits") and ``public_terms`` (the review organisation's name) are public and
    never returned; nor is a detection that lies wholly inside a clinical term of ``data/phi/clinical_terms.yaml``
    ("Parkinson disease", "CPT 97110", "Modified Duty").

    >>> [s.entity_type for s in detect_identifiers("Call (559) 555-0142 for Dr. Okafor.")]
    ['PHONE', 'PROVIDER']
    """
    return merge_overlapping(_analyse(text, parties, min_score, public_terms=public_terms))


def find_with_recogniser(name: str, text: str, *, min_score: float = DEFAULT_MIN_SCORE) -> tuple[IdentifierSpan, ...]:
    """What catalogue recogniser ``name`` alone finds in ``text``: for its examples, and for debugging.

    The same steps as the analyzer (patterns and labels, Presidio context, threshold, public identifiers)
    for one recogniser, so another recogniser's overlapping detection cannot hide this one's.
    """
    engine = _engine()
    recogniser = engine.recognisers[name]
    artifacts = engine.analyzer.nlp_engine.process_text(text, LANGUAGE)
    results = recogniser.analyze(text, recogniser.supported_entities, artifacts)
    results = engine.analyzer.context_aware_enhancer.enhance_using_context(text, results, artifacts, [recogniser])
    spans = _to_spans(text, [r for r in results if r.score >= min_score], engine.catalogue)
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))
