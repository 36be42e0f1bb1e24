"""Round-10 named works (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> dict[str, str]:
    doc = parse_document(text, "t")
    return {
        m.name: m.attrs["scope"] for m in extract_programmes(doc, extract_places(doc))
    }


def test_named_work_after_a_place_or_route_initials() -> None:
    assert "湖南常德大桥项目" in _found("昨天，湖南常德大桥项目正式开工。")
    assert (
        _found("国家能源局核准福建漳州核电项目。").get("福建漳州核电项目") == "national"
    )
    assert "湘粤特高压输电通道" in _found("湘粤特高压输电通道日前投运。")
    assert (
        _found("沪杭高速公路嘉兴段二期工程通车。").get("沪杭高速公路嘉兴段二期工程")
        == "provincial"
    )


def test_generic_counted_and_demonstrative_works_are_none() -> None:
    assert not any("项目" in n for n in _found("五个核电项目获批，该项目总投资5亿元。"))
    assert not any("通道" in n for n in _found("加快国际铁路通道建设。"))
    assert not any("工程" in n for n in _found("推进农村公路工程和重大水利工程。"))


def test_site_jobs_are_no_named_works() -> None:
    assert not _found("湖南省博物馆二期扩建工程开工。")
    assert not any("研发" in n for n in _found("湖南长沙输电研发项目启动。"))
