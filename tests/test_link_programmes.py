"""Linking programmes: where a programme runs (runs_in) and whose it is (scope)."""

from tests.conftest import linked_graph, linked_names


def _runs_in(text: str, name: str) -> set[str]:
    return linked_names(text, name, "runs_in")


def test_focus_named_three_times_carries_a_local_programme() -> None:
    text = (
        "松溪县推进基层治理。\n\n松溪县组织干部走访群众。松溪县完善网格。"
        "全面推行“三访三评”工作法，群众满意度提高。"
    )
    assert _runs_in(text, "三访三评工作法") == {"松溪县"}


def test_focus_named_twice_in_passing_carries_no_programme() -> None:
    text = (
        "近日，记者走访基层。\n\n记者来到松溪县，松溪县的干部介绍了经验。"
        "这些年来，多地推行“三访三评”工作法，群众满意度提高。"
    )
    assert _runs_in(text, "三访三评工作法") == set()


def _scope(text: str, name: str) -> str:
    graph = linked_graph(text)
    return next(a["scope"] for _, a in graph.nodes(data=True) if a.get("name") == name)


def test_a_scheme_the_whole_province_carries_out_is_provincial() -> None:
    text = "屏南县召开会议，屏南县部署工作。全省各地在“比学赶超”活动中争当先锋。"
    assert _scope(text, "比学赶超") == "provincial"


def test_a_scheme_of_the_county_stays_local() -> None:
    text = "屏南县召开会议，屏南县部署工作。各地在“比学赶超”活动中争当先锋。"
    assert _scope(text, "比学赶超") == "local"


def test_provincial_programme_named_after_its_province_runs_there() -> None:
    """数字浙江 in an article on a county runs in the province its name holds."""
    text = (
        "浙江省德清县，德清的企业纷纷上云。德清县推进数字化转型。"
        "多年前，省里作出了建设“数字浙江”的部署。德清县的工厂一年比一年智能。"
    )
    assert linked_names(text, "数字浙江", "runs_in") == {"浙江省"}


def test_a_story_of_a_village_the_gazetteer_lacks_runs_its_programmes_there() -> None:
    # 青岚坞村 is placed once (安吉县青岚坞村), then named bare: the story's village
    text = (
        "青岚坞村的新变化\n"
        "记者来到浙江省安吉县青岚坞村采访。\n"
        "青岚坞村的茶园连成了片，青岚坞村的民宿住满了游客。\n"
        "村里全面推进乡村振兴，日子越过越红火。\n"
    )
    assert _runs_in(text, "乡村振兴战略") == {"青岚坞村"}


def test_a_village_story_whose_paragraph_names_the_county_runs_it_in_the_county() -> (
    None
):
    text = (
        "青岚坞村的新变化\n"
        "浙江省安吉县曾经矿山遍地，当地坚持推进乡村振兴。\n"
        "记者来到安吉县青岚坞村采访。青岚坞村的茶园连成了片，青岚坞村的民宿住满了游客。\n"
    )
    assert _runs_in(text, "乡村振兴战略") == {"安吉县"}


def test_a_drive_for_every_city_runs_in_the_province() -> None:
    # 每个地级市都通高铁: the province's drive, not the one city the story is about
    text = (
        "赣州高铁新篇章\n"
        "赣州市的新站今天启用，赣州市民出行更方便了。"
        "赣州市的游客越来越多。随着新线建成通车，沿线实现“市市通高速”。\n"
    )
    assert _runs_in(text, "市市通高速") == {"江西省"}


def test_a_fair_runs_in_the_place_its_name_opens_with() -> None:
    """link:pattern.own-place-lead: 第N届中国<place>… runs in that place, a bulletin's
    focus elsewhere notwithstanding."""
    text = (
        "国内联播快讯\n\n古田县举办展会\n古田县今天举办展会，屏南县、古田县各界参加。"
        "古田县群众踊跃。\n茶叶博览会开幕\n第五届中国屏南国际茶叶博览会今天开幕，展期三天。"
    )
    assert _runs_in(text, "中国屏南国际茶叶博览会") == {"屏南县"}


def test_a_name_holding_a_place_the_document_does_not_name_runs_nowhere_new() -> None:
    text = (
        "国内联播快讯\n\n古田县举办展会\n古田县今天举办展会，古田县各界参加。"
        "古田县群众踊跃。\n茶叶博览会开幕\n第五届海峡屏南国际茶叶博览会今天开幕，展期三天。"
    )
    assert "屏南县" not in _runs_in(text, "海峡屏南国际茶叶博览会")


def test_a_model_named_after_a_county_runs_there_in_a_leaders_words() -> None:
    text = (
        "胡锦涛在福建考察\n\n胡锦涛来到宁德市屏南县。屏南县干部群众表示欢迎。\n\n"
        "胡锦涛要求，要认真总结和推广“屏南模式”，切实保护好耕地。"
    )
    assert "屏南县" in _runs_in(text, "屏南模式")


def test_an_inspection_runs_in_every_place_it_is_stationed_in() -> None:
    """link:pattern.object-place + link:pattern.object-verb: 对A、B、C3省的进驻."""
    text = (
        "古田县召开会议，古田县部署工作。"
        "第二轮中央生态环境保护督察近日完成对福建、江西、海南3省的进驻工作。"
    )
    assert {"福建省", "江西省", "海南省"} <= _runs_in(text, "中央生态环境保护督察")


def test_places_after_dui_that_are_not_inspected_are_not_where_it_runs() -> None:
    text = (
        "古田县召开会议，古田县部署工作。"
        "第二轮中央生态环境保护督察近日对福建、江西、海南3省的发展提出建议。"
    )
    assert not {"江西省", "海南省"} & _runs_in(text, "中央生态环境保护督察")


def test_a_programme_after_dangdi_runs_in_the_place_named_before_it() -> None:
    """link:words.local-anaphora: the county, not the province opening the sentence."""
    text = (
        "古田县召开会议，古田县部署工作。"
        "福建省秋粮已收获过半，在产粮大县屏南县，当地借助养牛优势，推行“粮牛结合”。"
    )
    assert _runs_in(text, "粮牛结合") == {"屏南县"}


def test_dangdi_after_a_list_of_places_refers_to_none_of_them_alone() -> None:
    text = (
        "古田县召开会议，古田县部署工作。"
        "福建、江西举行发布会，介绍当地推行“粮牛结合”的做法。"
    )
    assert _runs_in(text, "粮牛结合") != {"江西省"}


def test_a_scheme_national_bodies_issue_is_national() -> None:
    """link:pattern.national-owner: a national body before it in its sentence."""
    text = "古田县召开会议，古田县部署工作。国家卫生健康委等8个部委今天印发《乡村医生培训工程工作方案》。"
    assert _scope(text, "乡村医生培训工程") == "national"


def test_a_scheme_a_county_issues_stays_local() -> None:
    text = (
        "古田县召开会议，古田县部署工作。国务院批复同意屏南县开展《乡村医生培训工程》。"
    )
    assert _scope(text, "乡村医生培训工程") == "local"


def test_a_province_drive_after_the_centre_s_plan_stays_the_province_s() -> None:
    text = (
        "古田县召开会议，古田县部署工作。"
        "福建深入贯彻党中央决策部署，在推动经济强省、美丽福建建设等方面迈出坚实步伐。"
    )
    assert _scope(text, "美丽福建建设") != "national"


def test_a_town_following_the_centre_s_decision_keeps_its_programme_local() -> None:
    """link:pattern.owner-lead: 按照党中央… makes the centre no owner."""
    text = (
        "古田县召开会议，古田县部署工作。"
        "屏南县按照党中央的决定，在全县开展“乡村医生培训工程”。"
    )
    assert _scope(text, "乡村医生培训工程") == "local"


def test_dangdi_with_no_place_in_its_sentence_points_to_the_sentence_before() -> None:
    """link:pattern.here-anaphora: 当地 refers back to the one division named before."""
    text = (
        "古田县召开会议，古田县部署工作。"
        "浙江松阳县的山区资源丰富。在“茶园提升工程”的带动下，当地正发展茶产业。"
    )
    assert _runs_in(text, "茶园提升工程") == {"松阳县"}


def test_zheli_after_the_programme_points_to_the_sentence_before() -> None:
    text = (
        "古田县召开会议，古田县部署工作。"
        "浙江松阳县的茶园郁郁葱葱。近年推进的“茶园提升工程”，正让这里走向富裕。"
    )
    assert _runs_in(text, "茶园提升工程") == {"松阳县"}


def test_dangdi_shijian_is_a_foreign_dateline_not_a_place() -> None:
    text = (
        "古田县召开会议，古田县部署工作。"
        "浙江松阳县的茶园郁郁葱葱。当地时间昨天，“茶园提升工程”的介绍会在海外举行。"
    )
    assert "松阳县" not in _runs_in(text, "茶园提升工程")


def test_dangdi_after_a_village_the_gazetteer_lacks_is_not_its_province() -> None:
    """link:pattern.unnamed-village: the village is meant, not the province."""
    text = (
        "古田县召开会议，古田县部署工作。"
        "今年春天，在浙江省云岫村，一场篮球赛火出了圈。当地借势开始实施“茶园提升工程”。"
    )
    assert "浙江省" not in _runs_in(text, "茶园提升工程")
