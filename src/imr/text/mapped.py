"""A text derived from a source text, keeping for every character the offset it came from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from imr.records import Span, TextField

_TERMINAL_JOINER = re.compile(r"\S[-/]$")


@dataclass(frozen=True, slots=True)
class MappedText:
    """``text[i]`` came from ``source[offsets[i]]``; ``offsets`` has one extra entry for the end position."""

    text: str
    offsets: Sequence[int]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, range(len(text) + 1))

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The source span of ``text[start:end]``."""
        stop = len(self.text) if end is None else end
        if stop <= start:
            at = self.offsets[start] if start < len(self.offsets) else self.offsets[-1]
            return Span(at, at)
        return Span(self.offsets[start], self.offsets[stop - 1] + 1)

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], [*self.offsets[start:end], self._end_offset(end)])

    def _end_offset(self, end: int) -> int:
        return self.offsets[end - 1] + 1 if end > 0 else self.offsets[0]

    def strip(self) -> MappedText:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        if right <= left:
            return self.slice(left, left)
        return self.slice(left, right)

    def field(self, start: int = 0, end: int | None = None) -> TextField:
        stop = len(self.text) if end is None else end
        return TextField(self.text[start:stop], self.span(start, stop))

    def as_field(self) -> TextField:
        return self.field()

    def reflow(self) -> MappedText:
        """Join the lines of each paragraph into one line; blank lines separate paragraphs.

        A line break becomes one space unless the line already ends in whitespace (the spaces are kept, so
        redaction gaps such as "employed by  ." stay visible) or ends in a hyphen or slash right after a word
        ("non-\\ncertified" -> "non-certified", "pages 74-\\n96" -> "pages 74-96", "He/\\nshe" -> "He/she").
        """
        out: list[str] = []
        offs: list[int] = []
        paragraphs = re.split(r"\n[ \t]*\n(?:[ \t]*\n)*", self.text)
        position = 0
        for number, paragraph in enumerate(paragraphs):
            start = self.text.index(paragraph, position) if paragraph else position
            position = start + len(paragraph)
            if number and out:
                out.append("\n\n")
                offs.append(self.offsets[start])
                offs.append(self.offsets[start])
            lines = paragraph.split("\n")
            cursor = start
            for index, line in enumerate(lines):
                if index:
                    previous = lines[index - 1]
                    joins_word = bool(_TERMINAL_JOINER.search(previous))
                    if previous and not previous[-1].isspace() and not joins_word and line:
                        out.append(" ")
                        offs.append(self.offsets[cursor - 1])
                out.extend(line)
                offs.extend(self.offsets[cursor : cursor + len(line)])
                cursor += len(line) + 1
        text = "".join(out)
        end_offset = self._end_offset(len(self.text))
        return MappedText(text, [*offs, end_offset]).strip()
