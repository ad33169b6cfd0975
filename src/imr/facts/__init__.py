"""Clinical facts from case records: negation-aware, every fact pointing at its text."""

from imr.facts.extract import extract_facts

__all__ = ["extract_facts"]
