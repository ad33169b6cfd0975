"""Drug details of a medication request: "Norco 10/325mg #120", "Oxycodone HCL ER 20mg #60 day supply: 30".

The name is normalised to the generic (drugs.yaml), the brand kept as written. Several separately named drugs
in one request are a compound ("Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5%, 120grams #1"): the name
joins the generics with "/", the strength joins the strengths in the order written, the class is
``topical_compound``.
"""

from __future__ import annotations

import re

from imr.records import Drug
from imr.requests.phrases import Hit
from imr.requests.vocabulary import DrugWord, Vocabulary

COMPOUND_CLASS = "topical_compound"

_NUMBER = r"(?:\d{1,6}(?:\.\d{1,6})?|\.\d{1,6})"
# "10/325mg", "7.5-325mg", "75-0.2mg", "1.3%", "4%-27.5%-0.0325%", "1percent", "10mcg/hr"
_STRENGTH = re.compile(
    rf"(?<![\w.#/])(?P<numbers>{_NUMBER}\s*(?:%|percent)?(?:\s*[-/]\s*{_NUMBER}\s*(?:%|percent)?){{0,5}})"
    r"\s*(?P<unit>mg/ml|mcg/hr|mcg/h|mg/hr|mg|mcg|µg|%|percent|meq|units?|iu)(?![A-Za-z])",
    re.IGNORECASE,
)
_QUANTITY = re.compile(r"(?:#|(?<![A-Za-z])(?:qty|quantity)\s*:?)\s*(?P<n>\d{1,6})(?!\d)", re.IGNORECASE)
# a cream, gel or solution is dispensed by weight or volume: "Voltaren 1% gel 100gm", "Lidopro 121 g"
_TOPICAL_AMOUNT = re.compile(r"(?<![\w.%/])(?P<n>\d{1,4})\s*(?:gm|gms|grams?|g|ml|mls)(?![A-Za-z])", re.IGNORECASE)


def read_drug(text: str, hits: list[Hit[DrugWord]], vocabulary: Vocabulary) -> Drug:
    """The drug a medication request names, from the drug-vocabulary ``hits`` (one or more) in ``text``."""
    names = _distinct_names(hits, vocabulary)
    first = hits[0]
    brand_hit = next((hit for hit in hits if hit.payload.brand), None)
    form = _form(text, brand_hit, names, vocabulary)
    strengths = _strengths(text, first.start)
    if len(names) == 1:
        entry = vocabulary.drugs[names[0]]
        topical = form is not None and form in vocabulary.topical_forms
        drug_class = entry.topical_class if topical and entry.topical_class else entry.drug_class
        strength = strengths[0] if strengths else None
    else:
        drug_class = COMPOUND_CLASS
        strength = "/".join(strengths) if strengths else None
    return Drug(
        name="/".join(names),
        brand=" ".join(brand_hit.text.split()) if brand_hit else None,
        strength=strength,
        quantity=_quantity(text, hits) or (_topical_amount(text) if form in vocabulary.topical_forms else None),
        days_supply=vocabulary.counts.supply_days(text),
        drug_class=drug_class,
        form=form,
    )


def _distinct_names(hits: list[Hit[DrugWord]], vocabulary: Vocabulary) -> list[str]:
    """Generic names in order; one covered by another is the same drug, in either order ("Norco (hydrocodone)",
    "Hydrocodone (Norco)"): the product that names more ingredients stands for both."""
    names: list[str] = []
    for hit in hits:
        name = hit.payload.name
        parts = set(name.split("/"))
        if any(name == known or parts <= set(known.split("/")) for known in names):
            continue
        names = [known for known in names if not set(known.split("/")) < parts]
        names.append(name)
    return names


def _form(text: str, brand: Hit[DrugWord] | None, names: list[str], vocabulary: Vocabulary) -> str | None:
    written = vocabulary.form_matcher.find(text)
    if written:
        return written[0].payload
    if brand is not None and brand.payload.brand_form is not None:
        return brand.payload.brand_form
    if len(names) == 1:
        return vocabulary.drugs[names[0]].form
    return None


def _strengths(text: str, start: int) -> list[str]:
    """Strengths written after the first drug name (or anywhere, when none follows): "10/325 mg", "1.3%"."""
    after = [m for m in _STRENGTH.finditer(text) if m.start() >= start]
    matches = after or list(_STRENGTH.finditer(text))
    return [_normalise_strength(m) for m in matches]


def _normalise_strength(match: re.Match[str]) -> str:
    numbers = re.findall(_NUMBER, match.group("numbers"))
    unit = match.group("unit").lower()
    if unit in ("%", "percent"):
        return "/".join(f"{n}%" for n in numbers)
    return f"{'/'.join(numbers)} {unit}"


def _topical_amount(text: str) -> int | None:
    match = _TOPICAL_AMOUNT.search(text)
    return int(match.group("n")) if match and int(match.group("n")) > 0 else None


def _quantity(text: str, hits: list[Hit[DrugWord]]) -> int | None:
    """The first "#N" outside the drug names ("Tylenol #3" is a brand, not a quantity)."""
    for match in _QUANTITY.finditer(text):
        if any(hit.start <= match.start() < hit.end for hit in hits):
            continue
        value = int(match.group("n"))
        return value if value > 0 else None
    return None
