"""Parse an IMR item title into a ``TreatmentRequest``.

Stages, each a small pure function over the title text:

1. ``split_portion``  the "remaining IMR eligible portion" form keeps only the disputed part
2. qualifiers         additional/initial, retrospective, post-op, "Associated surgical service:",
                      purchase/rental
3. service            the earliest vocabulary service or drug named (longest phrase at one position), then the
                      combinations ("EMG/NCS") and region refinements ("injection ... to the right knee")
4. regions            body regions with their side
5. counts / drug      sessions, frequency and weeks, or the drug's name, strength, quantity and supply

Text that names no known service raises ``RequestParseError``: the parser never guesses.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from imr.errors import RequestParseError
from imr.records import BodyRegion, Drug, Span, TreatmentRequest
from imr.requests.counts import Counts
from imr.requests.drugs import read_drug
from imr.requests.phrases import Hit
from imr.requests.portion import Portion, split_portion
from imr.requests.regions import find_regions
from imr.requests.vocabulary import DrugWord, Vocabulary, load_vocabulary

MEDICATION = "medication"
_SHOWN = 120  # characters of the text an error message quotes


class _Candidate(NamedTuple):
    service: str
    start: int
    end: int


def parse_request(text: str, *, span: Span | None = None, vocabulary: Vocabulary | None = None) -> TreatmentRequest:
    """Read one request title ("PT 2X4 FOR THE L/S", "Norco 10/325mg #120") into a ``TreatmentRequest``.

    ``span`` is where the title sits in its source document; for the "remaining IMR eligible portion" form it
    is narrowed to the disputed part when ``text`` is the exact source slice.
    """
    vocabulary = vocabulary or load_vocabulary()
    if not text or not text.strip():
        raise RequestParseError("empty request text", field="request")
    # U+FFFE stands for a hyphen in text extracted from the published PDFs ("Post\ufffeop").
    source = text.replace("\ufffe", "-")
    portion = split_portion(source)
    body = " ".join(source[portion.start : portion.end].split())

    qualifiers = vocabulary.qualifiers.read(body)
    excluded = [*qualifiers.spans, (0, qualifiers.body_start)]
    service_hits = [h for h in vocabulary.service_matcher.find(body) if not _overlaps(h, excluded)]
    drug_hits = [h for h in vocabulary.drug_matcher.find(body) if not _overlaps(h, excluded)]
    candidates = sorted(
        [_Candidate(h.payload, h.start, h.end) for h in service_hits]
        + [_Candidate(MEDICATION, h.start, h.end) for h in drug_hits],
        key=lambda c: (c.start, c.start - c.end),
    )
    if not candidates:
        shown = body if len(body) <= _SHOWN else body[: _SHOWN - 3] + "..."
        raise RequestParseError(f"no known service in request text '{shown}'", field="request")

    regions = find_regions(body, vocabulary, skip=[(h.start, h.end) for h in service_hits])
    service = _choose_service(candidates, regions, vocabulary)
    category = vocabulary.services[service].category

    drug: Drug | None = None
    counts = Counts()
    if service == MEDICATION:
        if drug_hits:
            drug = read_drug(body, drug_hits, vocabulary)
    else:
        counts = vocabulary.counts.read(body[qualifiers.body_start :])

    fields: dict[str, Any] = {
        "sessions": counts.sessions,
        "frequency_per_week": counts.frequency_per_week,
        "weeks": counts.weeks,
        "regions": regions,
        "drug": drug,
        "purchase": qualifiers.purchase,
        "rental_days": qualifiers.rental_days,
    }
    return TreatmentRequest(
        text=body,
        service=service,
        category=category,
        span=_narrow(span, text, portion),
        additional=qualifiers.additional,
        retrospective=qualifiers.retrospective,
        associated_surgical=qualifiers.associated_surgical,
        postoperative=qualifiers.postoperative,
        original_text=portion.original,
        unknown=tuple(a for a in vocabulary.services[service].expects if _is_unsaid(fields, a, vocabulary)),
        **fields,
    )


def _overlaps(hit: Hit[str] | Hit[DrugWord], spans: list[tuple[int, int]]) -> bool:
    return any(start < hit.end and hit.start < end for start, end in spans)


def _choose_service(candidates: list[_Candidate], regions: tuple[BodyRegion, ...], vocabulary: Vocabulary) -> str:
    named = {c.service for c in candidates}
    service = candidates[0].service
    for all_of, combined in vocabulary.combinations:
        if all_of <= named:
            service = combined
            break
    refinements = vocabulary.services[service].refine_by_region
    for region in regions:
        if region.region in refinements:
            return refinements[region.region]
    return service


def _narrow(span: Span | None, text: str, portion: Portion) -> Span | None:
    """The span of the disputed part, when ``span`` is exactly the span of ``text`` in its source."""
    if span is None or portion.original is None or span.end - span.start != len(text):
        return span
    return Span(span.start + portion.start, span.start + portion.end)


def _is_unsaid(fields: dict[str, Any], attribute: str, vocabulary: Vocabulary) -> bool:
    """Whether the request leaves ``attribute`` (a name from services.yaml ``expects``) unsaid."""
    drug: Drug | None = fields["drug"]
    regions: tuple[BodyRegion, ...] = fields["regions"]
    if attribute == "regions":
        return not regions
    if attribute == "laterality":
        return any(vocabulary.regions[r.region].lateral and r.laterality is None for r in regions)
    if attribute == "drug":
        return drug is None
    if attribute.startswith("drug."):
        return drug is not None and getattr(drug, attribute.removeprefix("drug.")) is None
    if attribute == "rental_days":
        return fields["purchase"] is False and fields["rental_days"] is None
    return fields[attribute] is None
