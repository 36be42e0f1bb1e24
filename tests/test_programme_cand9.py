"""Round-8 programme rules: scheme heads of named projects, surveys and examinations, counted works,
and the national scope of a paragraph opened by a national body (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> dict[str, str]:
    doc = parse_document(text, "t")
    return {
        m.name: m.attrs["scope"] for m in extract_programmes(doc, extract_places(doc))
    }


def test_named_works_and_examinations() -> None:
    assert "霞浦三沙核电项目" in _found("今天，霞浦三沙核电项目1号机组开工。")
    assert "省级政府消防工作考核巡查" in _found("当天，省级政府消防工作考核巡查启动。")
    assert "森林资源专项调查" in _found("为摸清底数，开展了森林资源专项调查。")


def test_counted_works_are_no_programme() -> None:
    assert not any("核电项目" in n for n in _found("会议决定核准三个核电项目。"))


def test_national_paragraph_scope() -> None:
    found = _found("日前，国务院年度考核巡查启动。此次考核巡查聚焦燃气管道专项整治。")
    assert found.get("燃气管道专项整治") == "national"
    found = _found("近日，福州市启动考核巡查。此次巡查聚焦燃气管道专项整治。")
    assert found.get("燃气管道专项整治") == "local"


def test_national_yearly_and_brand_scope() -> None:
    found = _found("日前，国务院2024年度省级政府消防工作考核巡查正式启动。")
    assert found.get("省级政府消防工作考核巡查") == "national"
    assert _found("深入推进平安中国建设。").get("平安中国建设") == "national"


def test_zone_after_zai_is_a_place() -> None:
    assert not _found("在万亩高标准粮田示范区，农技人员正在指导。")
    assert any(
        n.startswith("高标准粮田示范区") for n in _found("加快建设高标准粮田示范区。")
    )


def test_survey_and_chain_heads() -> None:
    found = _found("央视网消息：中宣部组织的基层党建驻村调研活动近日启动。")
    assert found.get("基层党建驻村调研活动") == "national"
    assert "燃气管道隐患全链条整治" in _found("当地推进燃气管道隐患全链条整治。")
