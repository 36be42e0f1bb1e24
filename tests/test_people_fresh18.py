"""Round 18: people missed on the first contacts (b9, b14, b15, b17): a name counted
with 是…的一名 (person:counted-copula), a deputy addressed by name and 代表
(person:deputy-address), a single name and the count it leads (某某等12名), 老伴儿 and
农村妇女 before a name. Made-up sentences."""

from __future__ import annotations

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


def test_a_counted_copula_names_a_person_and_their_post() -> None:
    found = _people("郑小强，生前是县交警大队的一名民警。")
    assert found["郑小强"]["posts"][0]["title"] == "民警"
    assert found["郑小强"]["posts"][0]["former"] is True
    found = _people("前不久，任晓是市督查组的一名成员，刚从山区回来。")
    assert found["任晓"]["posts"][0]["title"] == "成员"


def test_a_workplace_before_the_count_is_the_posts_organisation() -> None:
    found = _people("钱小梅是某某县城关派出所的一名民警。")
    assert found["钱小梅"]["posts"][0]["org"] == "某某县城关派出所"


def test_no_surname_no_counted_copula() -> None:
    assert not _people("记者了解到，这是县交警大队的一名民警。")


def test_a_deputy_addressed_by_name_takes_the_texts_seat() -> None:
    found = _people("全国人大代表们热议报告。做农机生意的钱正明代表谈了想法。")
    assert [p["title"] for p in found["钱正明"]["posts"]] == ["全国人大代表"]
    found = _people("会上，孙海涛代表说，要把好事办好。")
    assert found["孙海涛"]["posts"] == []


def test_deputy_as_a_verb_or_a_group_is_no_name() -> None:
    assert "孙海涛" not in _people("会上，孙海涛代表中方签字。")
    assert not _people("会后，他与学校的师生代表交流。")


def test_a_single_name_leading_a_count() -> None:
    assert "马永华" in _people("今年，集体和马永华等19名志愿者获此称号。")


def test_more_role_words_before_a_name() -> None:
    assert "蔡玉芬" in _people("农村妇女蔡玉芬的丈夫前几年去世了。")
    assert "李长福" in _people("60岁的蒋荣珍和老伴儿李长福还在旅游。")
