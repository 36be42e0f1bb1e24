"""Round 24: metric subjects. A manner word jieba tags as a noun, numeral or name
(全力, 整体, 首次, 连) closes no subject (metric:subject.edge-words); a whole place
alone before a figure (全国, 全村) is where the figure holds, so the noun after the
figure is its subject (metric:subject.scope-only). Made-up snippets, none from a
gold text."""

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _subject(text: str, figure: str) -> str | None:
    doc = parse_document(text, "t")
    found = [m for m in extract_metrics(doc) if m.name == figure]
    assert found, figure
    return found[0].attrs.get("subject")


def test_a_manner_word_after_the_noun_counted_is_dropped() -> None:
    assert _subject("全区组织15家物流企业全力抢运。", "15家") == "物流企业"


def test_zhengti_after_the_noun_counted_is_dropped() -> None:
    assert _subject("该乡9个自然村整体搬迁。", "9个") == "自然村"


def test_lian_even_before_a_share_is_dropped() -> None:
    assert _subject("山坡上栽下的树，存活率连15%都不到。", "15%") == "存活率"


def test_shouci_before_a_record_is_dropped() -> None:
    assert _subject("全省快递业务量首次突破50亿件。", "50亿件") == "快递业务量"


def test_a_manner_word_alone_is_kept() -> None:
    # nothing but the manner word: fewer than two characters would be left
    assert _subject("全程42公里。", "42公里") != ""


def test_a_whole_country_before_a_share_gives_the_noun_after() -> None:
    assert _subject("目前，全国85%的乡镇卫生院完成了改造。", "85%") == "乡镇卫生院"


def test_a_whole_village_after_a_preposition_gives_the_noun_after() -> None:
    assert _subject("今年，该村对全村600多亩梨树进行了嫁接。", "600多亩") == "梨树"


def test_a_whole_place_stays_when_a_verb_follows_the_figure() -> None:
    # 死亡 is no noun counted: the subject stays as it was
    assert _subject("这场灾害造成全球超过十万人死亡。", "超过十万人") != "死亡"


def test_a_latin_code_opens_the_noun_a_classifier_counts() -> None:
    # the subject was none: kg read the noun after a figure from Chinese only
    assert _subject("全县今年新建860个5G基站。", "860个") == "5G基站"


def test_a_grade_code_keeps_its_grade() -> None:
    assert _subject("全市有42家4A级以上景区恢复开放。", "42家") == "4A级以上景区"


def test_a_set_phrase_after_a_coded_noun_is_not_taken() -> None:
    assert _subject("全省有10万座5G基站星罗棋布。", "10万座") == "5G基站"


def test_a_life_expectancy_in_years_of_age_keeps_its_subject() -> None:
    # not the bare 年龄: the clause names what the age figure measures
    assert (
        _subject("2025年全市户籍居民人均预期寿命提高到79.6岁。", "79.6岁")
        == "全市户籍居民人均预期寿命"
    )


def test_gaoling_after_an_age_stays_an_age() -> None:
    assert _subject("92岁高龄的陈老先生仍在坚持写作。", "92岁") != "高龄"


def test_a_name_after_an_age_and_a_noun_is_whose_age_it_is() -> None:
    assert _subject("一位80岁老人刘春华坐在门口。", "80岁") == "刘春华年龄"


def test_a_verb_tagged_as_a_noun_ends_the_noun_counted() -> None:
    assert _subject("全省30支龙舟代表队参赛。", "30支") == "龙舟代表队"


def test_the_same_verb_opening_the_noun_stays() -> None:
    assert _subject("全区有40支参赛队伍。", "40支") == "参赛队伍"


def test_the_same_verb_before_a_noun_it_modifies_stays() -> None:
    assert _subject("射击队拿到2张冬奥会参赛门票。", "2张") != "冬奥会"
