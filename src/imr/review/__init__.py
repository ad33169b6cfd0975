"""The whole IMR process for one case folder: screen, assign, summarise, decide, write, redact, sign."""

from imr.review.process import ReviewResult, run_review
from imr.review.sign import sign_determination

__all__ = ["ReviewResult", "run_review", "sign_determination"]
