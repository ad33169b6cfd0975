"""The shorter spellings a record uses for a person it has named in full: the first name alone and initials.

A worker called "Rosalind Quintero" in the case file is "Rosalind" in a nursing note ("Rosalind reports pain"),
"R.Q." or "R. Q." in a therapist's log and "RQ" after "Pt" in a chart. These spellings are as identifying as the
full name, but short enough to collide with ordinary words, so:

- the first name alone is matched only capitalised, and never when it is also a month or an ordinary word
  ("May", "Will", "Grace": ``AMBIGUOUS_GIVEN_NAME`` in ``data/phi/vocabulary.yaml``) or a stop word;
- initials with dots ("R.Q.", "R. M. Q.") are matched for every person;
- initials without dots ("RQ") only for the worker (``bare_initials``), in capitals, and never where they are a
  clinical abbreviation ("PT", "DC": the allow-list of ``data/phi/clinical_terms.yaml`` keeps those).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from imr.phi.vocabulary import Vocabulary

# A first name this short is more often an abbreviation or a word than a name ("Al", "Ed").
MIN_GIVEN_NAME_LENGTH = 3


def _capitalised(word: str) -> str:
    forms = {word[:1].upper() + word[1:], word.upper()}
    if word[1:].isupper():
        forms.add(word[:1].upper() + word[1:].lower())
    return "(?:" + "|".join(regex.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + ")"


def given_name_regex(first: str, vocabulary: Vocabulary) -> str | None:
    """The first name alone, capitalised, or None when it is too short or also an ordinary word."""
    word = first.strip(".,")
    if len(word) < MIN_GIVEN_NAME_LENGTH or not word[:1].isalpha():
        return None
    blocked = {
        w.casefold().rstrip(".")
        for name in ("AMBIGUOUS_GIVEN_NAME", "NAME_STOPWORD", "MONTH", "CA_CITY")
        for w in vocabulary.words(name)
    }
    if word.casefold() in blocked:
        return None
    return _capitalised(word)


def initials_regex(words: Sequence[str], *, bare_initials: bool) -> str | None:
    """Initials of a name of two or more words: "R.Q.", "R. Q.", "R.M.Q." and, with ``bare_initials``, "RQ"."""
    letters = [w[0].upper() for w in words if w[:1].isalpha()]
    if len(letters) < 2:
        return None
    # every letter, and the first and last alone; a double surname gives both its letters ("McAllister-Boyd")
    spellings = {(letters[0], letters[-1]), tuple(letters)}
    parts = [p for w in words for p in regex.split(r"[-\s]", w) if p[:1].isalpha()]
    spellings.add(tuple(p[0].upper() for p in parts))
    ordered = sorted(spellings, key=len, reverse=True)
    dotted = "|".join(r"\.[ ]?".join(group) + r"\.?" for group in ordered)
    forms = [rf"(?<![\w.])(?:{dotted})(?!\w)"]
    if bare_initials:
        bare = "|".join("".join(group) for group in ordered)
        forms.append(rf"(?<![\w.'’-])(?:{bare})(?![\w'’-])")
    return "(?:" + "|".join(forms) + ")"


_WORD_BEFORE = regex.compile(r"(?<![\w.'’-])(?P<word>[A-Z][a-z'’-]+)[ \t]+\Z")
_TITLES_WITHOUT_DOTS = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "doctor", "pt", "patient"})


def is_namesake(text: str, start: int, end: int, vocabulary: Vocabulary) -> bool:
    """Whether the one-word match ``text[start:end]`` of a person's name is the surname of someone else: another
    given name stands right before it ("her husband Tom Quintero" beside the worker Rosalind Quintero). The
    span is still an identifier (a relative names the worker), but of a person, not of the party."""
    if any(c.isspace() for c in text[start:end].strip()):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group("word").casefold()
    ordinary = {w.casefold().rstrip(".") for w in vocabulary.words("NAME_STOPWORD")}
    return word not in ordinary and word not in _TITLES_WITHOUT_DOTS
