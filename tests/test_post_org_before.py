"""link:org-before-title: an organisation written right before a title is the post's."""

from kg.extract.organizations import written_before


def _org(text: str, title: str) -> str | None:
    end = text.index(title)
    start = written_before(text, end, ("村委会", "基地"))
    return None if start is None else text[start:end]


def test_organisation_before_title() -> None:
    assert _org("记者在河边找到了扶贫工作队队长冯志远。", "队长") == "扶贫工作队"
    assert (
        _org("我们来认识上海植物生理生态研究所研究员李华。", "研究员")
        == "上海植物生理生态研究所"
    )
    assert _org("走访了东湖村村委会主任王强，", "主任") == "东湖村村委会"
    assert _org("来到长城汽车制造基地负责人刘伟身边，", "负责人") == "长城汽车制造基地"


def test_joiner_inside_a_name() -> None:
    assert (
        _org("，市人力资源和社会保障局副局长赵丽说", "副局长")
        == "市人力资源和社会保障局"
    )
    # a title before 和: two people, the second one's organisation only
    assert _org("，镇党委书记孙涛和东湖村村委会主任王强说", "主任") == "东湖村村委会"


def test_no_organisation() -> None:
    assert _org("记者在河边找到了队长冯志远。", "队长") is None
    assert _org("记者找到了工作队队长冯志远。", "队长") is None
