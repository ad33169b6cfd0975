"""The case's medical records as one text, each document's place in it known, so spans map back to files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imr.cases import CaseFile
from imr.errors import CaseFileError, ImrError
from imr.records import Span
from imr.text.sources import read_source


@dataclass(frozen=True, slots=True)
class RecordDocument:
    file: str  # relative to the case folder
    kind: str
    author: str
    date: str
    start: int  # where its text starts in the combined text
    end: int


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A quoted piece of a record: which file, where in it, and the words."""

    file: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class CaseRecords:
    text: str
    documents: tuple[RecordDocument, ...]

    def locate(self, span: Span) -> SourceRef:
        for document in self.documents:
            if document.start <= span.start < document.end:
                return SourceRef(
                    file=document.file,
                    start=span.start - document.start,
                    end=min(span.end, document.end) - document.start,
                    quote=self.text[span.start : min(span.end, document.end)],
                )
        return SourceRef(file="", start=span.start, end=span.end, quote=self.text[span.start : span.end])


def read_case_records(case: CaseFile, folder: Path) -> CaseRecords:
    """Read every record file the case lists, oldest first (text or PDF)."""
    parts: list[str] = []
    documents: list[RecordDocument] = []
    position = 0
    for record in sorted(case.records, key=lambda r: r.date):
        path = folder / record.file
        try:
            source = read_source(path, name=str(path))
        except ImrError as error:
            raise CaseFileError(f"record '{record.file}' cannot be read: {error.message}", source=str(path)) from error
        body = source.text.strip() + "\n\n"
        documents.append(
            RecordDocument(
                file=record.file,
                kind=record.type,
                author=record.author,
                date=record.date.isoformat(),
                start=position,
                end=position + len(body),
            )
        )
        parts.append(body)
        position += len(body)
    return CaseRecords("".join(parts), tuple(documents))
