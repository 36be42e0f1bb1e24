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
    found = _people("获奖的有王建新、尼玛卓玛、刘海洋等。")
    assert "卓玛" not in found and "尼玛卓玛" in found


def test_caption_own_station_is_the_broadcaster() -> None:
    found = _people("央视网消息（新闻联播）：雪还在下。 本台记者 李晓：现在是凌晨一点。")
    assert found["李晓"]["posts"][0]["org"] == "中央电视台"


def test_foreign_name_ending_in_a_function_character() -> None:
    assert "特鲁多" in _people("加拿大总理特鲁多、德国总理默克尔出席会议。")
    found = _people("俄罗斯总统普京都表示支持。")
    assert "普京" in found and "普京都" not in found
