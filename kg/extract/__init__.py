"""One extractor per entity type, each a pure function of a document.

``EXTRACTORS`` is the one explicit table of them; ``extract(doc)`` runs them all and
returns every mention in text order.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.metrics import extract_metrics
from kg.extract.organizations import extract_organizations
from kg.extract.people import extract_people
from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.model import Document, Mention

Extractor = Callable[[Document], list[Mention]]

EXTRACTORS: dict[str, Extractor] = {
    "place": extract_places,
    "person": extract_people,
    "programme": extract_programmes,
    "metric": extract_metrics,
}

__all__ = ["EXTRACTORS", "Extractor", "extract"]


def extract(doc: Document) -> list[Mention]:
    """All mentions of ``doc``: places, people, organisations, programmes, metrics.

    Organisations are anchored on places, so they get the place mentions as input.
    """
    by_label = {label: extractor(doc) for label, extractor in EXTRACTORS.items()}
    by_label["organization"] = extract_organizations(doc, by_label["place"])
    mentions = [m for found in by_label.values() for m in found]
    return sorted(mentions, key=lambda m: (m.start, m.end, m.label, m.rule))
