"""Round 20: post errors of the first contacts (b18, b19): a broadcast credit's
editors hold their posts at the broadcaster (person:words.credit-titles), 兼 joins two
titles before a name (person:words.title-joiners, link:pattern.chain-gap), 来自 X 的
puts a title or a workplace role in X (link:pattern.origin-before-title,
person:words.workplace-roles). Made-up sentences."""

from __future__ import annotations

from kg.extract import extract
from kg.ingest import parse_document
from kg.link import link

STATION = "央视网消息（新闻联播）："


def _posts(text: str) -> dict[str, set[tuple[str, str]]]:
    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    names = {e.id: e.name for e in graph.entities.values()}
    out: dict[str, set[tuple[str, str]]] = {}
    for r in graph.relations:
        if r.predicate == "holds_post":
            name = r.subject.split(":", 1)[1].split("@")[0]
            target = names.get(r.object, r.object)
            out.setdefault(name, set()).add((target, str(r.attrs.get("title"))))
    return out


def test_a_broadcast_credit_gives_each_editor_a_post_at_the_station() -> None:
    posts = _posts(STATION + "某县大桥今天通车。（视频编辑：王建华 文字编辑：李小梅）")
    assert posts["王建华"] == {("中央电视台", "视频编辑")}
    assert posts["李小梅"] == {("中央电视台", "文字编辑")}


def test_a_credit_with_no_broadcaster_named_gives_no_post() -> None:
    posts = _posts("某县大桥今天通车。（视频编辑：王建华 文字编辑：李小梅）")
    assert "王建华" not in posts and "李小梅" not in posts


def test_two_titles_joined_by_jian_are_two_posts_in_one_organisation() -> None:
    posts = _posts(STATION + "今晚将播出对叙利亚过渡政府总理兼外长阿卡巴的专访。")
    assert {title for _, title in posts["阿卡巴"]} == {"总理", "外长"}
    assert len({target for target, _ in posts["阿卡巴"]}) == 1


def test_jianzhi_is_a_word_not_a_joiner() -> None:
    posts = _posts("会上，某市城建集团党委书记兼职网格员王建华讲话。")
    assert all(title != "党委书记" for _, title in posts.get("王建华", set()))


def test_a_title_after_laizi_x_de_is_held_in_x() -> None:
    posts = _posts("在吕梁市的培训班上，来自吕梁岚县的学员王秀英报了名。")
    assert posts["王秀英"] == {("岚县", "学员")}


def test_a_title_after_x_de_without_laizi_is_not() -> None:
    posts = _posts("在吕梁市的培训班上，岚县的学员王秀英报了名。")
    assert ("岚县", "学员") not in posts.get("王秀英", set())


def test_a_student_from_a_school_holds_a_post_there() -> None:
    posts = _posts(
        "职业技能比赛正在南宁举行，来自贵州省兴仁技工学校的学生杨建水正在参赛。"
    )
    assert {title for _, title in posts["杨建水"]} == {"学生"}
    assert all(target.endswith("技工学校") for target, _ in posts["杨建水"])


def test_a_role_that_is_no_post_there_gives_none() -> None:
    posts = _posts(
        "职业技能比赛正在南宁举行，来自贵州省兴仁技工学校的家长杨建水正在观赛。"
    )
    assert "杨建水" not in posts


def test_a_department_after_a_committee_title_is_that_committees() -> None:
    posts = _posts("重庆市梁平区召开会议。区委常委、宣传部部长王建华出席。")
    assert ("梁平区委宣传部", "部长") in posts["王建华"]
    assert ("梁平区委", "常委") in posts["王建华"]


def test_a_body_named_with_its_place_stays_its_own() -> None:
    posts = _posts("重庆市梁平区召开会议。区委常委、区纪委书记王建华出席。")
    assert ("梁平区纪委", "书记") in posts["王建华"]
    assert all("区委区" not in target for target, _ in posts["王建华"])


def test_a_company_commander_is_named_and_put_in_no_place() -> None:
    posts = _posts("重庆市梁平区。驻守边防的某部三连连长王建国带领战士巡逻。")
    assert ("梁平区", "连长") not in posts.get("王建国", set())
    doc = parse_document(
        "重庆市梁平区。驻守边防的某部三连连长王建国带领战士巡逻。", "t"
    )
    assert "王建国" in {m.name for m in extract(doc) if m.label == "person"}


def test_a_workplace_role_right_after_a_place_is_a_post_there() -> None:
    posts = _posts("现在天津南开区环卫工人王建波不再用自来水清洗马路了。")
    assert posts["王建波"] == {("南开区", "环卫工人")}


def test_a_workplace_role_with_nothing_written_before_is_in_no_place() -> None:
    posts = _posts("重庆市梁平区。医生王建国说，病人好多了。")
    assert "王建国" not in posts


VILLAGE = "陕西省黄陵县双龙镇索洛湾村是个小山村。"


def test_a_village_secretary_is_in_the_villages_party_branch() -> None:
    posts = _posts(VILLAGE + "村书记王建华说，今年收成好。")
    assert posts["王建华"] == {("索洛湾村党支部", "书记")}


def test_a_secretary_sent_to_stay_in_the_village_is_not_its_branchs() -> None:
    posts = _posts(VILLAGE + "驻村书记王建华说，今年收成好。")
    assert ("索洛湾村党支部", "书记") not in posts.get("王建华", set())


def test_a_name_after_jiuren_title_de_is_found_with_its_post() -> None:
    posts = _posts(VILLAGE + "2015年底就任村书记的王建华说，今年收成好。")
    assert posts["王建华"] == {("索洛湾村党支部", "书记")}


def test_a_post_taken_elsewhere_is_in_no_place() -> None:
    text = "重庆市梁平区。曾在多个中学担任校长的杨建龙，为了培养学生。"
    doc = parse_document(text, "t")
    assert "杨建龙" in {m.name for m in extract(doc) if m.label == "person"}
    assert "杨建龙" not in _posts(text)


def test_a_department_repeating_its_bodys_end_is_named_once() -> None:
    posts = _posts(VILLAGE + "中央军委委员、军委政治工作部主任苗建华一同出席。")
    assert ("中央军委政治工作部", "主任") in posts["苗建华"]


def test_a_foreign_partys_chairman_is_in_the_party_not_the_county() -> None:
    text = (
        "重庆市梁平区召开会议。某某国前进党主席、第一副总理兼国防部长阿克桑致函祝贺。"
    )
    posts = _posts(text.replace("某某国", "塞尔维亚"))
    assert ("塞尔维亚前进党", "主席") in posts["阿克桑"]
    assert all(
        target != "梁平区" or title == "部长" for target, title in posts["阿克桑"]
    )
