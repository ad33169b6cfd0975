"""The medspaCy pipeline: a blank English spaCy model, a sentencizer, the sectionizer, target rules and ConText.

Nothing is downloaded: the model is ``spacy.blank("en")`` and every rule comes from the package's data files.
Sentences also end at a blank line and before a list item on a new line ("1. Cervical strain", "- Chiropractic:
6 visits"): records are written in lists, and a ConText cue must not reach from one item into the next.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from imr.facts.lexicon import concept_file, context_file
from imr.facts.sections import section_rules

_LIST_MARKERS = frozenset({"-", "•", "*", "–"})


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
                allowed_types=set(rule.allowed_types) if rule.allowed_types else None,
            )
        )
    return rules


@lru_cache(maxsize=1)
def clinical_pipeline() -> Any:
    """Build once per process (about a second); later calls reuse it."""
    import logging
    import warnings

    import medspacy.context
    import medspacy.ner
    import medspacy.section_detection  # noqa: F401 - importing registers the spaCy factories
    import spacy

    logging.getLogger("PyRuSH").setLevel(logging.WARNING)
    # the sectionizer's rules are all regexes, which leaves its token matcher empty: spaCy warns on every call
    warnings.filterwarnings("ignore", message=r"\[W036\] The component 'matcher' does not have any patterns")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    sectionizer: Any = nlp.add_pipe(
        "medspacy_sectionizer", config={"rules": None, "span_attrs": None, "apply_sentence_boundary": True}
    )
    sectionizer.add(section_rules())
    matcher: Any = nlp.add_pipe("medspacy_target_matcher")
    matcher.add(_target_rules())
    context: Any = nlp.add_pipe("medspacy_context", config={"rules": None})
    context.add(_context_rules())
    return nlp


def prepare(nlp: Any, text: str) -> Any:
    """``text`` tokenised, split into sentences (also at blank lines and list items) and into sections; no
    entities yet."""
    document = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    _break_lines(document)
    return nlp.get_pipe("medspacy_sectionizer")(document)


def _break_lines(document: Any) -> None:
    for token in document[1:]:
        previous = document[token.i - 1]
        if token.is_space or not previous.is_space or "\n" not in previous.text:
            continue
        if previous.text.count("\n") > 1 or _starts_list_item(token):
            token.is_sent_start = True


def _starts_list_item(token: Any) -> bool:
    if token.text in _LIST_MARKERS:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.text.isdigit() and len(token.text) <= 2 and following is not None and following.text in {".", ")"}
