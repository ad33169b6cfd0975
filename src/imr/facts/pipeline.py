"""The medspaCy pipeline: a blank English spaCy model, a sentencizer, target rules and ConText.

Nothing is downloaded: the model is ``spacy.blank("en")`` and every rule comes from the package's data files.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from imr.facts.lexicon import concept_file, context_file


def _target_rules() -> list[Any]:
    from medspacy.ner import TargetRule

    rules: list[Any] = []
    for concept in concept_file().concepts:
        metadata = {"value": concept.value}
        for phrase in concept.phrases:
            tokens = [{"LOWER": token} for token in _tokens(phrase)]
            rules.append(TargetRule(phrase, concept.category, pattern=tokens, metadata=metadata))
        for pattern in concept.patterns:
            rules.append(TargetRule(pattern, concept.category, pattern=f"(?i){pattern}", metadata=metadata))
    return rules


def _tokens(phrase: str) -> list[str]:
    return [t.lower_ for t in _tokenizer().make_doc(phrase)]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """A blank English pipeline, only to split rule phrases into the tokens spaCy will match."""
    import spacy

    return spacy.blank("en")


def _context_rules() -> list[Any]:
    from medspacy.context import ConTextRule

    rules: list[Any] = []
    ends = context_file().terminated_by
    for rule in context_file().rules:
        pattern: str | list[dict[str, str]] | None = None
        if rule.pattern:
            pattern = rule.pattern
        elif " " in rule.literal or "-" in rule.literal:
            pattern = [{"LOWER": token} for token in _tokens(rule.literal)]
        rules.append(
            ConTextRule(
                rule.literal,
                rule.category,
                pattern=pattern,
                direction=rule.direction,
                max_scope=rule.max_scope,
                terminated_by=set(ends.get(rule.category, ())) or None,
            )
        )
    return rules


@lru_cache(maxsize=1)
def clinical_pipeline() -> Any:
    """Build once per process (about a second); later calls reuse it."""
    import logging

    import medspacy.context
    import medspacy.ner  # noqa: F401 - importing registers the spaCy factories
    import spacy

    logging.getLogger("PyRuSH").setLevel(logging.WARNING)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher: Any = nlp.add_pipe("medspacy_target_matcher")
    matcher.add(_target_rules())
    context: Any = nlp.add_pipe("medspacy_context", config={"rules": None})
    context.add(_context_rules())
    return nlp
