"""Treatment requests: read an IMR item title ("PT 2X4 FOR THE L/S") into a ``TreatmentRequest``.

The vocabulary (services, body regions, drugs, numbers, qualifiers) is data in ``imr/data/vocabulary``.
"""

from imr.requests.parse import parse_request
from imr.requests.vocabulary import Vocabulary, load_vocabulary, read_vocabulary

__all__ = ["Vocabulary", "load_vocabulary", "parse_request", "read_vocabulary"]
