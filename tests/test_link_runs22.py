"""Round 22: where a programme runs, on shapes first met in blind batches 16–20.
Both ends of a route in a work's name (link:pattern.route-joint); 首都 opening a
programme's name stands for the capital (link:words.capital-names); a place a visit
goes to, when the programme is named as a site there or as an event the visitors
join (link:pattern.visit-destination, link:pattern.programme-site,
link:pattern.joined-event). Made-up texts."""

from __future__ import annotations

from tests.test_link_roundup15 import _runs_in

_OPENING = "古田县召开会议，古田县部署工作。"


def test_both_ends_of_a_route_in_a_works_name() -> None:
    text = "今天，长江宜昌至荆州段航道疏浚工程开建，万吨级船舶可常年通达宜昌。"
    assert {"宜昌市", "荆州市"} <= _runs_in(text, "长江宜昌至荆州段航道疏浚工程")


def test_a_place_inside_a_works_name_not_joined_is_no_end() -> None:
    text = "今天，长江宜昌段荆州航道疏浚工程开建，万吨级船舶可常年通达宜昌。"
    runs = _runs_in(text, "长江宜昌段荆州航道疏浚工程")
    assert "荆州市" not in runs


def test_the_capital_word_opening_a_name_is_the_capital() -> None:
    text = "今天上午，干部群众在北京市大兴区参加“首都健步走”活动。北京市各界踊跃参加。"
    assert "北京市" in _runs_in(text, "首都健步走")


def test_the_capital_word_needs_the_capital_named() -> None:
    text = _OPENING + "今天上午，干部群众在屏南县参加“首都健步走”活动。"
    assert "北京市" not in _runs_in(text, "首都健步走")


def test_a_programme_site_visited_runs_the_programme_there() -> None:
    text = _OPENING + "5日至6日，赵刚来到屏南县，走访易地扶贫搬迁安置点、扶贫车间等。"
    assert "屏南县" in _runs_in(text, "易地扶贫搬迁工程")


def test_hearing_of_a_programme_on_a_visit_is_no_site() -> None:
    text = _OPENING + "5日至6日，赵刚来到屏南县，了解易地扶贫搬迁情况、扶贫车间等。"
    assert "屏南县" not in _runs_in(text, "易地扶贫搬迁工程")


def test_an_event_joined_on_a_visit_runs_where_the_visit_went() -> None:
    text = _OPENING + "上午，干部群众来到屏南县，一起参加“万人植绿”活动。"
    assert "屏南县" in _runs_in(text, "万人植绿")


def test_a_nearer_place_between_keeps_the_visit_out() -> None:
    text = _OPENING + "上午，干部群众来到屏南县，在寿宁县参加“万人植绿”活动。"
    runs = _runs_in(text, "万人植绿")
    assert "寿宁县" in runs
    assert "屏南县" not in runs


def test_a_place_after_a_programme_of_the_nation_does_not_run_it() -> None:
    text = _OPENING + "随着我国深入推进乡村振兴，屏南县从偏远山区变成了旅游胜地。"
    assert "屏南县" not in _runs_in(text, "乡村振兴战略")


def test_a_place_after_a_programme_of_its_own_clause_still_runs_it() -> None:
    text = _OPENING + "随着各项工作深入推进乡村振兴，屏南县从偏远山区变成了旅游胜地。"
    assert "屏南县" in _runs_in(text, "乡村振兴战略")


def test_a_place_of_another_speakers_post_does_not_run_the_programme() -> None:
    text = _OPENING + (
        "屏南县溪口村党支部书记王强、“万亩茶园提升工程”总设计师李明先后发言。"
    )
    assert "屏南县" not in _runs_in(text, "万亩茶园提升工程")


def test_a_place_of_the_same_officials_post_still_runs_it() -> None:
    text = _OPENING + "屏南县溪口村党支部书记王强推行“三比三亮”。"
    assert "屏南县" in _runs_in(text, "三比三亮") or "溪口村" in _runs_in(
        text, "三比三亮"
    )
