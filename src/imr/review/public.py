"""The public copy of a Final Determination: every field of the letter redacted as plain text, then rendered.

Redaction works on the document model the renderers take, never on rendered HTML or PDF: a name with an
apostrophe or an ampersand ("Siobhan O'Neil", "Tidewater Seafood & Cold Storage") is plain text here, and the
renderers escape the placeholders like any other text. One decision covers every field: the identifiers found
in any field (a coworker named once in a quoted sentence) are looked for in all of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from imr.phi import KnownIdentifier, identifiers_named_in, redact_for_publication
from imr.review.document import FinalDetermination, LetterItemView
from imr.review.summary import SummarySentence


def _item_texts(item: LetterItemView) -> list[str]:
    return [item.request, item.claims_administrator_line, item.reviewer_line, item.rationale]


def letter_texts(letter: FinalDetermination) -> list[str]:
    """Every free-text field of ``letter`` a public copy prints."""
    texts = [value for _, value in letter.header]
    texts += [*letter.addressee, *(line for _, lines in letter.copies for line in lines)]
    texts += [letter.how_made, *letter.documents, *(s.text for s in letter.summary)]
    for item in letter.items:
        texts += _item_texts(item)
    return texts


def public_letter(letter: FinalDetermination, parties: Sequence[KnownIdentifier]) -> FinalDetermination:
    """``letter`` with every identifier of the case replaced by a placeholder ("[worker]", "[provider]"...).

    The review organisation's name, guideline label and letterhead are public and stay, and so does the signature
    block (the reviewer's qualifications, which name nobody). The worker the letter is addressed to and every
    party copied are case parties: their names and addresses are replaced like any other; the roles ("Claims
    Administrator") stay. Summary sentences lose their sources: those are quotes from the private records, for
    the review organisation's own reading.
    """
    public_terms = (letter.organisation, letter.guideline_label)
    known = [*parties, *identifiers_named_in(letter_texts(letter), parties, public_terms=public_terms)]

    def clean(text: str) -> str:
        return redact_for_publication(text, known, public_terms=public_terms).text

    items = tuple(
        dataclasses.replace(
            item,
            request=clean(item.request),
            claims_administrator_line=clean(item.claims_administrator_line),
            reviewer_line=clean(item.reviewer_line),
            rationale=clean(item.rationale),
        )
        for item in letter.items
    )
    return dataclasses.replace(
        letter,
        header=tuple((label, clean(value)) for label, value in letter.header),
        addressee=tuple(clean(line) for line in letter.addressee),
        copies=tuple((role, tuple(clean(line) for line in lines)) for role, lines in letter.copies),
        how_made=clean(letter.how_made),
        documents=tuple(clean(document) for document in letter.documents),
        summary=tuple(SummarySentence(clean(s.text), (), from_application=s.from_application) for s in letter.summary),
        items=items,
        past_due_warning=None,  # for the review organisation, not the public
    )
