"""The coverage table of the rule book, generated into docs/coverage.md (`imr guidelines coverage`)."""

from __future__ import annotations

from collections import defaultdict

from imr.guidelines.editions import mtus_editions
from imr.guidelines.load import LoadedRule, RuleBook, rule_book
from imr.guidelines.rationale import citation_for
from imr.guidelines.registry import SPEC_BY_NAME

# origins whose reading is data or computation, not a record reader written in code
_FROM_DATA = frozenset({"request", "computed", "data"})


def rule_variables(rule: LoadedRule) -> frozenset[str]:
    """The variables a rule reads: its condition, its criteria and the keys of its tables."""
    names: set[str] = set(rule.when.names) if rule.when is not None else set()
    for expression in rule.expressions.values():
        names.update(expression.names)
    names.update(table.key for table in rule.model.tables.values())
    return frozenset(name for name in names if name in SPEC_BY_NAME)


def reads_only_data(rule: LoadedRule) -> bool:
    return all(SPEC_BY_NAME[name].origin in _FROM_DATA for name in rule_variables(rule))


def guideline_table(book: RuleBook) -> list[str]:
    """Rules and services per guideline edition, by position, and how many rules are still [K]."""
    lines = [
        "| guideline (edition) | in force | rules | services | criteria | not recommended | no recommendation | [K] |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for guideline in sorted(book.guidelines, key=lambda g: (not g.mtus, g.effective_from, g.id)):
        rules = [rule for rule in book.rules if rule.guideline.id == guideline.id]
        services = {service for rule in rules for service in rule.model.applies_to.services}
        positions: dict[str, int] = defaultdict(int)
        for rule in rules:
            positions[rule.model.recommendation] += 1
        unconfirmed = sum(1 for rule in rules if rule.model.knowledge is None or rule.model.knowledge.status == "K")
        until = guideline.effective_to.isoformat() if guideline.effective_to else "now"
        lines.append(
            f"| `{guideline.id}`: {guideline.title} ({guideline.edition}){'' if guideline.mtus else ', non-MTUS'} |"
            f" {guideline.effective_from.isoformat()} to {until} | {len(rules)} | {len(services)} |"
            f" {positions['criteria']} | {positions['not_recommended']} | {positions['no_recommendation']} |"
            f" {unconfirmed} |"
        )
    return lines


def _source_lines(book: RuleBook) -> list[str]:
    origins: dict[str, int] = defaultdict(int)
    for spec in SPEC_BY_NAME.values():
        origins[spec.origin] += 1
    from_data = sum(1 for rule in book.rules if reads_only_data(rule))
    share = from_data / len(book.rules) if book.rules else 0.0
    return [
        "## Where the rules read their facts",
        "",
        "A variable comes from the request title (read with the vocabulary files), from arithmetic on dates, counts"
        " and doses, from a data file of record readers (`data/variables`), or from a record reader written in code.",
        "",
        "| origin | variables |",
        "|---|---|",
        *(f"| {origin} | {origins[origin]} |" for origin in ("request", "computed", "data", "code")),
        "",
        f"Rules whose every variable comes from data, the request or arithmetic: **{from_data} of {len(book.rules)}"
        f" ({share:.0%})**.",
    ]


def render_coverage(book: RuleBook | None = None) -> str:
    book = book or rule_book()
    by_service: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for rule in book.rules:
        source = rule.guideline
        until = source.effective_to.isoformat() if source.effective_to else "now"
        period = f"{source.effective_from.isoformat()} to {until}"
        for service in rule.model.applies_to.services:
            by_service[service].append((f"{source.title} ({source.edition})", period, rule.id, citation_for(rule).text))
    lines = [
        "# Guideline coverage",
        "",
        "Generated from the rule files by `imr guidelines coverage > docs/coverage.md`; a test keeps it current.",
        "",
        f"{len(book.rules)} rules in {len(book.guidelines)} rule files.",
        "",
        *_edition_lines(book),
        "",
        *_source_lines(book),
        "",
        "## Rules by guideline edition",
        "",
        "[K]: written from knowledge of the guideline, to be checked against its primary text (or no status given).",
        "",
        *guideline_table(book),
        "",
        "## Rules by service",
        "",
        "| service | guideline (edition) | in force | rule | citation |",
        "|---|---|---|---|---|",
    ]
    for service in sorted(by_service):
        for guideline, period, rule_id, citation in sorted(by_service[service]):
            lines.append(f"| {service.replace('_', ' ')} | {guideline} | {period} | `{rule_id}` | {citation} |")
    return "\n".join(lines) + "\n"


def _edition_lines(book: RuleBook) -> list[str]:
    """Each MTUS edition, the MTUS rules held for it, and whether the book holds only part of it."""
    lines = [
        "## MTUS editions",
        "",
        "An item under a *partial* edition that none of its held rules governs stays undecided; older editions'"
        " numbers are never applied to a newer date.",
        "",
        "| edition | in force | MTUS rules held | held in part |",
        "|---|---|---|---|",
    ]
    for edition in mtus_editions():
        until = edition.effective_to.isoformat() if edition.effective_to else "now"
        held = sum(
            1
            for rule in book.rules
            if rule.guideline.mtus
            and rule.guideline.effective_from <= (edition.effective_to or rule.guideline.effective_from)
            and (rule.guideline.effective_to is None or rule.guideline.effective_to >= edition.effective_from)
        )
        partial = "yes" if edition.partial else "no"
        lines.append(f"| {edition.name} | {edition.effective_from.isoformat()} to {until} | {held} | {partial} |")
    return lines
