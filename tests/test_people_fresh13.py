"""Round 13: kinds of person misses recurring on first contacts. Made-up sentences."""

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


def test_caption_post_space_name_colon() -> None:
    found = _people("道路已经抢通。 某某县副县长 王立平：目前最主要的工作是转移群众。")
    assert [p["title"] for p in found["王立平"]["posts"]] == ["副县长"]
    assert "李晓" in _people("本台记者 李晓：现在是凌晨一点，雪还在下。")


def test_caption_needs_a_sentence_start() -> None:
    assert "王立平" not in _people("他说，副县长 王立平：")


def test_tibetan_two_part_name() -> None:
    assert "次仁罗布" in _people("这几天，次仁罗布连轴转，把救灾物资分到各家。")
    found = _people("某某村党支部书记次仁罗布的家也在地震中倒塌。")
    assert [p["title"] for p in found["次仁罗布"]["posts"]] == ["党支部书记"]
    assert "次仁罗" not in found


def test_tibetan_part_alone_is_no_name() -> None:
    assert _people("草原上开满了格桑花，专机在贡嘎机场降落。") == {}
    found = _people("获奖的有王建新、尼玛央金、刘海洋等。")
    assert "央金" not in found and "尼玛央金" in found


def test_caption_own_station_is_the_broadcaster() -> None:
    found = _people(
        "央视网消息（新闻联播）：雪还在下。 本台记者 李晓：现在是凌晨一点。"
    )
    assert found["李晓"]["posts"][0]["org"] == "中央电视台"


def test_foreign_name_ending_in_a_function_character() -> None:
    assert "特鲁多" in _people("加拿大总理特鲁多、德国总理默克尔出席会议。")
    found = _people("俄罗斯总统普南都表示支持。")
    assert "普南" in found and "普南都" not in found


def test_martyr_frame() -> None:
    assert "王立明" in _people("展柜里陈列着王立明烈士的家书。")
    assert _people("清明节，学生们来到青石岭烈士纪念碑前。") == {}


def test_army_commander_titles() -> None:
    found = _people("它纪念的是某军团第三师师长赵立平。他在这里长眠。")
    assert [p["title"] for p in found["赵立平"]["posts"]] == ["师长"]
    assert _people("律师长期关注此事。") == {}


def test_function_character_kept_only_where_it_ends_names() -> None:
    assert "丘尔丁则" not in _people("俄罗斯常驻联合国代表丘尔丁则强调。")
