"""A designated zone's building (programme:words.zone-heads): made-up snippets."""

from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> dict[str, tuple[str, list[str]]]:
    doc = parse_document(text, "t")
    return {
        m.name: (m.attrs["scope"], m.attrs["aliases"]) for m in extract_programmes(doc)
    }


def test_building_after_the_zone() -> None:
    found = _found("全力推动海洋经济示范区建设，")
    assert found == {"海洋经济示范区建设": ("national", ["海洋经济示范区"])}


def test_building_as_the_verb() -> None:
    found = _found("支持该市建设生态文明先行示范区，")
    assert "生态文明先行示范区建设" in found


def test_county_zone_stays_local() -> None:
    assert (
        _found("推进县级乡村振兴示范区建设。")["县级乡村振兴示范区建设"][0] == "local"
    )


def test_builders_are_no_building() -> None:
    assert "示范区建设" not in _found("表彰示范区建设者代表。")
    assert not any(n.endswith("建设") for n in _found("示范区建设局局长讲话"))
