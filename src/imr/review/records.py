"""The case's medical records as one text, each document's place in it known, so spans map back to files.

The treating records come first, oldest first; the utilization review decision and the application follow them.
What the UR letter says (its own summary of the records, the guideline it quotes) is not the treating record:
facts are read from the treating records only (:attr:`CaseRecords.treating_text`), each record a document of its
own, so no section of one runs into the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imr.cases import CaseFile, load_case
from imr.errors import CaseFileError, ImrError
from imr.facts import extract_facts
from imr.records import DecisionCase, Facts, Span
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


NOT_TREATING = frozenset({"ur_decision", "application"})


@dataclass(frozen=True, slots=True)
class CaseRecords:
    text: str
    documents: tuple[RecordDocument, ...]  # in date order
    treating_end: int | None = None  # where the treating records end in ``text``; None: all of it

    @property
    def treating_text(self) -> str:
        """The treating records alone: a prefix of ``text``, so spans into it are spans into ``text``."""
        return self.text if self.treating_end is None else self.text[: self.treating_end]

    @property
    def treating_documents(self) -> tuple[RecordDocument, ...]:
        return tuple(d for d in self.documents if d.kind not in NOT_TREATING)

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


def case_folder(case_path: Path) -> Path:
    return case_path if case_path.is_dir() else case_path.parent


def read_case_records(case: CaseFile, folder: Path) -> CaseRecords:
    """Read every record file the case lists (text or PDF): the treating records oldest first, then the others."""
    parts: list[str] = []
    documents: list[RecordDocument] = []
    position = 0
    treating_end = None
    for record in sorted(case.records, key=lambda r: (r.type in NOT_TREATING, r.date)):
        if record.type in NOT_TREATING and treating_end is None:
            treating_end = position
        path = folder / record.file
        try:
            source = read_source(path, name=str(path))
        except ImrError as error:
            raise CaseFileError(
                f"record '{record.file}' cannot be read: {error.message}",
                source=str(path),
                field=f"records[{case.records.index(record)}].file",
            ) from error
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
    documents.sort(key=lambda d: d.date)
    return CaseRecords("".join(parts), tuple(documents), treating_end)


def case_facts(records: CaseRecords) -> Facts:
    """The facts of the treating records, each record read as a document of its own."""
    starts = [d.start for d in records.treating_documents]
    return extract_facts(records.treating_text, documents=starts)


def decision_case(case: CaseFile, records: CaseRecords) -> DecisionCase:
    """What the engine decides from: the treating records, the disputed items and the case's dates."""
    return DecisionCase(
        summary=records.treating_text,
        requests=tuple(item.request for item in case.items),
        request_date=case.dates.request_for_authorization,
        injury_date=case.dates.injury,
        ur_date=case.dates.ur_decision,
        source=case.case_number,
        authorized=tuple(item.modified_to if item.ur_action == "modified" else None for item in case.items),
    )


def read_decision_case(case_path: Path) -> tuple[DecisionCase, Facts]:
    """A case folder (or its case.yaml) read for deciding: the decision input and the facts of its treating
    records. Bad input raises a CaseFileError naming the file and the field."""
    case = load_case(case_path)
    records = read_case_records(case, case_folder(case_path))
    if not records.treating_text.strip():
        raise CaseFileError("the case lists no readable treating records", source=str(case_path), field="records")
    return decision_case(case, records), case_facts(records)
