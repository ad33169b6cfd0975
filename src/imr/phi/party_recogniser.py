"""Presidio recogniser for the case's own parties: each compiled party pattern (:mod:`imr.phi.parties`) run over
the text, with an explanation that names the party by its number and kind, never by its value.
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from imr.phi.name_variants import is_namesake
from imr.phi.nlp import LANGUAGE
from imr.phi.parties import PARTY_SCORE, RECOGNISER_NAME, compile_parties
from imr.phi.spans import EntityType, KnownIdentifier
from imr.phi.vocabulary import load_vocabulary


class KnownPartyRecognizer(EntityRecognizer):
    """Presidio recogniser for the parties of one case (built per case, passed as an ad-hoc recogniser)."""

    def __init__(self, parties: Sequence[KnownIdentifier]) -> None:
        self.party_patterns = compile_parties(parties)
        entity_types = sorted(
            {p.entity_type for p in self.party_patterns} | ({EntityType.PERSON} if self.party_patterns else set())
        )
        super().__init__(supported_entities=entity_types, name=RECOGNISER_NAME, supported_language=LANGUAGE)

    def load(self) -> None:
        """Nothing to load: the patterns are compiled in ``__init__``."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        vocabulary = load_vocabulary()
        for party in self.party_patterns:
            for match in party.pattern.finditer(text):
                if match.end() == match.start():
                    continue
                entity_type = party.entity_type
                if party.person and is_namesake(text, match.start(), match.end(), vocabulary):
                    entity_type = EntityType.PERSON
                explanation = AnalysisExplanation(
                    recognizer=RECOGNISER_NAME,
                    original_score=PARTY_SCORE,
                    pattern_name=party.label,
                    textual_explanation=f"matches the case's known {party.label}",
                )
                results.append(
                    RecognizerResult(
                        entity_type=entity_type,
                        start=match.start(),
                        end=match.end(),
                        score=PARTY_SCORE,
                        analysis_explanation=explanation,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNISER_NAME,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return results
