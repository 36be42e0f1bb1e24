"""Round-16 named works: greening and afforestation works after a place (snippets
made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _mentions(text: str) -> dict[str, set[str]]:
    doc = parse_document(text, "t")
    return {
        m.name: set(m.attrs.get("aliases", []))
        for m in extract_programmes(doc, extract_places(doc))
    }


def test_a_place_s_greening_work_is_a_named_work() -> None:
    assert "常德西山绿化工程" in _mentions("常德西山绿化工程加紧推进。")
    assert "长沙县东岸造林工程" in _mentions("今年，长沙县东岸造林工程完工。")


def test_greening_of_an_estate_or_a_site_is_a_construction_job() -> None:
    names = _mentions("推进小区绿化工程和常德公园一期绿化工程。")
    assert not any("绿化工程" in n for n in names)
    assert not any("绿化工程" in n for n in _mentions("完成城区绿化工程。"))


def test_a_count_of_phases_after_a_verb_is_no_work() -> None:
    names = _mentions("此后二十年，常德历经五期绿化工程。")
    assert not any(n.startswith("历经") for n in names)


def test_a_work_opening_with_two_places_is_also_the_lower_place_s() -> None:
    found = _mentions("湖南常德西山绿化工程加紧推进。")
    assert "常德西山绿化工程" in found.get("湖南常德西山绿化工程", set())


def test_a_batch_or_round_number_is_no_part_of_a_scheme_s_name() -> None:
    # 第二批, 第三轮 count batches and rounds of the scheme, like 第五届 an edition
    assert "安居示范工程" in _mentions("各地实施第二批安居示范工程。")
    assert "找矿突破战略行动" in _mentions("启动第三轮找矿突破战略行动。")
    assert not any(
        n.startswith("第") for n in _mentions("启动第三轮找矿突破战略行动。")
    )
