"""Properties every seed's extraction must have."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.ingest import parse_document
from kg.model import LABELS


def test_every_mention_points_into_the_original_text(seed_docs) -> None:
    for doc, mentions in seed_docs:
        assert mentions
        for mention in mentions:
            assert doc.text[mention.start : mention.end] == mention.text
            assert mention.label in LABELS
            assert mention.rule.startswith(mention.label + ":")


def test_every_seed_article_yields_all_four_types(seed_docs) -> None:
    labels = {m.label for _, mentions in seed_docs for m in mentions}
    assert {"place", "person", "programme", "metric", "organization"} <= labels
    for doc, mentions in seed_docs:
        if "〔*〕" in doc.text:
            continue  # the template speech names no place or person
        found = {m.label for m in mentions}
        assert {"place", "person", "metric"} <= found, doc.doc_id


def test_placeholders_are_never_names_or_places(seed_docs) -> None:
    for _, mentions in seed_docs:
        for mention in mentions:
            if mention.label in ("place", "person"):
                assert "〔" not in mention.text and "*" not in mention.text


CJK_TEXT = st.text(
    alphabet=st.sampled_from(
        list("梁平区镇村社区街道三比亮万元人%0123456789.〔*〕“”()\n,。书记王李作者系")
    ),
    max_size=200,
)


@settings(max_examples=150, deadline=None)
@given(CJK_TEXT)
def test_any_text_extracts_without_error_and_with_valid_offsets(text: str) -> None:
    doc = parse_document(text, "h.txt")
    for mention in extract(doc):
        assert doc.text[mention.start : mention.end] == mention.text
        assert 0 <= mention.start < mention.end <= len(text)
