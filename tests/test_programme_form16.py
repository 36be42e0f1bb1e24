"""Round-16 formulas: quoted parallel clauses named as a method, and a quoted short
formula that a counted listing names (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _names(text: str) -> set[str]:
    doc = parse_document(text, "t")
    return {m.name for m in extract_programmes(doc, extract_places(doc))}


def test_a_quoted_formula_of_clauses_before_a_model_is_a_programme() -> None:
    assert "村口领票、镇上结算" in _names("当地推行“村口领票、镇上结算”的服务模式。")
    assert "山上栽果、山下养鸡" in _names("该村确立了“山上栽果、山下养鸡”的模式。")


def test_a_formula_before_a_domain_method_is_a_programme() -> None:
    names = _names("青岭镇建立“农户分拣、保洁员收运、中心集中处理”的垃圾收运办法。")
    assert "农户分拣、保洁员收运、中心集中处理" in names
    # more than eight characters between the formula and its head noun
    names = _names("他按照“支部领办、公司运营、农户入股”的村级集体经济发展思路办厂。")
    assert "支部领办、公司运营、农户入股" in names


def test_a_formula_with_a_generic_or_rejecting_head_is_no_programme() -> None:
    assert not _names("要突出“查处为主、引导为辅”的工作思路。")
    assert not _names("必须改变“先开发、后保护”的传统模式。")
    assert not _names("坚决摒弃“文化搭台、商贸唱戏”的错误做法。")
    assert not _names("按照“强基础、补短板、促融合”的总体思路推进。")
    assert not _names("森林保护形成“科技助力、科学管护”的新模式。")


def test_parts_of_two_characters_list_acts_or_qualities() -> None:
    assert not _names("医院推出“规范、安全、温馨”的服务模式。")
    assert not _names("加强对“查封、扣押、冻结”等强制措施的监督。")


def test_a_head_after_another_list_does_not_name_the_formula() -> None:
    assert not _names("推动银行建立“敢借、愿借、能借”的考核机制等措施。")


def test_a_quoted_short_formula_before_its_count_names_the_listing() -> None:
    doc = parse_document("近年来，青岭着力实施干部“学、练、比、用”四大工程。", "t")
    found = {m.name: m for m in extract_programmes(doc, extract_places(doc))}
    assert "学、练、比、用四大工程" in found
    assert "四大工程" not in found
    assert "学、练、比、用" in found["学、练、比、用四大工程"].attrs["aliases"]


def test_an_unquoted_list_before_a_count_stays_a_listing() -> None:
    names = _names("推进农村厕所、污水、垃圾三大改造整治工程。")
    assert not any("、" in n for n in names)


def _scopes(text: str) -> dict[str, str]:
    doc = parse_document(text, "t")
    return {
        m.name: m.attrs["scope"] for m in extract_programmes(doc, extract_places(doc))
    }


def test_a_national_programme_with_a_part_word_keeps_its_scope() -> None:
    assert _scopes("青岭县推进林长制改革。").get("林长制改革") == "national"
    assert _scopes("青岭市开展现代学徒制试点。").get("现代学徒制试点") == "national"


def test_a_coined_word_after_a_national_programme_makes_a_local_drive() -> None:
    scopes = _scopes("青岭县开展林长制百日攻坚行动。")
    assert scopes.get("林长制百日攻坚行动", "local") != "national"
