"""Round 23: counts that state no quantity (a doctrine's points, an anniversary) are
refused, and an adverb stressing a figure is no part of its subject. Made-up
snippets, none from a gold text."""

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _figures(text: str) -> dict[str, str | None]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs.get("subject") for m in extract_metrics(doc)}


def test_a_doctrine_counted_in_words_is_no_figure() -> None:
    # metric:pattern.tenet-after
    text = "两国坚持互利共赢的三项原则，调动城乡两个积极性，得出两条结论。"
    assert _figures(text) == {}


def test_a_doctrine_counted_in_digits_stays_a_figure() -> None:
    assert "3项" in _figures("代表团提出3项主张。")


def test_an_ordinary_count_in_words_stays_a_figure() -> None:
    assert "三座" in _figures("全县修复三座基本农田灌溉站。")


def test_an_anniversary_is_no_duration() -> None:
    # metric:pattern.anniversary-before, metric:pattern.anniversary-after
    text = "到建国一百年时，全面实现现代化；两国在建交40年之际签署协议。"
    assert _figures(text) == {}


def test_a_span_since_a_founding_stays_a_duration() -> None:
    assert "十年" in _figures("该协会成立十年来，培训会员3000人。")


def test_an_adverb_stressing_a_figure_is_no_part_of_the_subject() -> None:
    # metric:subject.trail (整整, 足足)
    found = _figures("这些年全镇茶叶产量增长了整整3倍。")
    assert found["3倍"] == "全镇茶叶产量"


def test_a_span_begun_measures_the_noun_after_de() -> None:
    # metric:subject.duration-frame (开始了)
    found = _figures("2001年，她离开县城，开始了8年的乡村支教。")
    assert found["8年"] == "乡村支教"


def test_yidu_is_no_part_of_the_subject() -> None:
    # metric:subject.trail (一度: for a while)
    assert _figures("午后全市气温一度达到41℃。")["41℃"] == "全市气温"


def test_a_gap_measures_the_noun_before_gao_yu() -> None:
    # metric:subject.above: not the thing compared with
    found = _figures("今年牧区居民收入增速快于城镇2.1个百分点。")
    assert found["2.1个百分点"] == "牧区居民收入增速"


def test_a_gap_with_no_noun_before_gao_yu_keeps_its_subject() -> None:
    # metric:subject.above-not-head-tags: 这次 is no owner of the gap
    found = _figures("牧民收入增长8%，这次不仅高于全省平均1.5个百分点。")
    assert found["1.5个百分点"] != "这次"
