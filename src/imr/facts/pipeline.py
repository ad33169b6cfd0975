"""The medspaCy pipeline: a blank English spaCy model, a sentencizer, the sectionizer, target rules and ConText.

Nothing is downloaded: the model is ``spacy.blank("en")`` and every rule comes from the package's data files.
Sentences also end at a blank line and before a list item on a new line ("1. Cervical strain", "- Chiropractic:
6 visits"): records are written in lists, and a ConText cue must not reach from one item into the next.

The components are called one by one (:func:`prepare`, :func:`find_targets`, then ConText), never as
``nlp(text)``: the pieces of a long record are prepared once and judged many times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from imr.facts.lexicon import concept_file, context_file
from imr.facts.sections import Heading, section_rules

_LIST_MARKERS = frozenset({"-", "•", "*", "–"})


@dataclass(frozen=True, slots=True)
class RegexTarget:
    """A concept rule written as a regex. It is matched over the record text itself: medspaCy's RegexMatcher
    rebuilds the document's text for every pattern of every document, which cost more than all the rest of
    reading a long record."""

    pattern: re.Pattern[str]
    rule: Any  # the medspaCy TargetRule, for the entity's metadata


def _phrase_rules() -> list[Any]:
    """Concept phrases as medspaCy TargetRules without a pattern: its PhraseMatcher matches them by lower-case
    token, as fast for a thousand phrases as for ten."""
    from medspacy.ner import TargetRule

    return [
        TargetRule(phrase, concept.category, metadata={"value": concept.value})
        for concept in concept_file().concepts
        for phrase in concept.phrases
    ]


@lru_cache(maxsize=1)
def regex_targets() -> tuple[RegexTarget, ...]:
    from medspacy.ner import TargetRule

    return tuple(
        RegexTarget(re.compile(pattern, re.IGNORECASE), TargetRule(pattern, concept.category, metadata=metadata))
        for concept in concept_file().concepts
        for metadata in [{"value": concept.value}]
        for pattern in concept.patterns
    )


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
    # first, so that the phrase matcher's rules are tokenised by the tokenizer alone (it runs the pipeline)
    matcher: Any = nlp.add_pipe("medspacy_target_matcher", config={"result_type": None, "prune": False})
    matcher.add(_phrase_rules())
    nlp.add_pipe("sentencizer")
    sectionizer: Any = nlp.add_pipe(
        "medspacy_sectionizer", config={"rules": None, "span_attrs": None, "apply_sentence_boundary": True}
    )
    sectionizer.add(section_rules())
    context: Any = nlp.add_pipe("medspacy_context", config={"rules": None})
    context.add(_context_rules())
    return nlp


def prepare(nlp: Any, text: str, offset: int = 0) -> tuple[Any, tuple[Heading, ...]]:
    """``text`` tokenised and split into sentences (also at blank lines and list items), and the section
    headings in it (their offsets plus ``offset``). The document keeps no section data: copies stay cheap."""
    document = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    _break_lines(document)
    document = nlp.get_pipe("medspacy_sectionizer")(document)
    headings = []
    for section in document._.sections:
        if section.category is not None:
            first, last = section.title_span
            title = document[first:last]
            headings.append(Heading(offset + title.start_char, offset + title.end_char, section.category))
    document.user_data.clear()
    return document, tuple(headings)


def find_targets(nlp: Any, document: Any, text: str, offset: int) -> list[Any]:
    """The concept entities of a prepared document of ``text[offset:]``: phrase and regex rules together, the
    longest of overlapping matches kept (as medspaCy's TargetMatcher keeps them)."""
    from medspacy.common.util import prune_overlapping_matches
    from spacy.tokens import Span

    found: list[Any] = list(nlp.get_pipe("medspacy_target_matcher")(document))
    end = offset + len(document.text)
    for target in regex_targets():
        for match in target.pattern.finditer(text, offset, end):
            span = document.char_span(match.start() - offset, match.end() - offset, alignment_mode="expand")
            if span is None or not len(span):
                continue
            entity = Span(document, span.start, span.end, label=target.rule.category)
            entity._.target_rule = target.rule
            found.append(entity)
    kept = prune_overlapping_matches([(index, span.start, span.end) for index, span in enumerate(found)])
    return sorted((found[index] for index, _, _ in kept), key=lambda span: span.start)


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
