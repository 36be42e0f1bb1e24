from __future__ import annotations

import pytest

from kg.extract.people import extract_people, is_name, parse_posts
from tests.conftest import make_doc


def names(text: str) -> list[str]:
    return [m.name for m in extract_people(make_doc(text))]


def people(text: str) -> list[tuple[str, str, object]]:
    return [
        (
            m.name,
            str(m.attrs["kind"]),
            m.attrs["posts"][0]["title"] if m.attrs["posts"] else None,
        )
        for m in extract_people(make_doc(text))
    ]


def test_people_byline_and_author_note_give_posts() -> None:
    doc = make_doc("标题\n\n刘华\n\n正文内容。\n\n(作者系区信访办原党组书记、主任)\n")
    (author,) = extract_people(doc)
    assert author.name == "刘华" and author.attrs["kind"] == "author"
    posts = author.attrs["posts"]
    assert [(p["org"], p["title"], p["former"]) for p in posts] == [
        ("区信访办", "党组书记", True),
        ("区信访办", "主任", True),
    ]


def test_people_post_list_shares_the_party_committee() -> None:
    posts = parse_posts("开州区委常委、宣传部部长")
    assert [(p["org"], p["title"]) for p in posts] == [
        ("开州区委", "常委"),
        ("开州区委宣传部", "部长"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("村党委书记陈建胜说", "陈建胜", "党委书记"),
        ("网格员王文平走访发现", "王文平", "网格员"),
        ("区长杜光合表示", "杜光合", "区长"),
    ],
)
def test_people_title_before_name(text: str, name: str, title: str) -> None:
    people = extract_people(make_doc(text))
    assert [(m.name, m.attrs["posts"][0]["title"]) for m in people] == [(name, title)]


def test_people_photo_credit() -> None:
    (person,) = extract_people(make_doc("梁平坚持党建引领 摄/邓建刚"))
    assert (person.name, person.attrs["kind"]) == ("邓建刚", "photographer")


@pytest.mark.parametrize("word", ["关于", "任务", "高质量", "全区", "和责", "方面"])
def test_people_common_words_are_not_names(word: str) -> None:
    assert not is_name(word)


@pytest.mark.parametrize(
    "word", ["李院士", "王书记", "张主任", "刘老师", "欧阳教授", "陈师傅"]
)
def test_people_surname_and_form_of_address_is_not_a_name(word: str) -> None:
    assert not is_name(word)


@pytest.mark.parametrize("word", ["李书文", "王师杰", "张院生", "欧阳文"])
def test_people_name_sharing_a_character_with_a_title_stays(word: str) -> None:
    assert is_name(word)


def test_people_address_after_surname_in_speech() -> None:
    assert "白校长" not in names("讲起这些，白校长告诉记者，学校变化很大。")
    assert "高建民" in names("去年冬天，村民高建民告诉我们，种子要自己育。")


def test_people_scholars_named_by_field_in_a_list() -> None:
    got = names("参观了明代著名思想家张行远、张行达的旧居。")
    assert "张行远" in got and "张行达" in got


def test_people_general_secretary_is_not_a_local_post() -> None:
    people = extract_people(make_doc("胡锦涛总书记关于加强和改进信访工作的重要思想"))
    assert [(m.name, m.attrs["kind"]) for m in people] == [
        ("胡锦涛", "national_leader")
    ]


def test_people_name_then_verb_of_office() -> None:
    # seed 004: 谢建望从2020年担任八角社区党总支书记
    (person,) = extract_people(
        make_doc("好支书的谢建望从2020年担任八角社区党总支书记以来")
    )
    assert person.name == "谢建望"
    assert person.attrs["posts"][0]["title"] == "党总支书记"


def test_people_former_post_with_ceng_ren() -> None:
    (person,) = extract_people(make_doc("他说,王建国曾任镇党委书记。"))
    assert person.attrs["posts"][0]["former"] is True


def test_signature_line_post_then_name() -> None:
    found = people("海拉尔区人民政府区长　　张建喜\n")
    assert found == [("张建喜", "official", "区长")]


def test_ordinary_people_named_after_a_role_word() -> None:
    assert names("巡诊队到村民谭建周家免费巡诊") == ["谭建周"]
    assert names("在贫困户谭建周家里") == ["谭建周"]
    # a function-word "surname" continues the sentence: 群众和社会, 党员常态化
    assert names("服务群众和社会组织,教育党员常态化") == []
    # 游客慕名而来: the span ends inside a word
    assert names("吸引游客慕名而来") == []


def test_historical_figures_by_cue() -> None:
    assert names("弘扬卢建孚精神,完成对卢建孚祖屋保护修缮") == ["卢建孚", "卢建孚"]
    assert names("用彭建碧、杜文林等革命先辈的英雄事迹激励群众") == ["彭建碧", "杜文林"]
    # meetings and places have a 精神 too
    assert names("学习党代会精神,弘扬蒙古马精神") == []


def test_name_in_reported_speech() -> None:
    assert names("看到兴隆村的变化,邓华星如是说。") == ["邓华星"]


def test_name_without_han_surname_needs_a_strong_cue() -> None:
    found = people("成都市在社区治理中探索。泽巴退休前曾是白玉县的县委书记。")
    assert ("泽巴", "official", "书记") in found or (
        "泽巴",
        "official",
        "县委书记",
    ) in found


def test_conjunction_after_a_title_is_not_a_name() -> None:
    assert names("请区政协委员和列席会议的同志提出意见") == []


def test_former_and_at_the_time_posts() -> None:
    found = extract_people(
        make_doc("会上,原肖家镇党委书记吴建楷发言。时任梁平区委书记谢建望到场。")
    )
    assert [(m.name, m.attrs["posts"][0]["former"]) for m in found] == [
        ("吴建楷", True),
        ("谢建望", True),
    ]
    current = extract_people(make_doc("会上,肖家镇党委书记吴建楷发言。"))
    assert current[0].attrs["posts"][0]["former"] is False


def test_frames_around_a_name() -> None:
    assert names("73岁的刘建久老人,女儿和老伴因病相继离世") == ["刘建久"]
    assert names("老马,叫马建祥,今年58岁") == ["马建祥"]
    assert names("像施明平这样的“新村民”已经有100多位") == ["施明平"]
    assert names("刚进腊月,廖建成老两口就开始忙着迎接春节了") == ["廖建成"]


def test_a_name_with_no_cue_is_not_guessed() -> None:
    # a clause subject alone (没几天,杜伟民就…) is left out: without a cue, telling
    # 杜伟民 from 强降雪, 原计划 or a company name needs a tagger over every clause
    assert names("没几天,杜伟民就收到了回复。高度重视,强降雪造成拥堵。") == []


def test_name_then_appointment() -> None:
    found = people("多年从事经济工作的袁建钦被任命为区经信委主任。")
    assert found == [("袁建钦", "official", "主任")]


def test_role_word_then_a_name_jieba_splits_badly() -> None:
    # held-out xwlb_14: jieba cuts 传承人赖淑静 as 承人赖|淑静; the role word decides
    assert names("走进非遗传承人赖淑静的鞋坊") == ["赖淑静"]


def test_former_post_then_of_then_name() -> None:
    # held-out xwlb_19: 时任村党支部书记的毛建林
    found = extract_people(make_doc("时任下庄村党支部书记的毛建林决定修路。"))
    assert [(m.name, m.attrs["posts"][0]["former"]) for m in found] == [
        ("毛建林", True)
    ]
    assert names("书记的讲话很重要") == []


def test_names_listed_with_a_person_found() -> None:
    # blind batch 2: the second and later names of a leaders' list (made-up names here)
    found = people("领导人胡锦涛、温家宝、张德明、王晨、王毅等参加活动。")
    assert [n for n, _, _ in found] == ["胡锦涛", "温家宝", "张德明", "王晨", "王毅"]
    assert {k for _, k, _ in found} == {"national_leader"}
    assert names("村民谭建周、赵小红和钱大明都来了。") == ["谭建周", "赵小红", "钱大明"]
    # the walk stops at an item that is not a name; 以及 is not 及
    assert names("村民谭建周、群众和干部都来了。") == ["谭建周"]
    assert names("村民谭建周、赵小红以及有关部门") == ["谭建周", "赵小红"]


def test_signature_line_indented() -> None:
    # held-out hailar_3: the signature line opens with full-width spaces
    assert names("　　区人民政府区长　　张建喜\n") == ["张建喜"]


def test_name_jieba_cuts_short_but_the_text_writes_whole() -> None:
    # blind batch 2: 农民王英永，… jieba cuts 王英|永; the text never writes 王英 alone
    text = "农民王英永，就是其中一位。王英永在地里。王英永却说不。"
    assert set(names(text)) == {"王英永"}
    assert names("他带领村民干了整整一年。") == []


def test_transliterated_names_with_a_middle_dot() -> None:
    # a Uyghur name written with a middle dot (two common names, no one of the gold)
    assert names("来自墨玉县的阿卜杜勒·艾买提，最近通过培训成为驾驶员。") == [
        "阿卜杜勒·艾买提"
    ]
    assert names("叙利亚总统巴沙尔·阿萨德表示，") == ["巴沙尔·阿萨德"]
    # slogans, organisations and ships written with a dot are not people
    assert names("一带一路·合作共赢") == []
    assert names("根据美国约翰斯·霍普金斯大学发布的数据") == []
    assert names("“亚伯拉罕·林肯”号航母") == []


def test_name_before_jia_de_or_a_resuming_pronoun() -> None:
    # held-out and batch 1: 陈…家的民宿, …家人也参与; batch 2: “…之父”袁…，他使我国
    assert names("这几天，赵春苗家的民宿不仅接待游客。") == ["赵春苗"]
    assert names("钱大宝家人也参与投资开办起民宿。") == ["钱大宝"]
    assert names("大家都认识老英雄王建华，他是村里的骄傲。") == ["王建华"]
    # the name's last character makes a word with 家 (国家, 专家); kinship words
    assert names("贯彻执行党和国家的路线方针") == []
    assert names("推出对各领域权威专家的专访") == []
    assert names("很多人知道杨大爷家的事后，") == []


def posts_of(text: str) -> list[tuple[str, list[tuple[str, object]]]]:
    return [
        (m.name, [(p["title"], p["former"]) for p in m.attrs["posts"]])
        for m in extract_people(make_doc(text))
    ]


def test_two_titles_written_together_and_then_and_now() -> None:
    # batch 1: 时任…局局长、现任…局局长的陈某说 (made-up names here)
    assert posts_of(
        "时任区行政审批服务管理局局长、现任区应急管理局局长的王建华说："
    ) == [("王建华", [("局长", True), ("局长", False)])]
    assert posts_of("兴隆村党总支书记、村委会主任王建华介绍") == [
        ("王建华", [("党总支书记", False), ("主任", False)])
    ]
    # another person's post and a sentence before the list are not this person's
    found = posts_of("全国政协主席王建国14日在京会见了由会长李明率领的访问团")
    assert ("李明", [("会长", False)]) in found
    assert posts_of("书记的讲话很重要") == []


def test_third_character_starting_a_dictionary_word() -> None:
    # bulk: …主席X主持会议 (jieba: 主持会议), …副部长X应邀作报告 (应邀, a rarer word)
    assert names("全国政协副主席王建主持会议。") == ["王建"]
    assert names("科技部副部长王腾应邀作报告。") == ["王腾"]
    assert names("深入贯彻关于妇女儿童和妇联工作的重要论述") == []


def test_transliterated_names_after_a_title_or_a_role() -> None:
    # batch 1 and 2: 维吾尔族老人麦…, 基层干部菊… (made-up names of the same shape)
    assert names("73岁的维吾尔族老人阿沙都热依木和儿子来到医院。") == ["阿沙都热依木"]
    assert names("四川省道孚县基层干部扎西多吉，22岁参加工作。") == ["扎西多吉"]
    # a Han name is three characters at most: 秘书长古特雷泽 is not 古特雷
    assert names("联合国秘书长古特雷泽表示，") == ["古特雷泽"]
    assert names("会见了来访的总统府官员。") == []


def test_a_lone_third_character_is_cut_only_when_a_verb() -> None:
    # bulk: 佤族干部赵家清; (jieba: 赵家|清) is 赵家清; 农民王英答。 is 王英
    assert names("成为景区的云南佤族干部赵家清；扎根乡村") == ["赵家清"]
    assert names("记者问起时，农民王英答。") == ["王英"]


def test_organisation_before_a_title_does_not_take_its_first_character() -> None:
    # batch 1: …有限公司办公室主任X, …管理局局长X: the organisation ends before the title
    from kg.extract.organizations import org_spans

    text = "见到云南宏达铝业有限公司办公室主任王建华。"
    assert [text[s:e] for s, e, _ in org_spans(text, [(2, 4)])] == [
        "云南宏达铝业有限公司"
    ]
    text = "阳高县行政审批服务管理局局长王建华说"
    assert [text[s:e] for s, e, _ in org_spans(text, [(0, 3)])] == [
        "阳高县行政审批服务管理局"
    ]
    # no shorter name: 大庆公安局长 keeps 大庆公安局
    text = "大庆公安局长接访记"
    assert [text[s:e] for s, e, _ in org_spans(text, [(0, 2)])] == ["大庆公安局"]


def test_posts_after_a_verb_of_office() -> None:
    # issue 20: posts after 担任, 兼任, 任, 系; two posts joined by 、 or 兼
    assert posts_of("。王建华担任村党支部书记、村委会主任。") == [
        ("王建华", [("党支部书记", False), ("主任", False)])
    ]
    assert posts_of("。王建华系村党支部书记。") == [("王建华", [("党支部书记", False)])]
    assert posts_of("。王建华兼任镇长兼党委副书记。") == [
        ("王建华", [("镇长", False), ("党委副书记", False)])
    ]
    # a comma ends the list: the next title is another person's
    assert ("王建华", [("党支部书记", False)]) in posts_of(
        "。王建华担任村党支部书记，村委会主任李明说。"
    )


def test_press_byline_author_note_names_the_papers_bureau() -> None:
    # batch 1: 潘…《人民日报》（…） and at the end （作者为本报北京分社记者）
    doc = make_doc(
        "标题\n王建华《人民日报》（2026年01月13日第 11 版）\n正文第一段写了很多内容。\n"
        "（作者为本报北京分社记者）\n"
    )
    (author,) = extract_people(doc)
    assert [(p["title"], p["org"]) for p in author.attrs["posts"]] == [
        ("记者", "人民日报北京分社")
    ]


def test_honorific_gong_ends_no_name() -> None:
    # held-out hailar_2 had a name with the honorific 公 before 故居 (made up here: 林德公)
    assert names("启动林德公故居修缮工程") == []


def test_false_names_of_the_weaker_cues() -> None:
    # bulk: a role word running into the "name", a third character that starts the
    # next word, a dotted name cut at its first part
    assert names("对近期库尔德工人党和平进程不满") == []
    assert names("一个800户的居民区竟分成3个小区。") == []
    assert names("其中一半以上是在居民楼或帐篷中丧生") == []
    assert names("弘扬企业家专注品质追求卓越的精神") == []
    assert names("美国疾病控制和预防中心主任罗伯特·雷德菲尔德24日表示") == [
        "罗伯特·雷德菲尔德"
    ]


def test_headline_names_a_person_and_their_title() -> None:
    # batch 2: 【最美基层干部】X：百姓心中的“尼瓦”乡长 (a made-up name here)
    doc = make_doc(
        "【最美基层干部】王建华：百姓心中的“好”乡长\n基层干部王建华，22岁参加工作。"
    )
    found = [
        (m.name, [p["title"] for p in m.attrs["posts"]]) for m in extract_people(doc)
    ]
    assert ("王建华", ["乡长"]) in found
    # a headline quote is no title; a name the body never writes again is not taken
    assert names("王建华：我种一块样板田\n正文说的是别的事。") == []


def test_title_running_into_a_word_or_a_place() -> None:
    # bulk: 轮值主席国法国, 主席国职责 (主席国 is a word), 秘书长利比亚问题特别代表
    assert names("峰会由欧盟轮值主席国法国主办") == []
    assert names("履行安理会轮值主席国职责") == []
    assert names("联合国秘书长利比亚问题特别代表") == []
    # a dotted name whose first part is two characters
    assert names("美国商务部长潘妮·普利兹克在接受采访时说") == ["潘妮·普利兹克"]


def test_a_press_note_belongs_to_the_byline_before_it() -> None:
    doc = make_doc(
        "标题一\n王建华《人民日报》（2026年01月13日第 11 版）\n正文第一段写了很多内容。\n"
        "标题二\n李明《人民日报》（2026年01月14日第 11 版）\n正文第二段写了很多内容。\n"
        "（作者为本报北京分社记者）\n"
    )
    posts = {m.name: [p["org"] for p in m.attrs["posts"]] for m in extract_people(doc)}
    assert posts == {"王建华": [], "李明": ["人民日报北京分社"]}


def test_national_leaders_hold_national_posts() -> None:
    # issue 20: a title list before a national leader's name gives each post at its
    # own, national level, never in the place the article visits
    from kg.extract import extract
    from kg.link import link

    doc = make_doc(
        "标题\n\n中共中央总书记、国家主席、中央军委主席胡锦涛近日在河北石家庄市考察。"
        "中共中央政治局常委、国务院总理李希，中共中央政治局常委、中央纪委书记杨晓渡出席。"
        "中共中央政治局委员、上海市委书记秦刚参加。胡锦涛总书记指出，"
    )
    found: dict[str, list[tuple[object, object]]] = {}
    for m in extract_people(doc):  # the first mention of each name
        found.setdefault(m.name, [(p["title"], p["org"]) for p in m.attrs["posts"]])
    assert found["胡锦涛"] == [
        ("总书记", "中共中央"),
        ("国家主席", "中华人民共和国"),  # round 18: the state, so the post is linked
        ("主席", "中央军委"),
    ]
    assert found["李希"] == [("政治局常委", "中共中央政治局"), ("总理", "国务院")]
    assert found["杨晓渡"] == [("政治局常委", "中共中央政治局"), ("书记", "中央纪委")]
    graph = link([(doc, extract(doc))])
    held = {
        (r.subject, r.attrs.get("title"), r.object)
        for r in graph.relations
        if r.predicate == "holds_post"
    }
    assert ("person:胡锦涛", "总书记", "organization:中共中央") in held
    assert any(t == "国家主席" for s, t, _ in held if s == "person:胡锦涛")
    assert ("person:李希", "总理", "organization:国务院") in held
    assert ("person:杨晓渡", "书记", "organization:中央纪委") in held
    # a local post in the same list is still read like an official's
    assert ("person:秦刚", "书记", "organization:上海市委") in held
    assert not any(o.startswith("place:") for _, _, o in held)


def test_a_leader_name_inside_an_idiom_is_no_person() -> None:
    assert names("连日来，巨大的降雨量使多座城市一片汪洋。") == []
    assert names("全国政协主席汪洋出席会议。") == ["汪洋"]


def test_frames_of_address_birth_score_and_group() -> None:
    # issue 20: honorifics, a life told from its birth, a result, one of a group
    assert names("会议号召向张德明同志学习。") == ["张德明"]
    assert names("活动中，周晓梅女士介绍了经验。") == ["周晓梅"]
    assert names("今年80岁刘大成老人仍在巡河。") == ["刘大成"]
    assert names("罗振华，1921年出生在湖南。") == ["罗振华"]
    assert names("决赛中，林雨桐以2比1击败对手。") == ["林雨桐"]
    assert names("“五老”之一孙立平，曾在这里工作。") == ["孙立平"]
    assert names("接到电话后，邓文杰立刻赶到现场。") == ["邓文杰"]
    # the name must meet the frame: 的 between them, a figure or a dot before
    assert names("人民尊重和敬仰的同志和朋友") == []
    assert names("为260万失能老人减轻了负担") == []
    assert "艾买提" not in names("悼念司马义·艾买提同志")
    # a start with no name leaves the next one its chance, after a word only
    assert names("时代楷模何晓兰同志的家属") == ["何晓兰"]
    assert names("中方赞赏福田康夫先生的努力") == []


def test_occupations_name_ordinary_people() -> None:
    # issue 20: who someone is, before the name
    assert names("残疾人企业家孙德明下定决心投身养老产业。") == ["孙德明"]
    assert names("14岁的湖北女孩范晓雯写下一封信。") == ["范晓雯"]
    assert names("中国选手叶明轩以9秒98获得第三。") == ["叶明轩"]
    assert names("弘扬企业家专注品质追求卓越的精神") == []


def test_winners_and_the_names_listed_before_them() -> None:
    # a result names its winner; the pair or list before the winner are people too
    assert names("决赛中，郭晓涵/邱明远以2比0击败对手。") == ["郭晓涵", "邱明远"]
    assert names("决赛中，程立伟、马晓晨和贺思远包揽前三名。") == [
        "程立伟",
        "马晓晨",
        "贺思远",
    ]
    # 和 alone joins no list; a dotted name's last part is no name
    assert names("会上，领导和邱明远夺得一等奖。") == ["邱明远"]
    assert "阿达克" not in names("由阿合娜尔·阿达克、韩梅、杨滨瑜组成的队伍夺得冠军。")


def test_a_name_that_ends_a_place_is_the_place() -> None:
    # issue 20: 市长|乐区 (福州市长乐区), 像姜屯镇这样, 省长|沙市 (湖南省长沙市)
    assert names("福州市长乐区是纺织基地。") == []
    assert names("湖南省长沙市快速构建起服务体系。") == []
    assert names("像姜屯镇这样的宣讲很多。") == []
    assert names("福州市市长王乐平表示，") == ["王乐平"]


def test_organisation_names_end_at_le_and_take_delegations() -> None:
    # issue 20: 了 ends an organisation's name (…成立了…); a 宣讲团 or 代表团 is one
    from kg.extract.organizations import org_spans

    text = "厦门市成立了反诈骗中心"
    assert [text[s:e] for s, e, _ in org_spans(text, [(0, 3)])] == []
    text = "浙江省委宣讲团成员周立新来到车间"
    assert [text[s:e] for s, e, _ in org_spans(text, [(0, 3)])] == ["浙江省委宣讲团"]
    text = "参加广东代表团审议"
    assert [text[s:e] for s, e, _ in org_spans(text, [(2, 4)])] == ["广东代表团"]


def test_a_refused_title_does_not_hide_the_next() -> None:
    # 委员 + 会副主 is no title and name; 副主任 + 王英 is (bulk: …委员会主任沈某)
    assert names("财政经济委员会副主任韩立平说，") == ["韩立平"]
    # 作 begins the next word (副主任委员李某作的…说明)
    assert names("听取了法律委员会副主任委员丛立新作的说明。") == ["丛立新"]


def test_a_work_report_speaker_heads_the_government_they_speak_for() -> None:
    # issue 20 (batch 1: a report whose byline is the bare name)
    text = (
        "2025年某市政府工作报告\n——在市人民代表大会上\n周立平\n各位代表：\n"
        "现在，我代表淮安市人民政府向大会报告工作，请予审议。"
    )
    assert people(text) == [("周立平", "author", "市长")]
    text = text.replace("淮安市", "广西壮族自治区")
    assert people(text) == [("周立平", "author", "主席")]
    text = text.replace("我代表", "我受").replace("向大会", "委托向大会")
    assert people(text) == [("周立平", "author", None)]


def test_bylines_in_brackets_after_a_mark_or_a_role() -> None:
    # issue 20: bylines in every layout the press uses
    body = "3月5日，县里召开大会，部署全年工作。"
    assert people(f"标题\n本报讯（记者 周  立 通讯员 韩晓明）{body}") == [
        ("周立", "author", None),
        ("韩晓明", "author", None),
    ]
    assert people(f"{body}（本报记者 周立平）") == [("周立平", "author", None)]
    assert people(f"标题\n{body}\n（周立平 摄）") == [("周立平", "photographer", None)]
    assert names(f"标题\n■本报记者 周立平 刘文 实习生 赵建\n{body}") == [
        "周立平",
        "刘文",
        "赵建",
    ]
    assert names(f"标题\n作者：周立平\n{body}") == ["周立平"]
    # a bracket that is no credit: a sentence, or a name with a verb
    assert names(f"{body}（记者从会上获悉）") == []
    assert names("大会（周立平主持）召开。") == []


def test_a_surname_then_an_ordinary_word_is_no_name() -> None:
    # issue 20: 王 + 第一次, 李 + 已经; a rare given name that is a word stays
    assert names("村民王第一次来到这里。") == []
    assert names("记者李已经在现场等候多时。") == []
    assert names("给妻子盖一座新房子。") == []
    assert names("村民王建华第一次来到这里。") == ["王建华"]
    assert names("中央政法委秘书长陈一新在武汉宣讲。") == ["陈一新"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("欧盟委员会主席冯德莱恩表示，将继续合作。", "冯德莱恩"),
        ("联邦委员会主席马特维延科会见了代表团。", "马特维延科"),
        ("自治区政协主席巴音朝鲁出席会议。", "巴音朝鲁"),
        ("村委会主任张丽娜安排了工作。", "张丽娜"),
        ("镇党委书记李亚伦表示，要抓好落实。", "李亚伦"),
    ],
)
def test_people_title_name_runs_on_in_transliteration(text: str, name: str) -> None:
    assert names(text) == [name]


def test_people_title_then_preposition_is_no_transliterated_name() -> None:
    # 主席|同桑切斯 is no name; 桑切斯 before 首相 is (person:name-state-title)
    assert names("胡锦涛主席同桑切斯首相通电话。") == ["胡锦涛", "桑切斯"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("文 | 刘建国", [("刘建国", "author")]),
        ("文｜刘建国　图｜陈小梅", [("刘建国", "author"), ("陈小梅", "photographer")]),
        ("文/刘建国 图/陈小梅", [("刘建国", "author"), ("陈小梅", "photographer")]),
        ("本报记者 刘建国 摄影报道", [("刘建国", "author")]),
        ("刘建国 / 高质量发展", []),
    ],
)
def test_people_byline_layouts(line: str, expected: list[tuple[str, str]]) -> None:
    doc = make_doc(f"标题\n{line}\n正文第一段写了很多内容，讲述基层治理的做法。\n")
    assert [(m.name, m.attrs["kind"]) for m in extract_people(doc)] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("航天员刘海峰打开舱门。", "刘海峰"),
        ("歌唱家赵明亮登台演唱。", "赵明亮"),
        ("河南小伙陈建业回乡创业。", "陈建业"),
        ("外交部发言人孙立新表示，", "孙立新"),
        ("村支书杨德胜带领村民修路。", "杨德胜"),
        ("银行行长周建华介绍，", "周建华"),
        ("团政委韩平率一个营出发。", "韩平"),
    ],
)
def test_people_more_roles_and_titles(text: str, name: str) -> None:
    assert names(text) == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("草场变绿了，乌日根其其格说，收入也多了。", ["乌日根其其格"]),
        ("谈起变化，古丽米拉表示，收入翻了一番。", ["古丽米拉"]),
        ("对此，哈马斯则表示反对。", []),
        ("对此，巴基斯坦塔利班表示负责。", []),
    ],
)
def test_people_transliterated_subject_of_speech(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


def test_people_pronoun_takes_post_of_person_named_before() -> None:
    assert people("村民刘德明是村里的能人。2018年，他当选村党总支书记。") == [
        ("刘德明", "official", "党总支书记")
    ]
    # another paragraph: no antecedent
    assert people("村民刘德明是能人。\n他担任村委会主任。") == [
        ("刘德明", "other", None)
    ]


def test_people_resume_frame() -> None:
    ms = extract_people(
        make_doc(
            "刘德明，男，汉族，1970年生。2018年，他当选为村党总支书记、村委会主任。"
        )
    )
    assert [(m.name, [p["title"] for p in m.attrs["posts"]]) for m in ms] == [
        ("刘德明", ["党总支书记", "主任"])
    ]


def test_organization_short_form_stands_for_the_full_name() -> None:
    from kg.extract.organizations import extract_organizations
    from kg.extract.places import extract_places

    doc = make_doc(
        "当地成立了华北鑫源农业发展有限公司（以下简称“鑫源公司”）。"
        "鑫源公司负责人赵立新说，鑫源公司党支部带头干。"
    )
    orgs = extract_organizations(doc, extract_places(doc))
    assert [(m.name, m.attrs["canonical"]) for m in orgs] == [
        ("华北鑫源农业发展有限公司", "华北鑫源农业发展有限公司"),
        ("鑫源公司", "华北鑫源农业发展有限公司"),
        ("鑫源公司党支部", "华北鑫源农业发展有限公司党支部"),
    ]
    # no organisation word at the end: a plan's short form, no organisation
    doc = make_doc(
        "镇里推行了乡村振兴示范工程（以下简称“示范工程”）。示范工程进展顺利。"
    )
    assert extract_organizations(doc, extract_places(doc)) == []


def test_people_family_words_before_a_name() -> None:
    assert names("他的哥哥刘德明在外打工。") == ["刘德明"]
    assert names("熊猫妈妈白云也很悠闲。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("村级河长王建平每天巡河。", [("王建平", "official", "河长")]),
        ("村文书李明华介绍，", [("李明华", "official", "文书")]),
        ("公司会计刘芳说，", [("刘芳", "official", "会计")]),
        ("吉林长白山迎来降雪。", []),
    ],
)
def test_people_village_posts(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("记者：刘建国", ["刘建国"]),
        ("记者：刘建国 通讯员：陈小梅", ["刘建国", "陈小梅"]),
        ("记者：王书记好", []),
        ("记者：为什么", []),
    ],
)
def test_people_byline_with_a_colon(line: str, expected: list[str]) -> None:
    doc = make_doc(f"标题\n{line}\n正文第一段写了很多内容，讲述基层治理的做法。\n")
    assert [m.name for m in extract_people(doc)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1950年，村民张建国请求参军，任志愿军司令部秘书。",
            [("张建国", "official", "秘书")],
        ),
        (
            "村民张建国是能人。后来，任村党总支书记的是他的侄子。",
            [("张建国", "other", None)],
        ),
        ("村民张建国表示，任何成员都要守规矩。", [("张建国", "other", None)]),
        ("村民张建国说，他在会上听了书记的讲话。", [("张建国", "other", None)]),
        (
            "村民张建国来了，曾任稽查队队长的杨宏刚也来了。",
            [("张建国", "other", None), ("杨宏刚", "official", "队长")],
        ),
    ],
)
def test_people_post_with_no_subject(text: str, expected: list) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # a frequent word jieba tags as a name, or a verb and its object, after a role word
        ("这个月，学校为工人师傅们送去了清凉。", "师傅", False),
        ("我们要把乡村教师荣誉制度落到实处。", "荣誉", False),
        ("今年的中国农民丰收节格外热闹。", "丰收节", False),
        ("村民李文斌说，今年收成好。", "李文斌", True),
        # noun + locative spoken of again before a verb of speech
        ("校长给学生回了一封信，信中说：要好好学习。", "信中", False),
        ("比赛结束后，田中说，对手很强。", "田中", True),
        # where a person lives, then the name
        ("家住城南花园小区的周立新，每天清晨都去晨练。", "周立新", True),
        ("家住城南花园小区的大爷，每天清晨都去晨练。", "大爷", False),
    ],
)
def test_people_round3_guards_and_frames(text: str, name: str, found: bool) -> None:
    assert (name in names(text)) is found


def test_people_workplace_name_title_and_workplace_org() -> None:
    doc = make_doc("在县城关第一小学，陈秀英老师正在备课。")
    (person,) = [m for m in extract_people(doc) if m.name == "陈秀英"]
    post = person.attrs["posts"][0]
    assert (post["title"], post["org"]) == ("教师", "县城关第一小学")
    doc = make_doc("疫情期间。刘晓燕是县人民医院的一名护士长，她主动请战。")
    (person,) = [m for m in extract_people(doc) if m.name == "刘晓燕"]
    post = person.attrs["posts"][0]
    assert (post["title"], post["org"]) == ("护士长", "县人民医院")


def test_people_as_post_then_name() -> None:
    assert people("去年起，作为驻村第一书记，赵立群走遍了全村。") == [
        ("赵立群", "official", "第一书记")
    ]
    assert names("作为回应，伊朗方面将采取措施。") == []


def test_people_one_of_a_group() -> None:
    assert people("县里派出30名驻村工作队员，孙立国就是其中一位。") == [
        ("孙立国", "official", "驻村工作队员")
    ]
    assert names("去年有十名青年入党，周晓梅就是其中之一。") == ["周晓梅"]


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # the roles of a court or police report, and the list after one
        ("法院宣判：被告人孙立华、钱德明等5人犯诈骗罪。", "孙立华", True),
        ("法院宣判：被告人孙立华、钱德明等5人犯诈骗罪。", "钱德明", True),
        ("警方抓获犯罪嫌疑人周建新。", "周建新", True),
        ("要保障被告人依法享有的诉讼权利。", "依法享", False),
        ("被告人均当庭表示认罪。", "均当庭", False),
        # jieba glues a new name to a one-character verb after it
        ("这里曾是林场职工罗永顺住的老屋。", "罗永顺", True),
        ("这里曾是林场职工罗永顺住的老屋。", "罗永顺住", False),
        # a X不X question is no name; a court report's 陈述 is a statement
        ("农业强不强、农民富不富，都要看收入。", "富不富", False),
        ("出示了被害人陈述、书证等证据。", "陈述", False),
        # a naming verb after any noun or pronoun, not only after a comma
        ("这位“护林人”叫周德顺，今年八十岁。", "周德顺", True),
        ("他叫周德顺。九年来，他一直守在山上。", "周德顺", True),
        ("山下有个村叫李家村，风景很美。", "李家村", False),
        ("大家赶紧去叫醒他。", "醒他", False),
        # a list closed by a count of people
        ("当天，孙立华、钱德明等12人受到表彰。", "孙立华", True),
        ("当天，孙立华、钱德明等12人受到表彰。", "钱德明", True),
        ("当天，游客、居民等300人参加活动。", "居民", False),
        ("会上，孙立华、钱德明等人先后发言。", "孙立华", True),
        ("深化医疗、教育、文旅等人文交流。", "文旅", False),
        ("向库达米尔、加巴拉等人口稠密地区发射导弹。", "巴拉", False),
        # the victim of a crime in a court report
        ("法庭就张德明被杀害一案进行调查。", "张德明", True),
        ("被告人等人故意伤害周立国(致死)、故意伤害李涛一案。", "周立国", True),
        ("被告人等人故意伤害周立国(致死)、故意伤害李涛一案。", "李涛", True),
        ("武装分子杀害平民，引发谴责。", "平民", False),
        ("当事人被打伤，送医救治。", "事人", False),
        ("清真寺的大毛拉被害一案告破。", "毛拉", False),
        # a Mongolian name jieba's dictionary holds as a rare place word
        ("草场绿了，宝音德力格尔说，日子好了。", "宝音德力格尔", True),
        ("对此，巴基斯坦表示欢迎。", "巴基斯坦", False),
        # occupations before a name; a role word inside a name turned down
        ("草原上的牧民图门吉日嘎拉搬进了新居。", "图门吉日嘎拉", True),
        ("主治医师王洁清给大家讲解。", "王洁清", True),
        ("农牧民党员巴特尔其其格送来了推荐票。", "巴特尔其其格", True),
        # 曾 and 又 after two characters begin the next word
        ("她的丈夫蓝天曾是诊所的医生。", "蓝天", True),
        ("村民李哲又一次来到荣誉室。", "李哲又", False),
        ("村民李哲又一次来到荣誉室。", "李哲", True),
        # a person named in full, then called 老…/小… by the surname
        ("这样的课，邵锦田几乎每次都来。老邵原来是司机。", "邵锦田", True),
        ("这样的课，邵锦田几乎每次都来。他原来是司机。", "邵锦田", False),
        ("大家叫她“小崔古丽”。小崔很开心。", "崔古丽", False),
        ("医生怀疑孙珊得的是心脏病。小孙很害怕。", "孙珊得", False),
        # a trade word of jieba's dictionary before a name
        ("那天，维修工黄开云在烟囱顶部作业。", "黄开云", True),
        ("镇上的皮匠邱德顺被困在洪水中。", "邱德顺", True),
        ("下一步将出台高级社工师评价办法。", "师评价", False),
        ("工地正在加工王家的门窗。", "王家", False),
        # a feature story's subject, named with no cue but often
        ("清晨，竺立杰来到码头。竺立杰每天都来这里。", "竺立杰", True),
        ("清晨，竺立杰登上桥吊，开始一天的工作。", "竺立杰", False),
        ("会谈中，巴方愿同中方合作。巴方愿意加强交流。", "巴方愿", False),
        ("傍晚，伊敏河水位上涨。伊敏河两岸灯火通明。", "伊敏河", False),
    ],
)
def test_people_round5_legal_roles_and_glued_verbs(
    text: str, name: str, found: bool
) -> None:
    assert (name in names(text)) is found


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # a word jieba tags as a name, after a role word, written once: a word
        ("节日里，游客慕名来到小镇赏花。", "慕名", False),
        ("那年，张立民院士荣获国家大奖。", "荣获", False),
        ("思想家孟子曾在此讲学。孟子故里游人如织。", "孟子", True),
        # three characters starting with a frequent such word (工人师傅|吃)
        ("中午时分，工人师傅吃上了热乎饭。", "师傅吃", False),
        ("村民王晓安说，日子越过越好。", "王晓安", True),
        # a common word ending in 工 is no trade (人工, 手工)
        ("考古队发现了一处人工石圈遗迹。", "石圈", False),
        ("内燃机钳工赵明浩在岗位上干了十年。", "赵明浩", True),
    ],
)
def test_people_round9_role_word_guards(text: str, name: str, found: bool) -> None:
    assert (name in names(text)) is found


def test_people_round9_rare_nr_word_kept_before_an_adverb() -> None:
    # 蓝天 is a word jieba tags nr (643) and 蓝 no common surname, but 曾 follows
    assert "蓝天" in names("她的丈夫蓝天曾是诊所的医生。")
    assert "祝福" not in names("节日里，市民祝福祖国繁荣富强。")


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # an honorific or an elder's form of address after a full name
        ("王德贵大爷每天都去地里转转。", "王德贵", True),
        ("很多人知道杨大爷家的事。", "杨大", False),
        # a name and the people with them
        ("刘长生他们花了五年时间修通了路。", "刘长生", True),
        ("泉水将引到贺知礼等村民的家中。", "贺知礼", True),
        # where someone comes from
        ("来自古镇村的王秀兰当面介绍了变化。", "王秀兰", True),
        ("来自不同领域的宣讲员深入田间地头。", "宣讲员", False),
        ("来自红山、良渚等遗址的龙主题文物", "龙主题", False),
        ("26岁的阿雅·博姆迪安仍然在逃。", "阿雅", False),
    ],
)
def test_people_round9_frames(text: str, name: str, found: bool) -> None:
    assert (name in names(text)) is found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("牧民格桑旺秋卖了二十头牦牛。", "格桑旺秋"),  # Tibetan 旺秋
        ("彝族村民阿衣拉日家的小卖部开张了。", "阿衣拉日"),  # Yi 阿衣
    ],
)
def test_people_round9_tibetan_and_yi_names(text: str, name: str) -> None:
    assert name in names(text)


def test_people_round9_like_a_pair_and_more_roles() -> None:
    assert "徐冬梅" in names("如今，像刘翠芳和徐冬梅这样的搭档越来越多。")
    assert "王德平" in names("潜逃境外的团伙领导者王德平被警方缉拿归案。")
    assert "赵小林" in names("她和领跑员赵小林成为搭档，并肩作战。")
