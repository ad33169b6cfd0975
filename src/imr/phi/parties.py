"""Matching the case's own party data (names, employer, addresses, numbers) wherever it recurs in a text.

A party value is turned into one regex that accepts the spellings a record uses for it:

- a person "John Q. Smith": "John Q. Smith", "John Smith", "J. Smith", "Smith, John", "Mr. Smith",
  "Dr. Smith, M.D." and "Smith" alone (the surname alone only capitalised or in capitals, so that a surname
  like "Long" does not take "long-term" with it); "John" alone and the initials "J.Q.S.", "J.S." (and for the
  worker "JS") as :mod:`imr.phi.name_variants` allows them (never "May" or "Will" alone);
- an organisation "Acme Widgets, Inc.": "Acme Widgets", "ACME WIDGETS INC", "the Acme Widgets Co.";
- an address: the street line with street-suffix variants ("Main Street" / "Main St."), followed by as much of
  the rest as is there, the street's name without its number, the "city, state ZIP" line alone, and the ZIP
  code alone; a city (``CITY``) alone, in capitals or capitalised;
- phone numbers, SSNs, claim and case numbers by their digits and letters whatever the separators;
- a date of birth in every usual spelling (02/11/1971, 2/11/71, February 11, 1971, 1971-02-11).

Multi-word variants match case-insensitively.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex
from dateutil import parser as date_parser

from imr.phi.errors import KnownIdentifierError
from imr.phi.name_variants import given_name_regex, initials_regex
from imr.phi.spans import ENTITY_TYPES, EntityType, KnownIdentifier
from imr.phi.vocabulary import Vocabulary, alternation, load_vocabulary, loose_literal

RECOGNISER_NAME = "known_party"
PARTY_SCORE = 1.0

_PERSON_TYPES = frozenset(
    {EntityType.EMPLOYEE, EntityType.PROVIDER, EntityType.ADJUSTER, EntityType.ATTORNEY, EntityType.PERSON}
)
_ORGANIZATION_TYPES = frozenset({EntityType.EMPLOYER, EntityType.CLAIMS_ADMINISTRATOR, EntityType.ORGANIZATION})
_REFERENCE_TYPES = frozenset({EntityType.CLAIM_NUMBER, EntityType.CASE_NUMBER, EntityType.ID_NUMBER})
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WORD_BEFORE = r"(?<![\w])"
_WORD_AFTER = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class PartyPattern:
    """The compiled matcher of one known party value; ``label`` says which party, never the value."""

    entity_type: str
    pattern: regex.Pattern[str]
    label: str
    person: bool = False  # a person's name of two words or more: a lone surname may be a namesake's


def _token(word: str) -> str:
    """One word of a name: dots optional, a hyphen may also be a space ("Lopez-Garcia" / "Lopez Garcia")."""
    return r"[-\s]".join(loose_literal(part) for part in word.split("-"))


def _sequence(words: Sequence[str]) -> str:
    return r"\s+".join(_token(word) for word in words)


def _capitalised_forms(word: str) -> str:
    """A single word as written, capitalised or in capitals, but not in lower case."""
    forms = {word, word[:1].upper() + word[1:], word.upper()}
    if word[1:].islower() or word[1:].isupper():
        forms.add(word[:1].upper() + word[1:].lower())
    return "(?:" + "|".join(_token(form) for form in sorted(forms, key=lambda f: (-len(f), f))) + ")"


def _strip_prefix(text: str, words: str) -> str:
    stripped = regex.sub(rf"^\s*(?:{words})(?![A-Za-z])\s*", "", text, flags=regex.IGNORECASE)
    return stripped if stripped.strip() else text


def _strip_suffixes(text: str, words: str) -> str:
    while True:
        stripped = regex.sub(rf"\s*,?\s*(?<![A-Za-z])(?:{words})\s*$", "", text)
        if stripped == text or not stripped.strip():
            return text
        text = stripped


def _looks_like_organisation(value: str, vocabulary: Vocabulary) -> bool:
    organisation_words = {w.casefold().rstrip(".") for w in vocabulary.words("ORGANIZATION_WORD")}
    words = {w.casefold().rstrip(".,") for w in value.split()}
    return bool(words & organisation_words) or bool(
        regex.search(rf"(?:{alternation(vocabulary.words('COMPANY_SUFFIX'))})\s*$", value)
    )


def person_regex(value: str, vocabulary: Vocabulary, *, bare_initials: bool = False) -> str:
    titles = alternation([*vocabulary.words("COURTESY_TITLE"), *vocabulary.words("DOCTOR_TITLE")])
    credentials = alternation(vocabulary.words("CREDENTIAL"))
    comma_credentials = alternation([*vocabulary.words("COMMA_CREDENTIAL"), "Esq."])
    name_suffixes = alternation(vocabulary.words("NAME_SUFFIX"))

    text = " ".join(value.split())
    text = _strip_prefix(text, titles)
    text = _strip_suffixes(text, f"{credentials}|{comma_credentials}")
    text = _strip_suffixes(text, name_suffixes)
    if "," in text:  # "Smith, John Q."
        surname, _, given = text.partition(",")
        words = [*given.split(), *surname.split()]
    else:
        words = text.split()
    words = [w for w in words if w not in {",", "-"}]
    if not words:
        raise KnownIdentifierError(f"no name in {value!r}", field="value")

    variants: list[str] = []
    shorter: list[str] = []  # the first name alone, where it is no ordinary word
    initials: str | None = None
    if len(words) > 1:
        first, *middle, last = words
        shorter = [r for r in (given_name_regex(first, vocabulary),) if r]
        initials = initials_regex(words, bare_initials=bare_initials)
        initial = first[0] + "."
        spellings = [[first, *middle, last], [first, last], [initial, last]]
        if middle:
            spellings.append([first, middle[0][0] + ".", last])
        multi = [_sequence(s) for s in spellings]
        multi.append(_sequence([last]) + r"\s*,\s*" + _sequence([first, *middle]))
        multi.append(_sequence([last]) + r"\s*,\s*" + _sequence([first]))
        ordered = sorted(set(multi), key=lambda p: (-len(p), p))
        variants.append("(?i:" + "|".join(ordered) + ")")
        surname = last
    else:
        surname = words[0]
    variants.append(_capitalised_forms(surname))
    variants.extend(shorter)
    core = "(?:" + "|".join(variants) + ")"
    full = (
        rf"{_WORD_BEFORE}(?:(?i:{titles})\s*)?{core}"
        rf"(?:,?\s+{name_suffixes})?(?:,?\s*{credentials}|,\s*{comma_credentials})?{_WORD_AFTER}"
    )
    return full if initials is None else f"{full}|{initials}"


def city_regex(value: str) -> str:
    """A city named alone: "Long Beach" in any case, a one-word "Carson" only capitalised."""
    words = value.replace(",", " ").split()
    if not words:
        raise KnownIdentifierError(f"no city in {value!r}", field="value")
    core = "(?i:" + _sequence(words) + ")" if len(words) > 1 else _capitalised_forms(words[0])
    return rf"{_WORD_BEFORE}{core}{_WORD_AFTER}"


def organisation_regex(value: str, vocabulary: Vocabulary) -> str:
    suffixes = alternation(vocabulary.words("COMPANY_SUFFIX"))
    text = " ".join(value.split())
    text = _strip_prefix(text, "the")
    core_text = _strip_suffixes(text, suffixes).strip().rstrip(",")
    words = [w for w in core_text.split() if w != ","]
    tokens = [r"(?:&|and)" if w.casefold() in {"&", "and"} else _token(w) for w in words]
    core = "(?i:" + r"\s+".join(tokens) + ")" if len(words) > 1 else _capitalised_forms(words[0])
    return rf"{_WORD_BEFORE}(?:(?i:the)\s+)?{core}(?:,?\s*(?i:{suffixes}))*(?!\w)"


def _address_part(part: str, vocabulary: Vocabulary) -> str:
    tokens: list[str] = []
    for word in part.split():
        group = None
        for name in ("STREET_SUFFIX", "DIRECTIONAL", "UNIT", "STATE_NAME"):
            group = vocabulary.variants(name, word)
            if group is not None:
                break
        tokens.append(alternation(group) if group else loose_literal(word.rstrip(",")))
    return r"\.?,?\s*".join(tokens)


def address_regexes(value: str, vocabulary: Vocabulary) -> list[str]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts:
        raise KnownIdentifierError(f"no address in {value!r}", field="value")
    compiled = [_address_part(p, vocabulary) for p in parts]
    tail = ""
    for part in reversed(compiled[1:]):
        tail = rf"(?:\.?,?\s+{part}{tail})?"
    patterns = [rf"{_WORD_BEFORE}(?i:{compiled[0]}{tail})(?![\w])"]
    street_name = regex.sub(r"^\s*\d+[A-Za-z]?\s+", "", parts[0])
    if street_name != parts[0] and len(street_name.split()) >= 2:  # "she fell on Tamarind Hollow Lane"
        patterns.append(rf"{_WORD_BEFORE}(?i:{_address_part(street_name, vocabulary)})(?![\w])")
    if len(compiled) >= 3:  # "Fresno, CA 93721" on its own
        city_line = r"\.?,?\s+".join(compiled[-2:])
        patterns.append(rf"{_WORD_BEFORE}(?i:{city_line})(?![\w])")
    for zip_code in regex.findall(r"(?<!\d)\d{5}(?!\d)", value):
        patterns.append(rf"(?<![\w-]){zip_code}(?:-\d{{4}})?(?![\w-])")
    return patterns


def _digits_regex(value: str, groups: Sequence[int]) -> str | None:
    digits = regex.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1") and sum(groups) == 10:
        digits = digits[1:]
    if len(digits) != sum(groups):
        return None
    pieces, position = [], 0
    for size in groups:
        pieces.append(digits[position : position + size])
        position += size
    prefix = r"(?:\+?1[\s.-]?)?" if sum(groups) == 10 else ""
    first = rf"\(?{pieces[0]}\)?" if sum(groups) == 10 else pieces[0]
    return rf"(?<!\d){prefix}{first}" + "".join(rf"[\s.-]*{p}" for p in pieces[1:]) + r"(?!\d)"


def _reference_regex(value: str) -> str:
    characters = [c for c in value if c.isalnum()]
    if not characters:
        raise KnownIdentifierError(f"no letters or digits in {value!r}", field="value")
    body = r"[\s./-]?".join(regex.escape(c) for c in characters)
    return rf"(?<![A-Za-z0-9])(?i:{body})(?![A-Za-z0-9])"


def date_regexes(value: str) -> list[str]:
    try:
        date = date_parser.parse(value, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError) as exc:
        raise KnownIdentifierError(f"not a date: {value!r}", field="value") from exc
    month_name = _MONTHS[date.month - 1]
    month_names = {month_name, month_name[:3] + "."}
    if date.month == 9:
        month_names.add("Sept.")
    month = alternation(month_names)
    day = rf"0?{date.day}"
    year = rf"(?:{date.year}|{date.year % 100:02d})"
    return [
        rf"(?<![\d/.-])0?{date.month}[/.-]{day}[/.-]{year}(?![\d/])",
        rf"(?<!\d){date.year}-{date.month:02d}-{date.day:02d}(?!\d)",
        rf"\b(?i:{month})\s+{day}(?:st|nd|rd|th)?,?\s+{date.year}(?!\d)",
        rf"(?<!\d){day}\s+(?i:{month}),?\s+{date.year}(?!\d)",
    ]


def party_regexes(party: KnownIdentifier, vocabulary: Vocabulary) -> list[str]:
    """The regexes that find ``party`` in a text."""
    kind = party.entity_type
    value = party.value
    if kind in _ORGANIZATION_TYPES or (kind in _PERSON_TYPES and _looks_like_organisation(value, vocabulary)):
        return [organisation_regex(value, vocabulary)]
    if kind in _PERSON_TYPES:
        return [person_regex(value, vocabulary, bare_initials=kind == EntityType.EMPLOYEE)]
    if kind == EntityType.ADDRESS:
        return address_regexes(value, vocabulary)
    if kind == EntityType.CITY:
        return [city_regex(value)]
    if kind == EntityType.DATE_OF_BIRTH:
        return date_regexes(value)
    if kind == EntityType.PHONE:
        return [_digits_regex(value, (3, 3, 4)) or _digits_regex(value, (3, 4)) or _reference_regex(value)]
    if kind == EntityType.SSN:
        return [_digits_regex(value, (3, 2, 4)) or _reference_regex(value)]
    if kind in _REFERENCE_TYPES or kind in (EntityType.ZIP_CODE, EntityType.LICENSE_NUMBER):
        return [_reference_regex(value)]
    if kind == EntityType.EMAIL:
        return [rf"(?<![\w.+-])(?i:{regex.escape(value.strip())})(?![\w-])"]
    assert kind in ENTITY_TYPES
    return [rf"{_WORD_BEFORE}(?i:{loose_literal(value.strip())}){_WORD_AFTER}"]


def compile_parties(parties: Sequence[KnownIdentifier]) -> tuple[PartyPattern, ...]:
    vocabulary = load_vocabulary()
    compiled: list[PartyPattern] = []
    for number, party in enumerate(parties, start=1):
        label = f"party {number} of {len(parties)} ({party.entity_type})"
        pattern = "|".join(f"(?:{r})" for r in party_regexes(party, vocabulary))
        person = party.entity_type in _PERSON_TYPES and len(party.value.split()) > 1
        compiled.append(PartyPattern(party.entity_type, regex.compile(pattern), label, person))
    return tuple(compiled)
