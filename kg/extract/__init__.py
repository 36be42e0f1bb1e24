"""One extractor per entity type, each a pure function of a document.

``EXTRACTORS`` is the one explicit table of them; ``extract(doc)`` runs them all and
returns every mention in text order.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from kg.extract.lexicon import lexicon_mentions, merge_lexicon
from kg.extract.metrics import extract_metrics
from kg.extract.organizations import extract_organizations
from kg.extract.people import extract_people
from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.lang.rules import word_set
from kg.model import Document, Mention

Extractor = Callable[[Document], list[Mention]]

EXTRACTORS: dict[str, Extractor] = {
    "place": extract_places,
    "person": extract_people,
    "programme": extract_programmes,
    "metric": extract_metrics,
}
# Programmes and organisations see the place mentions too (平安保定, 璧山区委组织部).

__all__ = ["EXTRACTORS", "LONG_DOCUMENT", "Extractor", "extract"]

# A document this long (a yearbook, a decade of reports in one file) takes seconds per
# extractor: each step is logged to ``kg.progress`` (``kg build`` prints it), so that
# a long document shows how far it got instead of looking hung.
LONG_DOCUMENT = 1_000_000
_progress = logging.getLogger("kg.progress")


def extract(doc: Document) -> list[Mention]:
    """All mentions of ``doc``: places, people, organisations, programmes, metrics.

    Organisations are anchored on places, so they get the place mentions as input.
    """
    by_label = {
        label: _step(doc, label, extractor)
        for label, extractor in EXTRACTORS.items()
        if label != "programme"
    }
    by_label["place"] = _not_people(by_label["place"], by_label["person"])
    lexicon = lexicon_mentions(doc)  # the words of user packs' lists (most: none)
    if lexicon:  # places first: organisations are anchored on them
        places = [m for m in lexicon if m.label == "place"]
        by_label["place"] = merge_lexicon(by_label["place"], places)
    # programmes see the places (平安保定: a brand word before a place name)
    by_label["programme"] = _step(
        doc, "programme", lambda d: extract_programmes(d, by_label["place"])
    )
    by_label["organization"] = extract_organizations(doc, by_label["place"])
    by_label["metric"] = _outside_names(by_label["metric"], by_label["programme"])
    mentions = [m for found in by_label.values() for m in found]
    if lexicon:
        mentions = merge_lexicon(mentions, [m for m in lexicon if m.label != "place"])
    return sorted(mentions, key=lambda m: (m.start, m.end, m.label, m.rule))


def _not_people(places: list[Mention], people: list[Mention]) -> list[Mention]:
    """The places less the landmarks and zones that end with a person's name found
    in the same document (place:guard.person-name-landmark: 张春江 is no river)."""
    if not people or not places:
        return places
    levels = word_set("place:words.person-guarded-levels")
    ends = {p.end: p.start for p in people}
    return [
        m
        for m in places
        if not (
            m.attrs.get("level") in levels and m.end in ends and ends[m.end] >= m.start
        )
    ]


def _step(doc: Document, label: str, extractor: Extractor) -> list[Mention]:
    """``extractor(doc)``; for a long document, logged with its time."""
    if len(doc.clean) < LONG_DOCUMENT:
        return extractor(doc)
    if label == next(iter(EXTRACTORS)):
        _progress.info(
            "%s: a long document (%s characters), extracting",
            doc.doc_id,
            f"{len(doc.clean):,}",
        )
    started = time.perf_counter()
    found = extractor(doc)
    _progress.info(
        "%s: %s %s found in %.1f s",
        doc.doc_id,
        f"{len(found):,}",
        _PLURALS.get(label, label),
        time.perf_counter() - started,
    )
    return found


_PLURALS = {
    "place": "places",
    "person": "people",
    "programme": "programmes",
    "metric": "metrics",
}


def _outside_names(metrics: list[Mention], programmes: list[Mention]) -> list[Mention]:
    """A formula's own number is not a metric (五个1000行动, 12345热线)."""
    spans = sorted(
        (m.start, m.end) for m in programmes if m.attrs.get("class") == "programme"
    )
    if not spans:
        return metrics
    # by start, with the furthest end so far: a figure is inside a name when a name
    # starting at or before it reaches its end (a bisect, not a loop over the names)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))

    def inside(m: Mention) -> bool:
        before = bisect_right(starts, m.start)
        return before > 0 and reach[before - 1] >= m.end

    return [m for m in metrics if not inside(m)]
