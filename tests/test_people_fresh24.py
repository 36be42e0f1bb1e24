"""Round 24: names after a coined occupation noun (…员), and what follows a role word
that is no name or not all of one. Made-up sentences."""

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _names(text: str) -> list[str]:
    doc = parse_document(text, "t")
    return [m.name for m in extract_people(doc)]


def test_name_after_an_unlisted_occupation_noun() -> None:
    assert "罗建平" in _names("每天清晨，巡堤员罗建平沿着江堤走一趟。")
    assert "苏晓梅" in _names("讲解员苏晓梅带着游客走进展馆。")


def test_transliterated_name_after_an_occupation_noun() -> None:
    assert "格桑旺秋" in _names("护边员格桑旺秋每天巡逻。")


def test_member_state_is_no_name() -> None:
    assert _names("各成员国应加强沟通协调。") == []
    assert _names("该国仍只享有观察员国地位。") == []


def test_listed_tail_keeps_its_own_checks() -> None:
    assert "方国旗" not in _names("人们手持论坛成员方国旗欢迎来宾。")


def test_correlative_bian_is_no_name() -> None:
    assert _names("不少司机边开车边看手机。") == []
    assert "罗建平" in _names("司机罗建平边开车边讲述。")


def test_name_going_on_with_a_dot_is_not_cut() -> None:
    names = _names("特别报告员滕某伊·阿丘梅表示，情况严重。")
    assert "滕某伊" not in names


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


def test_foreign_name_glued_to_a_linking_adverb() -> None:
    # jieba's HMM makes 丘尔丁则 one word; the name still ends before 则
    assert "丘尔丁" in _people("会上，白俄罗斯驻华大使丘尔丁则强调，应当谨慎。")
    found = _people("会上，白俄罗斯外长马尔金则强调，应当谨慎。")
    assert found["马尔金"]["posts"][0]["org"] == "白俄罗斯"


def test_foreign_party_general_secretary() -> None:
    # 总书记 after a foreign ruling party's central committee is its leader's title
    assert "阮文明" in _people("会上，越共中央总书记阮文明发表讲话。")
    assert "沙万坎" in _people("老挝人民革命党中央总书记沙万坎出席。")
    assert "王英" not in _people("总书记王英强调")


def test_state_title_after_a_party_head_title() -> None:
    # 老挝…总书记、国家主席某某: the state before the party's organ holds the state title
    found = _people("老挝人民革命党中央总书记、国家主席坎代出席。")
    assert found["坎代"]["posts"][0]["org"] == "老挝"
    found = _people("尼加拉瓜某某阵线总书记、总统阿尔特加表示。")
    assert found["阿尔特加"]["posts"][0]["org"] == "尼加拉瓜"
