"""Round 22: systems put into force bare (programme:step.system) with the guards of
this round (a four-character head ending in a generic act, office routines, Party
rules), a local scope when a place opens their paragraph, and the city-spread link
(link:pattern.spread-to) that the round-20 step needed. Made-up texts."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document
from tests.conftest import linked_graph, linked_names


def _found(text: str) -> dict[str, str]:
    doc = parse_document(text, "t")
    return {
        m.name: str(m.attrs.get("scope"))
        for m in extract_programmes(doc, extract_places(doc))
    }


def test_a_named_system_is_found_and_a_routine_is_not() -> None:
    assert "跨境电商负面清单管理制度" in _found("全面实施跨境电商负面清单管理制度。")
    assert _found("要落实安全防控制度，") == {}
    assert _found("建立工作例会制度，") == {}
    assert _found("严格执行党内组织生活制度。") == {}


def test_a_system_after_a_place_of_its_paragraph_is_that_places() -> None:
    scopes = {
        a["name"]: a.get("scope")
        for _, a in linked_graph("在福建古田县，当地建立矛盾调处听证制度。").nodes(
            data=True
        )
    }
    assert scopes["矛盾调处听证制度"] == "local"


def test_a_way_of_working_spread_over_a_city_runs_there() -> None:
    text = "南京市江宁区全面推行邻里议事听证制度，每件事都先听群众意见。邻里议事听证的做法，如今已经在南京全市推广。"
    assert "南京市" in linked_names(text, "邻里议事听证制度", "runs_in")
    other = "南京市江宁区全面推行邻里议事听证制度，每件事都先听群众意见。这种做法，如今已经在南京全市推广。"
    assert "南京市" not in linked_names(other, "邻里议事听证制度", "runs_in")


def test_a_platform_named_with_its_owner_is_a_programme() -> None:
    assert _found("全国耕地质量监测信息系统今天上线。") == {
        "全国耕地质量监测信息系统": "national"
    }
    assert "长三角技术成果共享服务平台" in _found(
        "长三角技术成果共享服务平台已汇集上千台设备。"
    )
    assert _found("农民依托智慧农业大数据平台管理农田。") == {}
    assert _found("全国应急管理系统优秀党员代表发言。") == {}
    assert _found("福州市鼓楼区普遍采用社区治理智能化管理系统。") == {}


def test_a_national_platform_takes_no_article_focus() -> None:
    text = "福州新闻\n\n福州市今天举行活动。福州市的活动很多。\n\n国家耕地质量监测信息系统今天上线。\n"
    assert "福州市" not in linked_names(text, "国家耕地质量监测信息系统", "runs_in")
