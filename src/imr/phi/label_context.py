"""Label context: an identifier introduced by a label ("DOB: 02/11/1971", "Claim No.: 05-448812").

Presidio's own context enhancer counts a context word anywhere among the few words before a match. That is
too loose for dates: in "DOB: 02/11/1971 DOI: 06/14/2013" the word "DOB" is near both dates, but only the
first is a birth date. Here the label must come right before the match, with only punctuation and a few
filler words ("is", "was", "number") between, so the nearest label decides.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from imr.phi.vocabulary import alternation

# Characters allowed between a label and its value: "DOB: ", "Claim No.: ", "SSN#", "(DOB)".
_PUNCTUATION_FILLER = r"[\s:#.,()\[\]\-]"
# Longest label text considered before a match, beyond max_gap.
_LONGEST_LABEL = 40


@dataclass(frozen=True, slots=True)
class LabelContext:
    """Label phrases that may come ``before`` (or ``after``) an identifier, and what may stand between."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    filler: tuple[str, ...]
    max_gap: int
    score: float
    before_regex: regex.Pattern[str]
    after_regex: regex.Pattern[str] | None

    @classmethod
    def build(
        cls,
        before: tuple[str, ...],
        after: tuple[str, ...],
        filler: tuple[str, ...],
        max_gap: int,
        score: float,
    ) -> LabelContext:
        filler_words = alternation(filler) if filler else None
        gap = _PUNCTUATION_FILLER
        if filler_words:
            gap = rf"(?:{_PUNCTUATION_FILLER}|(?<![A-Za-z]){filler_words}(?![A-Za-z]))"
        before_regex = regex.compile(
            rf"(?<![A-Za-z])(?P<label>{alternation(before)})(?![A-Za-z]){gap}*\Z", regex.IGNORECASE
        )
        after_regex = regex.compile(rf"[ \t]*(?P<label>{alternation(after)})", regex.IGNORECASE) if after else None
        return cls(before, after, filler, max_gap, score, before_regex, after_regex)

    def find(self, text: str, start: int, end: int) -> str | None:
        """The label (as written in ``text``) that introduces ``text[start:end]``, or None."""
        window_start = max(0, start - self.max_gap - _LONGEST_LABEL)
        position = window_start
        while position < start:
            found = self.before_regex.search(text, position, start)
            if found is None:
                break
            if start - found.end("label") <= self.max_gap:
                return found.group("label")
            position = found.start() + 1
        if self.after_regex is not None:
            after = self.after_regex.match(text, end, min(len(text), end + self.max_gap + _LONGEST_LABEL))
            if after is not None:
                return after.group("label")
        return None
