"""imr: Independent Medical Review for California workers' compensation.

The public API: read published letters, parse treatment requests, extract clinical facts, and decide disputed
items under the MTUS. The engine drafts; a licensed physician reviewer reads the trail, may change the outcome,
and signs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"

__all__ = ["decide", "extract_facts", "parse_request", "read_letter", "replay"]

if TYPE_CHECKING:
    from imr.records import Determination, Facts, Letter, TreatmentRequest


def read_letter(value: Any, *, name: str | None = None) -> Letter:
    """Read an IMR Final Determination letter (path, bytes or text; text or PDF) into a Letter."""
    from imr.letters.read import read_letter as _read

    return _read(value, name=name)


def parse_request(text: str) -> TreatmentRequest:
    """Parse a disputed item's text ("PT 2X4 FOR THE L/S") into a TreatmentRequest."""
    from imr.requests import parse_request as _parse

    return _parse(text)


def extract_facts(text: str) -> Facts:
    """Negation-aware clinical facts from a record or case summary, each pointing at its text."""
    from imr.facts import extract_facts as _extract

    return _extract(text)


def decide(case: Any) -> Determination:
    """Decide every disputed item of a case: a DecisionCase, or a mapping with summary, requests and dates."""
    from imr.guidelines.case_input import case_from_mapping
    from imr.guidelines.decide import decide_case
    from imr.records import DecisionCase

    if not isinstance(case, DecisionCase):
        case = case_from_mapping(case, "<case>")
    return decide_case(case)


def replay(paths: Any) -> list[Any]:
    """Re-decide published letters from what a case file holds; one row per item."""
    from imr.letters.read import read_letter as _read
    from imr.letters.replay import replay_letters

    return replay_letters([_read(p) for p in paths])
