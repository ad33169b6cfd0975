"""The shape of a guideline rule file (data/guidelines/*.yaml), validated with pydantic at load time."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Outcome = Literal["upheld", "overturned"]


class CitationModel(BaseModel):
    """Where the rule lives in the guideline, in the form IMR letters cite it."""

    model_config = ConfigDict(extra="forbid")
    section: str
    pages: str | None = None  # "98-99", "303-305"
    chapter: str | None = None  # "Chapter 12 Low Back Complaints"


class AppliesToModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    services: list[str] = Field(min_length=1)
    regions: list[str] = []  # empty: any region
    when: str | None = None  # an expression over the variables; the rule applies only when it is true
    description: str | None = None


class TableRowModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: str | None = None  # the key value this row is for ("neuralgia"); None for the default row
    values: dict[str, int | float | str]


class TableModel(BaseModel):
    """A lookup keyed by an array or string variable: the first row whose ``match`` the variable holds wins."""

    model_config = ConfigDict(extra="forbid")
    key: str
    rows: list[TableRowModel] = Field(min_length=1)
    default: dict[str, int | float | str] | None = None


class CriterionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    description: str  # what the guideline asks, in one line
    expression: str | None = None  # rule-engine expression over variables and table values
    any: list[CriterionModel] = []  # alternatives: met when one is met
    met: str  # sentence templates for the rationale, {placeholders} from variables and tables
    unmet: str
    undocumented: str

    def children(self) -> list[CriterionModel]:
        return list(self.any)


class ExampleModel(BaseModel):
    """A short clinical text and request, and the outcome the rule must reach through the whole engine.

    ``shows`` says what the example is for: every criterion met, one plainly unmet, or one plausible but not
    documented (the provider's burden: an undocumented criterion is not met)."""

    model_config = ConfigDict(extra="forbid")
    summary: str
    request: str
    request_date: dt.date
    expect: Outcome
    shows: Literal["met", "unmet", "undocumented", "not_recommended"] | None = None
    note: str | None = None


class KnowledgeModel(BaseModel):
    """Where the rule's facts stand: ``K`` is written from knowledge of the guideline and still needs a check
    against ``source``; ``confirmed`` was read in ``confirmed_by`` (a public page, a letter quoting the guideline)."""

    model_config = ConfigDict(extra="forbid")
    status: Literal["K", "confirmed"]
    source: str  # the primary text that settles it: "MTUS CPMTG 2009, Ultrasound, therapeutic, p. 123"
    confirmed_by: list[str] = []


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    title: str
    applies_to: AppliesToModel
    citation: CitationModel
    statement: str  # what the guideline recommends, in our words, for the rationale's opening
    # criteria: recommended under conditions (overturned only when every criterion is documented as met);
    # not_recommended, no_recommendation: the guideline gives no ground to certify it (upheld, with the statement)
    recommendation: Literal["criteria", "not_recommended", "no_recommendation"] = "criteria"
    knowledge: KnowledgeModel | None = None
    tables: dict[str, TableModel] = {}
    criteria: list[CriterionModel] = []
    serves_surgery: bool = False  # the shared surgery-certified criterion (data/criteria) comes first
    accompanies_opioid: bool = False  # the shared opioid-certified criterion (data/criteria) comes first
    examples: list[ExampleModel] = Field(min_length=2)
    notes: str | None = None


class GuidelineModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str  # as letters name it: "MTUS Chronic Pain Medical Treatment Guidelines"
    family: str  # citation vocabulary key
    edition: str
    source: str  # the regulation or publication
    mtus: bool
    effective_from: dt.date
    effective_to: dt.date | None = None
    precedence: int = 50  # order within the search sequence: lower is consulted first


class RuleFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    guideline: GuidelineModel
    rules: list[RuleModel] = Field(min_length=1)
