"""Text normalisation with offset maps back to the source."""

from imr.text.mapped import MappedText
from imr.text.normalise import normalise_document

__all__ = ["MappedText", "normalise_document"]
