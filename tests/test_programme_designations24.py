"""Round 24: pilots written with the place kind they are given to
(programme:words.pilot-recipients: 某某试点城市, 20个某某试点县建设) and quoted service
products of a government (programme:class.service-product: “某省医保码”, “随某办”).
Made-up texts."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> dict[str, str]:
    doc = parse_document(text, "t")
    return {
        m.name: str(m.attrs.get("scope"))
        for m in extract_programmes(doc, extract_places(doc))
    }


def test_a_pilot_given_to_a_city_is_a_national_programme() -> None:
    found = _found("作为全国首批海岸带蓝碳协同治理试点城市，江临市近年来加快转型。")
    assert found == {"海岸带蓝碳协同治理试点": "national"}


def test_a_pilot_received_after_an_honour_verb_is_still_a_pilot() -> None:
    found = _found("丰原省成为全国首批荒坡低效林改造试点省份。")
    assert found.get("荒坡低效林改造试点") == "national"


def test_the_building_of_pilot_counties_keeps_its_count_out() -> None:
    found = _found("三北工程日前启动丰原县等18个荒坡造林试点县建设，立足实际。")
    assert found.get("荒坡造林试点县建设") == "national"


def test_counts_and_lists_of_places_before_a_pilot_name_none() -> None:
    assert _found("综述指出，四个试点省市认真落实改革部署。") == {}
    assert _found("年底前完成淮河、汉江和珠江试点地区排污口编码。") == {}


def test_a_pilot_before_a_market_is_no_recipient() -> None:
    assert "农产品交易试点" not in _found("推动农产品交易试点市场建设，")


def test_a_quoted_service_product_is_a_programme() -> None:
    assert "海川医保码" in _found("市民通过登录“海川医保码”可查询缴费记录。")
    assert "随手办" in _found("驾驶人可以通过“随手办”等手机应用办理。")


def test_a_quoted_code_of_another_kind_is_none() -> None:
    assert "财富密码" not in _found("这个村找到了增收的“财富密码”。")
    assert "条形码" not in _found("每件产品都有“条形码”。")


def test_a_ranked_pilot_place_names_no_pilot() -> None:
    assert _found("清河县成为丰原省荒坡造林唯一试点县。") == {}


def test_a_lexicon_mechanism_written_with_joints_and_manners_is_that_mechanism() -> (
    None
):
    assert "生态保护补偿机制" in _found("要健全生态保护和补偿机制，")
    assert "特困人员救助供养制度" in _found("落实特困人员动态救助和精准供养制度。")
    assert "特困人员救助供养制度" in _found("落实特困人员动态救助供养制度。")
    assert "特困人员救助供养制度" not in _found("落实特困人员快速救助供养制度。")
