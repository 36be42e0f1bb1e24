"""Round 23: people found wrong on first contact b21 (and b16-b20 before it): a verb
that is also a surname (修, 干, 谈) read with its object or a function word as a name,
names whose surname the list lacked (怀, 纳). Made-up sentences."""

from __future__ import annotations

import pytest

from kg.extract.people import extract_people
from kg.ingest import parse_document
from tests.conftest import linked_graph


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("政府出钱帮村民修水渠、建大棚。", "修"),
        ("这些村支书干在一线、冲在前面。", "干"),
        ("上了光荣榜的村民干劲儿更足了。", "干"),
        ("几位负责人谈了各自的打算。", "谈"),
    ],
)
def test_a_verb_surname_with_its_object_or_a_function_word_is_no_name(
    text: str, verb: str
) -> None:
    assert not any(name.startswith(verb) for name in _people(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("镇党委书记修立新走访了困难户。", "修立新"),
        ("社区主任干国平带队检查。", "干国平"),
        ("参加座谈的有董事长王建华、谈文锋、李明等。", "谈文锋"),
    ],
)
def test_a_name_with_a_verb_surname_stays(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("省教育厅党组书记、厅长怀建林在会上讲话。", "怀建林"),
        ("某州委书记纳文华主持会议。", "纳文华"),
    ],
)
def test_names_with_the_surnames_huai_and_na_are_found(text: str, name: str) -> None:
    assert name in _people(text)


def _posts(text: str, name: str) -> dict[str, str]:
    graph = linked_graph(text)
    person = next(n for n, a in graph.nodes(data=True) if a.get("name") == name)
    return {
        a["title"]: graph.nodes[t]["name"]
        for _, t, a in graph.out_edges(person, data=True)
        if a["type"] == "holds_post"
    }


def test_a_town_committee_written_short_is_the_towns_party_committee() -> None:
    # link:words.implied-party-short: not the stretch back to the break, another
    # person's name and a verb of office included
    text = "重庆市梁平区双桂镇是个山区镇。接替周立新担任镇委书记的陈小芳说，"
    assert _posts(text, "陈小芳") == {"书记": "双桂镇党委"}


def test_an_epithet_between_two_places_of_an_address_is_no_part_of_the_name() -> None:
    # link:words.address-epithets: the county's committee, not prefecture + epithet
    assert _posts("甘肃平凉老区崆峒区区委书记王建华说，", "王建华") == {
        "书记": "崆峒区区委"
    }


def test_the_first_part_of_a_dotted_name_alone_is_the_same_person() -> None:
    # link:dotted-first-name: one person with an alias, not two people
    graph = linked_graph(
        "村民阿布拉·吐尔逊说，日子越过越好。今年24岁的阿布拉刚刚从大学毕业。"
    )
    people = {
        a["name"]: a.get("aliases")
        for _, a in graph.nodes(data=True)
        if a.get("type") == "person"
    }
    assert people == {"阿布拉·吐尔逊": ["阿布拉"]}
