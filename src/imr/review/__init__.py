"""The whole IMR process for one case folder: screen, assign, summarise, decide, write, redact, sign, verify."""

from imr.review.process import ReviewResult, run_review
from imr.review.reviewer_decisions import ReviewerDecision
from imr.review.sign import sign_determination
from imr.review.signature import Verification, check_signature, verify_signature

__all__ = [
    "ReviewResult",
    "ReviewerDecision",
    "Verification",
    "check_signature",
    "run_review",
    "sign_determination",
    "verify_signature",
]
