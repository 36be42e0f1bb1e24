"""Person nouns right before a name (round 10): heads counted on bulk news."""

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _names(text: str) -> list[str]:
    return [m.name for m in extract_people(parse_document(text, "t.txt"))]


def test_role_word_inside_a_longer_role_word() -> None:
    # 乡村医生: 村医 matches first and is turned down; 医生 still gets its try
    assert "余春华" in _names("昨天，乡村医生余春华背着药箱上山出诊。")


def test_new_person_nouns() -> None:
    assert "何秋生" in _names("当天，种粮大户何秋生一早就来到田里。")
    assert "葛玉兰" in _names("会上，红军后代葛玉兰讲述了爷爷的故事。")
    assert "季永春" in _names("十九大代表季永春回到车间，给工友们宣讲。")
    assert "晏小川" in _names("比赛中，18岁小将晏小川发挥出色。")
    assert "郁文海" in _names("驻守海岛的战士郁文海每天巡逻两次。")


def test_not_a_name_after_the_noun() -> None:
    # 代表 alone is often a verb: 代表县政府 is no person
    assert _names("会上，他首先代表县政府致辞。") == []
    assert _names("青年强则国家强。") == []
