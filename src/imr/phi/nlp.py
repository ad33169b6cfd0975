"""A Presidio NLP engine on a blank spaCy pipeline: tokens only, no model, nothing downloaded.

Presidio's default engine loads ``en_core_web_lg`` (and downloads it when missing). Our recognisers need no
named-entity model; Presidio's context enhancer only needs tokens and lemmas, and the lower-cased token
stands in for the lemma (context words are listed in the forms they take in records: "fax", "phone").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.language import Language

LANGUAGE = "en"


class BlankSpacyNlpEngine(NlpEngine):
    """Tokenises with ``spacy.blank("en")``; reports no entities."""

    def __init__(self) -> None:
        self._nlp: Language | None = None

    def load(self) -> None:
        self._nlp = spacy.blank(LANGUAGE)

    def is_loaded(self) -> bool:
        return self._nlp is not None

    @property
    def pipeline(self) -> Language:
        if self._nlp is None:
            self.load()
        assert self._nlp is not None
        return self._nlp

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        doc = self.pipeline(text)
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
        )

    def process_batch(
        self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1, **kwargs: Any
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self.pipeline.vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self.pipeline.vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return [LANGUAGE]
