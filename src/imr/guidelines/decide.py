"""decide: for every disputed item, choose the governing rule by the evidence search sequence and the date,
evaluate its criteria and record the trail. No applicable rule leaves the item undecided, said plainly."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping

from imr.errors import RequestParseError
from imr.facts import extract_facts
from imr.guidelines.associated import apply_surgery_dependency, is_disputed_surgery, link_for
from imr.guidelines.editions import MtusEdition, edition_on, mtus_editions, subject_to_drug_formulary
from imr.guidelines.evaluate import (
    BOOLEAN_NAMES,
    evaluate_criterion,
    evaluate_expression,
    render,
    table_values,
)
from imr.guidelines.load import LoadedRule, RuleBook, rule_book
from imr.guidelines.rationale import citation_for, conclude, undecided_text
from imr.guidelines.registry import compute_variables
from imr.guidelines.variables import CaseDates, CompanionLink, ItemContext, SurgeryLink, Variable, regions_meet
from imr.records import (
    CriterionResult,
    CriterionStatus,
    Decision,
    DecisionCase,
    Determination,
    Facts,
    ItemDetermination,
    TreatmentRequest,
)
from imr.requests import parse_request
from imr.requests.regions import find_regions
from imr.requests.vocabulary import load_vocabulary


def _applies(
    rule: LoadedRule, request: TreatmentRequest, values: Mapping[str, Variable], record_regions: frozenset[str] | None
) -> bool:
    applies = rule.model.applies_to
    if request.service not in applies.services:
        return False
    if applies.regions and request.regions and not {r.region for r in request.regions} & set(applies.regions):
        return False
    if (
        applies.regions
        and not request.regions
        and record_regions is not None
        and not any(regions_meet(named, region) for named in record_regions for region in applies.regions)
    ):
        return False  # a title naming no region: a region's rule applies only if the record speaks of that region
    if rule.when is not None:
        return evaluate_expression(rule.when, values, BOOLEAN_NAMES) is CriterionStatus.MET
    return True


def candidate_rules(
    book: RuleBook,
    request: TreatmentRequest,
    values: Mapping[str, Variable],
    on: dt.date,
    record_regions: frozenset[str] | None = None,
) -> list[LoadedRule]:
    """Rules that apply, in the order of the MTUS evidence search sequence: MTUS first, then other evidence.

    ``record_regions`` are the body regions the record names; for a title naming no region, a rule written for
    some regions applies only when the record names one of them (None: no such check)."""
    in_force = {g.id for g in book.in_force(on)}
    found = [
        r
        for r in book.rules_for_service(request.service)
        if r.guideline.id in in_force and _applies(r, request, values, record_regions)
    ]
    # MTUS before other evidence; then the guideline's precedence; then the rule written for the fewest body
    # regions (a hand rule before a whole-arm one), a rule for any region last
    found.sort(key=_search_order)
    return found


def _search_order(rule: LoadedRule) -> tuple[bool, int, int]:
    regions = rule.model.applies_to.regions
    return (not rule.guideline.mtus, rule.guideline.precedence, len(regions) if regions else 1000)


def _region_groups(request: TreatmentRequest, rules: list[LoadedRule]) -> list[LoadedRule]:
    """One governing rule per body region when rules are region-specific ("MRI FOR THE C/S AND L/S")."""
    if not rules:
        return []
    first = rules[0]
    if not first.model.applies_to.regions or len(request.regions) < 2:
        return [first]
    chosen: list[LoadedRule] = []
    for region in request.regions:
        for rule in rules:
            if rule.guideline.mtus == first.guideline.mtus and (
                not rule.model.applies_to.regions or region.region in rule.model.applies_to.regions
            ):
                if rule not in chosen:
                    chosen.append(rule)
                break
    return chosen or [first]


def evaluate_rule(
    rule: LoadedRule, request: TreatmentRequest, values: Mapping[str, Variable]
) -> tuple[Decision, tuple[CriterionResult, ...], dict[str, Variable], dict[str, str]]:
    scoped = dict(values)
    scoped.update(table_values(rule.model, values))
    citation = citation_for(rule)
    extras = {
        "request": request.text.strip(),
        "guideline": rule.guideline.title,
        "section": rule.model.citation.section,
        "pages": citation.pages or "",
        "citation": citation.text,
    }
    if rule.model.recommendation != "criteria":
        return Decision.UPHELD, (), scoped, extras
    results = tuple(evaluate_criterion(c, rule, scoped, extras) for c in rule.model.criteria)
    decision = Decision.OVERTURNED if all(r.status is CriterionStatus.MET for r in results) else Decision.UPHELD
    return decision, results, scoped, extras


def decide_item(
    index: int,
    text: str,
    facts: Facts,
    dates: CaseDates,
    book: RuleBook | None = None,
    *,
    authorized: str | None = None,
    other_requests: tuple[TreatmentRequest, ...] = (),
) -> ItemDetermination:
    """Decide one item. ``authorized`` is what UR already certified of the original request, if anything."""
    return _decide_parsed(
        index, text, _parsed(text), facts, dates, book or rule_book(), authorized, other_requests, None
    )


def _decide_parsed(
    index: int,
    text: str,
    parsed: TreatmentRequest | RequestParseError,
    facts: Facts,
    dates: CaseDates,
    book: RuleBook,
    authorized: str | None,
    other_requests: tuple[TreatmentRequest, ...],
    surgery: SurgeryLink | None,
    opioid: CompanionLink | None = None,
) -> ItemDetermination:
    if isinstance(parsed, RequestParseError):
        return _undecided(index, text, None, f"the request could not be read ({parsed.message})", dates)
    request = parsed
    if dates.request_date is None:
        return _undecided(
            index,
            text,
            request,
            "no request or UR decision date, so the governing MTUS edition cannot be chosen",
            dates,
        )
    context = ItemContext(dates, _authorized_sessions(authorized, request), other_requests, surgery, opioid)
    values = compute_variables(facts, request, context, book.names_for_service(request.service))
    record_regions = None if request.regions else regions_named_in(facts.text)
    rules = candidate_rules(book, request, values, dates.request_date, record_regions)
    if not rules:
        edition = edition_on(dates.request_date)
        service = request.service.replace("_", " ")
        if edition is None:
            reason = f"no MTUS edition is in force on {dates.request_date.isoformat()}"
        elif edition.partial:
            reason = _partial_edition_reason(book, edition, request, dates.request_date)
        else:
            reason = f"no MTUS criterion found for {service} in {edition.name}, nor in the other evidence we hold"
        return _undecided(index, text, request, reason, dates)
    governing = _region_groups(request, rules)
    decisions: list[Decision] = []
    criteria: list[CriterionResult] = []
    sentences: list[str] = []
    for rule in governing:
        decision, results, scoped, extras = evaluate_rule(rule, request, values)
        decisions.append(decision)
        criteria.extend(results)
        sentences.append(render(rule.model.statement, scoped, extras))
        shown = [r for r in results if (r.status is CriterionStatus.MET) == (decision is Decision.OVERTURNED)]
        sentences.extend(r.sentence for r in shown)
    final = Decision.OVERTURNED if all(d is Decision.OVERTURNED for d in decisions) else Decision.UPHELD
    basis = "mtus" if governing[0].guideline.mtus else "non-mtus"
    rationale = conclude(sentences, final, request, basis)
    return ItemDetermination(
        index=index,
        request_text=text,
        request=request,
        decision=final,
        rule_ids=tuple(r.id for r in governing),
        citations=tuple(citation_for(r) for r in governing),
        criteria=tuple(criteria),
        rationale=rationale,
        basis=basis,
        edition_date=dates.request_date,
    )


def _partial_edition_reason(book: RuleBook, edition: MtusEdition, request: TreatmentRequest, on: dt.date) -> str:
    """Which edition governs, which of its rules for this service the book holds, and that older numbers are not
    applied."""
    in_force = {g.id for g in book.in_force(on) if g.mtus}
    held = sorted(
        {
            rule.model.title
            for rule in book.rules
            if rule.guideline.id in in_force and request.service in rule.model.applies_to.services
        }
    )
    service = request.service.replace("_", " ")
    reason = f"{edition.name} governs a request of {on.isoformat()}; "
    if held:
        reason += (
            f"of its rules for {service} the rule book holds only these, and none fits this request (its body region"
            f" or the case's facts fall outside them): {'; '.join(held)}"
        )
    else:
        reason += f"the rule book holds none of its rules for {service}"
    if edition != mtus_editions()[0]:
        reason += ", and the numbers of older editions are not applied to a newer date"
    if edition.drug_formulary and subject_to_drug_formulary(request):
        reason += (
            "; nor does the rule book hold the MTUS Drug List, which marks the drug exempt or non-exempt and tells"
            " whether special fill or perioperative fill applies"
        )
    return reason


def _authorized_sessions(authorized: str | None, request: TreatmentRequest) -> int | None:
    if not authorized:
        return None
    try:
        certified = parse_request(authorized)
    except RequestParseError:
        return None
    return certified.sessions if certified.service == request.service else None


def _undecided(
    index: int, text: str, request: TreatmentRequest | None, reason: str, dates: CaseDates
) -> ItemDetermination:
    return ItemDetermination(
        index=index,
        request_text=text,
        request=request,
        decision=None,
        rule_ids=(),
        citations=(),
        criteria=(),
        rationale=undecided_text(reason),
        undecided_reason=reason,
        edition_date=dates.request_date,
    )


def decide_case(case: DecisionCase, *, facts: Facts | None = None, book: RuleBook | None = None) -> Determination:
    """Decide every disputed item of ``case``; the result is a draft for a physician reviewer to sign."""
    facts = facts if facts is not None else extract_facts(case.summary)
    reference = case.request_date or case.ur_date
    dates = CaseDates(request_date=reference, injury_date=case.injury_date)
    book = book or rule_book()
    authorized = case.authorized or ()
    parsed = [_parsed(text) for text in case.requests]
    readable = [(i, r) for i, r in enumerate(parsed, start=1) if isinstance(r, TreatmentRequest)]

    def decide(
        number: int, text: str, surgery: SurgeryLink | None, opioid: CompanionLink | None = None
    ) -> ItemDetermination:
        return _decide_parsed(
            number,
            text,
            parsed[number - 1],
            facts,
            dates,
            book,
            authorized[number - 1] if number <= len(authorized) else None,
            tuple(r for i, r in readable if i != number),
            surgery,
            opioid,
        )

    # disputed surgeries are decided first: the services that serve them read the decision through their rules
    decided: dict[int, ItemDetermination] = {}
    for number, text in enumerate(case.requests, start=1):
        request = parsed[number - 1]
        if isinstance(request, TreatmentRequest) and is_disputed_surgery(request):
            decided[number] = decide(number, text, None)
    surgeries = tuple(decided.values())
    unreadable = tuple(i for i, r in enumerate(parsed, start=1) if not isinstance(r, TreatmentRequest))
    links: dict[int, SurgeryLink | None] = {}

    def decide_those(chosen: Callable[[TreatmentRequest], bool]) -> tuple[ItemDetermination, ...]:
        """Decide, in letter order, the items not yet decided that ``chosen`` picks, each linked to its surgery."""
        for number, text in enumerate(case.requests, start=1):
            request = parsed[number - 1]
            if number not in decided and isinstance(request, TreatmentRequest) and chosen(request):
                links[number] = link_for(request, surgeries, unreadable)
                decided[number] = decide(number, text, links[number])
        return tuple(decided[n] for n in sorted(decided) if n not in {s.index for s in surgeries})

    # disputed opioids next: a laxative or an antiemetic asked for with one reads the decision on it
    opioids = decide_those(is_disputed_opioid)
    # disputed injections too: anaesthesia asked for with one (monitored anaesthesia care for an epidural) follows it
    injections = tuple(
        item for item in decide_those(lambda request: request.category == "injection") if item not in opioids
    )
    for number, text in enumerate(case.requests, start=1):
        if number not in decided:
            request = parsed[number - 1]
            readable_request = request if isinstance(request, TreatmentRequest) else None
            procedures = surgeries + injections if _follows_any_procedure(readable_request) else surgeries
            links[number] = link_for(readable_request, procedures, unreadable)
            decided[number] = decide(number, text, links[number], opioid_link(opioids))
    items = tuple(decided[number] for number in range(1, len(case.requests) + 1))
    judged = frozenset(item.index for item in items if _reads_surgery_link(book, item))
    return Determination(
        source=case.source,
        items=apply_surgery_dependency(items, links, judged),
        facts=facts,
        request_date=reference,
    )


@functools.lru_cache(maxsize=8)
def regions_named_in(text: str) -> frozenset[str]:
    """The body regions a record names, read once per record however many of its items name none."""
    return frozenset(region.region for region in find_regions(text, load_vocabulary()))


def _follows_any_procedure(request: TreatmentRequest | None) -> bool:
    """Anaesthesia serves whatever procedure it is asked for with, an injection as much as a surgery."""
    return request is not None and request.service == "anesthesia_services"


def is_disputed_opioid(request: TreatmentRequest) -> bool:
    return request.drug is not None and request.drug.drug_class == "opioid"


def opioid_link(opioids: tuple[ItemDetermination, ...]) -> CompanionLink | None:
    """The decision a companion drug follows: necessary when any disputed opioid is, unknown when none is but one is
    undecided, not necessary when all are upheld; None when no opioid is disputed."""
    if not opioids:
        return None
    chosen = next((o for o in opioids if o.decision is Decision.OVERTURNED), None)
    chosen = chosen or next((o for o in opioids if o.decision is None), None) or opioids[0]
    necessary = None if chosen.decision is None else chosen.decision is Decision.OVERTURNED
    return CompanionLink(chosen.index, chosen.request_text, necessary)


def _reads_surgery_link(book: RuleBook, item: ItemDetermination) -> bool:
    """The item's governing rule judged the surgery it serves (its first criterion is the surgery link)."""
    return any(book.rule(rule_id).model.serves_surgery for rule_id in item.rule_ids)


def _parsed(text: str) -> TreatmentRequest | RequestParseError:
    try:
        return parse_request(text)
    except RequestParseError as error:
        return error
