"""Round-15 programme lexicon: policies joining two programmes (snippets made up)."""

import importlib.util
from pathlib import Path

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document

JOINED = "巩固拓展脱贫攻坚成果同乡村振兴有效衔接"


def _found(text: str) -> set[str]:
    doc = parse_document(text, "t")
    return {m.name for m in extract_programmes(doc, extract_places(doc))}


def _miner():
    path = Path(__file__).resolve().parent.parent / "scripts" / "mine_programmes.py"
    spec = importlib.util.spec_from_file_location("mine_programmes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_joined_policy_is_one_programme_not_its_parts() -> None:
    found = _found("该县扎实做好巩固拓展脱贫攻坚成果同乡村振兴有效衔接，村民增收。")
    assert JOINED in found
    assert "脱贫攻坚" not in found
    found = _found("今年是巩固拓展脱贫攻坚成果同乡村振兴有效衔接过渡期的最后一年。")
    assert JOINED in found


def test_shorter_spelling_is_an_alias() -> None:
    assert JOINED in _found("全市推动巩固脱贫攻坚成果同乡村振兴有效衔接各项工作。")


def test_parts_written_apart_stay_two_programmes() -> None:
    found = _found("打赢脱贫攻坚战以后，这个村全力推进乡村振兴。")
    assert JOINED not in found
    assert "脱贫攻坚" in found


def test_mining_needs_a_programme_on_both_sides() -> None:
    miner = _miner()
    programmes = {"脱贫攻坚", "乡村振兴"}
    name = miner.joined_name("要切实做好巩固脱贫攻坚成果同乡村振兴有效衔接", programmes)
    assert name == "巩固脱贫攻坚成果同乡村振兴有效衔接"
    assert miner.joined_name("推动职业教育与产业需求有效衔接", programmes) is None
    assert miner.joined_name("坚持脱贫攻坚与市场需求相结合", programmes) is None


def test_name_with_an_inner_and_is_one_programme() -> None:
    found = _found("沿黄各省区深入推动黄河流域生态保护和高质量发展，守护母亲河。")
    assert "黄河流域生态保护和高质量发展" in found
    found = _found("该区努力建设黄河流域生态保护和高质量发展先行区，发展特色产业。")
    assert "黄河流域生态保护和高质量发展先行区" in found
    assert "黄河流域生态保护和高质量发展" not in found


def test_split_mining_goes_on_over_the_joint_only() -> None:
    miner = _miner()
    heads = ["湿地生态保护"]
    assert miner.split_names("推进湿地生态保护和系统修复，", heads) == {
        "湿地生态保护和系统修复"
    }
    assert miner.split_names("推进湿地生态保护工作，", heads) == set()
