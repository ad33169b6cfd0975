"""Find and resolve guideline citations in IMR letters."""

from imr.citations.parse import parse_guideline_line
from imr.citations.vocabulary import CitationVocabulary, citation_vocabulary

__all__ = ["CitationVocabulary", "citation_vocabulary", "parse_guideline_line"]
