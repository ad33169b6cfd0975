"""Presidio pattern recognisers built from the catalogue, with label context on top of Presidio's own."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from imr.phi.catalogue import RecogniserSpec
from imr.phi.nlp import LANGUAGE


class CataloguePatternRecognizer(PatternRecognizer):
    """A :class:`PatternRecognizer` for one catalogue entry.

    Presidio's context words (``context``) are left to its ``LemmaContextAwareEnhancer``. The catalogue's
    ``label`` context is applied here, right after the patterns: a label-only pattern's unlabelled matches are
    dropped at once, so the many dates and numbers that are not identifiers never reach the enhancers.
    """

    def __init__(self, spec: RecogniserSpec) -> None:
        self.spec = spec
        self._label_only = frozenset(p.name for p in spec.patterns if p.requires_label)
        super().__init__(
            supported_entity=spec.entity_type,
            name=spec.name,
            supported_language=LANGUAGE,
            patterns=[Pattern(p.name, p.regex, p.score) for p in spec.patterns],
            context=list(spec.context_words),
            global_regex_flags=spec.regex_flags,
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        label_context = self.spec.label
        if label_context is None:
            return results
        kept: list[RecognizerResult] = []
        for result in results:
            explanation = result.analysis_explanation
            label = label_context.find(text, result.start, result.end)
            if label is None:
                if explanation.pattern_name not in self._label_only:
                    kept.append(result)
                continue
            if result.score < label_context.score:
                result.score = label_context.score
                explanation.set_supportive_context_word(" ".join(label.split()))
                explanation.set_improved_score(result.score)
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            kept.append(result)
        return kept
