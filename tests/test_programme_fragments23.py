"""Round 23: unquoted scheme names whose head is a sentence fragment (a statement of
reliance, knowing or stance, a modal, two abstract nouns joined by 和), a proverb
quoted after the word that introduces it, and a quoted trademark. Made-up texts."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _names(text: str) -> set[str]:
    doc = parse_document(text, "t")
    return {
        m.name
        for m in extract_programmes(doc, extract_places(doc))
        if m.attrs.get("class") == "programme"
    }


def test_a_statement_about_a_scheme_word_is_no_name() -> None:
    assert _names("他说，做强县域经济还得靠改革。") == set()
    assert _names("王建国逐一了解改革成效。") == set()
    assert _names("她有想法，更有行动，回到山区。") == set()
    assert _names("各级干部坚决拥护改革、积极投身改革。") == set()
    assert _names("会议指出，既要看单项改革的成效，也要看改革的综合成效。") == set()


def test_the_name_after_a_verb_of_stance_or_motion_is_kept() -> None:
    assert "户籍制度改革" in _names("会上充分肯定户籍制度改革取得的成效。")
    assert "青山湖生态合作示范区" in _names("他来到青山湖生态合作示范区考察。")


def test_two_abstract_nouns_joined_by_and_make_no_name() -> None:
    assert not any(
        "方向和" in n for n in _names("这是对本地区发展方向和发展战略的概括。")
    )


def test_a_proverb_and_a_trademark_are_no_programmes() -> None:
    assert _names("当地有句老话“一天打鱼三天晒网”。") == set()
    assert _names("他在厂里创立了“红星牌”饮料品牌。") == set()


def test_acting_with_a_manner_is_no_named_action() -> None:
    assert _names("广大社区居民用实际行动守护家园。") == set()
    assert _names("他说，要用正确行动回应关切。") == set()
    assert "专利转化运用专项行动" in _names("开展专利转化运用专项行动。")
