"""What `imr corpus stats --by` groups items by."""

from __future__ import annotations

from enum import StrEnum


class Dimension(StrEnum):
    all = "all"
    service = "service"
    category = "category"
    guideline = "guideline"
    specialty = "specialty"
    month = "month"
    year = "year"
    priority = "priority"
    region = "region"
    drug_class = "drug_class"
    layout = "layout"
