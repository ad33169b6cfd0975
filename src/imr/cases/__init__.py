"""IMR cases: the case folder (``case.yaml`` + records), the eligibility screen, the deadlines, and the choice
of reviewer from a panel.

Data files: ``imr/data/holidays/california.yaml`` (the holiday calendar deadlines roll past) and
``imr/data/reviewers/specialties.yaml`` (which reviewer specialties suit which disputed treatment).
"""

from imr.cases.assign import Assignment, ReviewerIdentity, ReviewerQualifications, assign_reviewer
from imr.cases.deadlines import Deadline, Deadlines, compute_deadlines
from imr.cases.eligibility import CheckName, EligibilityCheck, EligibilityReport, Outcome, check_eligibility
from imr.cases.model import CaseFile, case_json_schema, load_case
from imr.cases.panel import Panel, Reviewer, load_panel, panel_json_schema

__all__ = [
    "Assignment",
    "CaseFile",
    "CheckName",
    "Deadline",
    "Deadlines",
    "EligibilityCheck",
    "EligibilityReport",
    "Outcome",
    "Panel",
    "Reviewer",
    "ReviewerIdentity",
    "ReviewerQualifications",
    "assign_reviewer",
    "case_json_schema",
    "check_eligibility",
    "compute_deadlines",
    "load_case",
    "load_panel",
    "panel_json_schema",
]
