"""A roundup's programme runs in the division opening each later paragraph
(link:pattern.roundup-cue). Snippets are made up."""

from tests.conftest import linked_names


def _runs_in(text: str, name: str) -> set[str]:
    return linked_names(text, name, "runs_in")


def test_a_programme_the_lead_says_places_carry_out_runs_in_each_paragraph() -> None:
    text = (
        "央视网消息：“厕所革命”推进以来，各地因地制宜建设卫生厕所，群众生活更方便。"
        "这是一段很长的导语，介绍了全国的总体进展和成效。\n"
        "在屏南县，村民们建起了新厕所。\n"
        "古田县的干部挨家挨户宣传卫生知识。\n"
    )
    assert {"屏南县", "古田县"} <= _runs_in(text, "厕所革命")


def test_a_headline_programme_runs_in_the_places_of_a_roundup() -> None:
    text = (
        "各地扎实推进厕所革命\n"
        "今天，记者走访多地，看到各地扎实推进卫生厕所建设。\n"
        "在屏南县，村民们建起了新厕所。\n"
        "古田县的干部挨家挨户宣传卫生知识。\n"
    )
    assert {"屏南县", "古田县"} <= _runs_in(text, "厕所革命")


def test_a_programme_named_in_passing_after_the_cue_runs_in_no_paragraph() -> None:
    # 各地…，…加快推进Y: Y one aim among others, far from the places acting
    text = (
        "央视网消息：这段时间，各地掀起植树造林的热潮，人们植绿护绿，"
        "共同守护绿水青山，加快推进“厕所革命”。"
        "这是一段很长的导语，介绍了全国的总体进展和成效。\n"
        "在屏南县，村民们种下了新苗。\n"
        "古田县的干部组织群众上山植树。\n"
    )
    assert "古田县" not in _runs_in(text, "厕所革命")


def test_a_second_programme_of_the_lead_sentence_runs_in_no_paragraph() -> None:
    text = (
        "央视网消息：开展“三访三评”活动，是巩固“五星创评”活动成果的重要举措，"
        "各地认真组织实施。这是一段很长的导语，介绍了全国的总体进展。\n"
        "在屏南县，干部们走访群众。\n"
        "古田县的干部挨家挨户听取意见。\n"
    )
    assert "古田县" in _runs_in(text, "三访三评")
    assert "古田县" not in _runs_in(text, "五星创评")


def test_no_roundup_cue_links_no_paragraph_place() -> None:
    text = (
        "屏南县推进厕所革命\n"
        "今天，屏南县扎实推进卫生厕所建设。\n"
        "在屏南县，村民们建起了新厕所。\n"
        "古田县的干部前来参观学习。\n"
    )
    assert "古田县" not in _runs_in(text, "厕所革命")


def test_a_paragraph_opening_with_residents_of_a_place_is_no_carrier() -> None:
    text = (
        "各地扎实推进厕所革命\n"
        "今天，记者走访多地，看到各地扎实推进卫生厕所建设。\n"
        "在屏南县，村民们建起了新厕所。\n"
        "古田县民王某说，新厕所干净方便。\n"
    )
    assert "古田县" not in _runs_in(text, "厕所革命")


def test_a_meeting_venue_in_a_lead_run_into_its_headline_runs_no_programme() -> None:
    # a headline of 40 characters or more with no end punctuation runs into its lead;
    # the venue the lead names once does not weigh as the title's (datelines.txt)
    text = (
        "某某在全面推进乡村振兴座谈会上强调 聚焦重点难点 扎扎实实推进乡村全面振兴"
        "各项工作再上新台阶\n"
        "央视网消息：某某今天在福建屏南县主持召开座谈会，研究推进乡村振兴。\n"
        "第一，加强组织领导。全面实施“厕所革命”，改善农村人居环境。\n"
    )
    assert "屏南县" not in _runs_in(text, "厕所革命")


def test_a_place_of_a_short_headline_still_weighs_as_the_titles() -> None:
    text = (
        "屏南县：全面推进厕所革命\n"
        "央视网消息：今年以来，屏南县扎实推进卫生厕所建设，群众生活更方便。\n"
        "当地干部介绍，全面实施“厕所革命”，卫生条件大为改善。\n"
    )
    assert "屏南县" in _runs_in(text, "厕所革命")
