"""People: authors from bylines, officials from title + name, their posts.

Names are validated, not guessed: a name is two or three characters starting with a
surname from ``surnames.txt``, found in a position that makes it a name (a byline, right
after a title, a photo credit). Each person mention carries its ``posts``: dicts with
``title``, ``org`` (as written), ``former``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

import ahocorasick_rs

from kg.extract._context import (
    CJK,
    PLACEHOLDER,
    common_words,
    finditer_at,
    finditer_scouted,
    jieba_words,
    make_mention,
    word_freq,
    word_tags,
)
from kg.extract._tagger import segment, tag
from kg.ingest import byline_name
from kg.lang import trace
from kg.lang.gazetteer import load_gazetteer
from kg.lang.rules import (
    alternation,
    chars,
    finditer,
    longest_first,
    pattern,
    word_set,
    word_sources,
    word_values,
    words,
)
from kg.model import Document, Mention
from kg.resources import load_table


@cache
def _chars() -> dict[str, frozenset[str]]:
    """The character sets of kg/rules/person/*.toml that the checks below test."""
    return {
        # cannot be the third character of a name: they begin the next word
        "not_third": frozenset(chars("person:chars.not-third")),
        "transliteration": frozenset(chars("person:chars.transliteration")),
        "function_short": frozenset(chars("person:chars.function-surname-short")),
        "function": frozenset(chars("person:chars.function-surname")),
        "list_start": frozenset(chars("person:chars.list-start")),
        "national_title": frozenset(chars("person:chars.before-national-title")),
        "after_name": frozenset(chars("person:chars.after-name")),
    }


def _occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Every position where one of ``words`` starts (overlapping ones included)."""
    found = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.add(at)
            at = text.find(word, at + 1)
    return sorted(found)


def _starts_before(
    text: str, words: tuple[str, ...], gaps: tuple[int, ...]
) -> list[int]:
    """Positions ``gap`` characters before an occurrence of one of ``words``."""
    return sorted({at - gap for at in _occurrences(text, words) for gap in gaps})


@cache
def _titles() -> tuple[str, ...]:
    return longest_first("person:titles")


def is_name(text: str) -> bool:
    """Whether ``text`` can be a Chinese personal name.

    Examples:
        >>> is_name("谢建望"), is_name("欧阳文"), is_name("全区"), is_name("高质量")
        (True, True, False, False)
    """
    if not 2 <= len(text) <= 4 or not re.fullmatch(f"[{CJK}]+", text):
        return False
    surnames = word_set("person:surnames")
    if not ((text[:2] in surnames and len(text) >= 3) or text[0] in surnames):
        return False
    if len(text) == 2 and text[0] in _chars()["function_short"]:
        return False  # surnames that are mostly function words need a full name
    common = common_words()
    if text in common or text[:2] in common:
        return False  # 关于加, 任务清, 曾在党: a word, not a name
    if pattern("person:pattern.a-not-a").search(text):
        return False  # 富不富, 好不好: a question, not a name
    if _surname_address(text, surnames):
        return False  # 李院士, 王书记: a surname and a form of address
    not_names = _not_names()
    return not (text.startswith(not_names) or text.endswith(not_names))


def _surname_address(text: str, surnames: AbstractSet[str]) -> bool:
    """Whether ``text`` is a surname then a title or an honorific said as a form of
    address (person:titles, person:words.address): 李院士, 欧阳主任."""
    address = word_set("person:words.address")
    titles = word_set("person:titles")
    return any(
        text[:k] in surnames and (text[k:] in address or text[k:] in titles)
        for k in (1, 2)
    )


@cache
def _not_names() -> tuple[str, ...]:
    """``person:not-names`` as one tuple: str.startswith tests them all at once."""
    return tuple(sorted(words("person:not-names")))


def parse_posts(text: str) -> list[dict[str, object]]:
    """Split a post list into posts: 区信访办原党组书记、主任 → two former posts.

    Examples:
        >>> [(p["org"], p["title"], p["former"]) for p in parse_posts("区信访办原党组书记、主任")]
        [('区信访办', '党组书记', True), ('区信访办', '主任', True)]
        >>> [(p["org"], p["title"]) for p in parse_posts("开州区委常委、宣传部部长")]
        [('开州区委', '常委'), ('开州区委宣传部', '部长')]
    """
    posts: list[dict[str, object]] = []
    org_before: str | None = None
    party: str | None = None
    former = False
    marker = words("person:words.former-marker")[0]
    has_place = _post_patterns()["has_place"]
    committee = tuple(words("person:words.party-committee"))
    committee_titles = word_set("person:titles.committee")
    party_prefix = words("common:party-prefix")[0]
    for part in re.split(r"[、,，]", text):
        part = part.strip()
        if not part:
            continue
        former = former or marker in part  # 原 covers the rest of the list
        part_clean = part.replace(marker, "")
        title = next((t for t in _titles() if part_clean.endswith(t)), None)
        if title is None:
            continue
        org = part_clean[: -len(title)] or org_before
        if org and party and not has_place.match(org):
            org = party + org  # 宣传部 after 开州区委常委 is 开州区委宣传部
        if org and org.endswith(committee) and title in committee_titles:
            party = org
        org_before = org
        posts.append(
            {
                "title": title,
                "org": org.removeprefix(party_prefix) if org else None,
                "former": former,
            }
        )
    return posts


@cache
def _post_patterns() -> dict[str, re.Pattern[str]]:
    return {"has_place": re.compile(f"[{CJK}]*[{chars('person:chars.place-level')}]")}


def extract_people(doc: Document) -> list[Mention]:
    """Find people with their kind and posts.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("前不久,网格员王文平走访发现了问题。", "t")
        >>> [(m.name, m.attrs["posts"][0]["title"]) for m in extract_people(doc)]
        [('王文平', '网格员')]
    """
    text = doc.clean
    out: list[Mention] = []
    taken: set[int] = set()
    spans: list[tuple[int, int, str]] = []  # (start, end, kind) in doc.clean
    tibetan = (
        {m.group("name") for m in _patterns()["tibetan"].finditer(text)}
        if _tibetan_pair(text)
        else set()
    )

    def add(
        start: int,
        end: int,
        rule: str,
        kind: str,
        posts: list[dict[str, object]],
        name: str | None = None,
    ) -> None:
        if start in taken or PLACEHOLDER.search(text[start:end]):
            return
        if end - start < 4 and text[start : start + 4] in tibetan:
            end = start + 4  # 次仁罗|布: a Tibetan name of two parts, cut short
        if tibetan and any(s < start < e for s, e, _ in spans):
            return  # 尼玛|央金: the end of a Tibetan name found already
        if _ends_a_place(text, start, end) or _inside_a_place(text, start):
            if trace.active():
                trace.rejected(doc, start, end, "person", "person:chars.place-end")
            return
        if _surname_then_word(text, start, end):
            if trace.active():
                rule = (
                    "person:chars.verb-surname"
                    if text[start] in chars("person:chars.verb-surname")
                    else "person:words.not-given-tags"
                )
                trace.rejected(doc, start, end, "person", rule)
            return
        taken.add(start)
        spans.append((start, end, kind))
        if kind in ("other", "official"):
            posts = posts + _deputy_posts(doc, start, posts)
        out.append(
            make_mention(
                doc,
                start,
                end,
                "person",
                rule,
                {"kind": kind, "posts": posts},
                name=name,
            )
        )

    _add_press_bylines(text, add)
    for article in doc.articles:
        if article.byline is None:
            continue
        line_start, line_end = article.byline
        name = byline_name(text[line_start:line_end])
        if not name:
            continue
        start = text.index(name, line_start)
        posts: list[dict[str, object]] = []
        if article.note is not None:
            note = text[article.note[0] : article.note[1]]
            body = pattern("person:pattern.note-post").search(note)
            unit = pattern("person:pattern.note-unit").search(note)
            if body:
                posts = parse_posts(body.group(1))
            elif unit:
                posts = [
                    {"title": None, "org": unit.group(1).split(",")[0], "former": False}
                ]
        if not posts:
            posts = _delivery_posts(text, line_end)
        add(start, start + len(name), "person:byline", "author", posts)

    for match in pattern("person:pattern.photo-credit").finditer(text):
        name = match.group(1)
        if is_name(name):
            add(match.start(1), match.end(1), "person:photo-credit", "photographer", [])

    for match in _patterns()["leader"].finditer(text):
        if _in_fixed_expression(text, match.start()):
            if trace.active():
                rule = "person:words.fixed-expression-tags"
                trace.rejected(doc, match.start(), match.end(), "person", rule)
            continue
        leader_posts = national_posts(doc, match.start(), match.end())
        # 江西省水利厅厅长王晨: a leader's name under only a local post is an official
        # of that name (person:national-leader-local)
        local = (
            bool(leader_posts)
            and not any(
                p["org"] or p["title"] in _national_post_titles() for p in leader_posts
            )
            and _local_piece_before(text, match.start())
        )
        add(
            match.start(),
            match.end(),
            "person:national-leader",
            "official" if local else "national_leader",
            leader_posts,
        )

    _add_state_title_names(doc, add)
    sets = _chars()
    cues = tuple(words("person:cues"))
    resume = 0
    for match in _overlapping(_patterns()["title_name"], text):
        if match.start() < resume:
            continue  # inside a title and name taken already (副主任王英: not 主任王英)
        if not _free(taken, match.start("name")):
            continue  # 主席胡锦涛: a national leader, taken by the rule above
        title_posts = (
            _title_list(text, match.start("title"), match.group("title"))
            if match.group("of")
            else None
        )
        if title_posts is not None and not any(m for *_, m in title_posts):
            continue  # 书记的讲话; only 时任…书记的毛建林 puts 的 between post and name
        dotted = _dotted_at(text, match.start("name"))
        if dotted is None:
            continue  # a dotted run that is no name: not a Han name either
        if text[match.start("title") : match.start("name") + 1] in jieba_words():
            continue  # 主席国|法国, 主席国|工作: the title runs into the "name"
        if _title_ends_a_place(text, match.start("title")):
            continue  # 福州|长乐, 泰州|长江: the title's first character ends a place
        if word_tags().get(match.group("name")) == "ns":
            continue  # 秘书长利比亚问题特别代表: a place, not a name
        # 秘书长古特雷泽: a transliterated name (not 古特雷), or 主席图斯克 (no surname);
        # 总统巴沙尔·阿萨德: the dotted name, not 巴沙尔
        foreign = dotted or _foreign_run(text, match.start("name"))
        name = (
            text[match.start("name") : foreign]
            if foreign is not None
            else _trim_name(match.group("name"), text, match.start("name"))
        )
        if foreign is None and not is_name(name):
            foreign = _foreign_run(text, match.start("name"), 3)
            name = text[match.start("name") : foreign] if foreign else name
        if (
            foreign is None
            and len(name) == 3
            and is_name(name)
            and name[0] not in sets["function"] | sets["not_third"]
        ):
            foreign = _surname_run_on(text, match.start("name"), name)
            name = text[match.start("name") : foreign] if foreign else name
        end = match.start("name") + len(name)
        cue_after = text[end : end + 2]
        if foreign is not None:
            pass
        elif (
            not is_name(name)
            or name[0] in sets["list_start"]
            or (name[0] in sets["function"] and name[1:] in common_words())
        ):
            # 代表都表示: a function word and a common word (都|表示), not a name
            if trace.active():
                rule = "person:chars.list-start" if is_name(name) else "person:surnames"
                trace.rejected(doc, match.start("name"), end, "person", rule)
            continue  # 委员和列席: the next item of a list, not a name
        if (
            len(name) == 2
            and name == match.group("name")
            and re.match(f"[{CJK}]", cue_after[:1] or "")
            and not cue_after.startswith(cues)
            and cue_after[:1] not in sets["not_third"]
        ):
            if trace.active():
                trace.rejected(doc, match.start("name"), end, "person", "person:cues")
            continue  # 书记挂帅: the "name" runs on into a word
        if text[match.start() - 1 : match.start()] in sets[
            "national_title"
        ] and not _foreign_party_before(text, match.start() - 1):
            if trace.active():
                rule = "person:chars.before-national-title"
                trace.rejected(doc, match.start("name"), end, "person", rule)
            continue  # 总书记: a national leader's title, said before a leader's name
        if title_posts is None:
            title_posts = _title_list(text, match.start("title"), match.group("title"))
        title_posts = [
            (*_qualified_title(text, *_deputy_title(text, at, title)), former, marked)
            for at, title, former, marked in title_posts
        ]
        posts: list[dict[str, object]] = [
            {
                "title": title,
                "org": None,
                "former": former,
                "at": doc.to_original(at, at + len(title))[0],
            }
            for at, title, former, _ in title_posts
        ]
        if match.group("of") and _de_verb_only(text, match.start("title")):
            for post in posts:
                post["adjacent"] = True  # 曾在某地担任校长的某某: held where written
        # A title from a user pack (extends person:titles) names the pack's rule.
        source = word_sources("person:titles").get(match.group("title"))
        rule = source if source and "/" in source else "person:title-name"
        rule = "person:transliterated" if foreign is not None else rule
        rule = "person:dotted-name" if dotted else rule
        if (
            foreign is None
            and match.group("title") in word_set("person:titles.weak")
            and not (
                _weak_name_ok(name)
                and name[-2:] not in common_words()  # 论坛成员方|国旗
                and not _role_word_not_name(name, text, end)  # 队员齐声: a word
                and _word_aligned(text, match.start("name"), end, start_known=True)
            )
        ):
            if trace.active():
                rule = "person:titles.weak"
                trace.rejected(doc, match.start("name"), end, "person", rule)
            continue  # 内阁成员|宣誓就职: a verb, not a name
        before = len(taken)
        add(match.start("name"), end, rule, "official", posts)
        if len(taken) > before:
            # only a name this match took hides the matches inside it: a name taken
            # by an earlier rule (李希, a national leader) hides nothing, whether or
            # not ``_free`` let the match get this far
            resume = match.end()
    _add_name_then_post(doc, add)
    _add_name_state_titles(doc, add, taken)
    _add_headline_posts(doc, add)
    _add_signature_lines(doc, add)
    _add_workplace_name_title(doc, add, taken)
    _add_as_post_name(doc, add, taken)
    _add_role_then_name(doc, add, taken)
    _add_trade_then_name(text, add, taken)
    _add_historical(text, add, taken)
    _add_reported_speech(text, add, taken)
    _add_counted_copula(doc, add, taken)
    _add_deputy_address(doc, add, taken)
    _add_frames(text, add, taken)
    _add_after_de(text, add, taken)
    _add_familiar_later(text, add, taken)
    _add_repeated_names(text, add, taken)
    _add_dotted_names(text, add, taken)
    _add_tibetan_names(text, add, spans, tibetan)
    _add_list_items(text, spans, add, taken)
    _add_historical_figures(doc, add, taken)
    _add_pronoun_posts(doc, out)
    out = _given_names_to_full(out)
    return sorted(out, key=lambda m: (m.start, m.end))


def _given_names_to_full(out: list[Mention]) -> list[Mention]:
    """……村民刘燕红。……燕红说: a two-character name that is the given name of one
    three-character name the text writes (a single-character surname before it) is
    that person called by the given name (person:given-name), not another person;
    two full names with the same given name leave it as it is."""
    surnames = word_set("person:surnames")
    full_of: dict[str, set[str]] = {}
    for m in out:
        if len(m.name) == 3 and m.name[0] in surnames:
            full_of.setdefault(m.name[1:], set()).add(m.name)
    if not full_of:
        return out
    return [
        dataclasses.replace(m, name=next(iter(full_of[m.name])))
        if len(m.name) == 2
        and len(full_of.get(m.name, ())) == 1
        and m.attrs.get("kind") != "national_leader"
        else m
        for m in out
    ]


@cache
def _seat_words() -> tuple[str, ...]:
    return longest_first("person:words.deputy-posts")


def _deputy_posts(
    doc: Document, start: int, held: list[dict[str, object]]
) -> list[dict[str, object]]:
    """全国人大代表李某, 二十大代表、某村党支部书记李某: a deputy's seat
    (``person:words.deputy-posts``) written right before a name, or opening the title
    list that ends at it, is a post; whichever rule found the name (a role word reads
    全国人大代表 as what the person is, with no post).

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("二十大代表、某村党支部书记李平安说", "t")
        >>> [p["title"] for p in _deputy_posts(doc, 13, [])]
        ['二十大代表']
        >>> doc = parse_document("会见全国人大代表和李平安", "t")
        >>> _deputy_posts(doc, 10, [])
        []
    """
    text = doc.clean
    seats = word_values("person:words.deputy-posts")
    at = start
    while at > 0 and text[at - 1] in chars("person:chars.title-name-gap"):
        at -= 1  # 全国人大代表 李某：an interview caption's space
    lo = max(0, at - 40)
    for sep in chars("person:chars.post-clause-end"):
        lo = max(lo, text.rfind(sep, lo, at) + 1)
    pieces = text[lo:at].split(chars("person:chars.list-sep")[0])
    titles = {str(p.get("title") or "") for p in held}
    out: list[dict[str, object]] = []
    offset = at
    for piece in reversed(pieces):
        seat = _longest_ending(_seat_words(), piece, len(piece))
        if seat is None and _longest_ending(_titles(), piece, len(piece)) is None:
            break  # 代表和李某: the title list ends (or none ends at the name)
        if seat is not None and not any(t.endswith(seat) for t in titles):
            title, org = seats[seat][0], seats[seat][1] or None
            where = doc.to_original(offset - len(seat), offset)[0]
            out.append({"title": title, "org": org, "former": False, "at": where})
        offset -= len(piece) + 1
    return out


# How far before 他当选… the person it stands for may be named, in the same paragraph.
_PRONOUN_WINDOW = 150


def _add_state_title_names(doc: Document, add: Callable[..., None]) -> None:
    """巴西总统卢拉, 沙特国王萨米尔, 古巴国家主席洛佩斯-加西亚: a foreign state and a
    state title (``person:pattern.state-title-name``) before a name however it is
    spelled; :func:`_foreign_name_end` reads how far it runs."""
    text = doc.clean
    for match in finditer_scouted(pattern("person:pattern.state-title-name"), text):
        if match.group("party") and len(match.group("state")) < 2:
            continue  # 越共中央总书记、国家主席: 越 starts the party's short name
        start = match.end()
        end = _foreign_name_end(text, start)
        if end is None:
            if trace.active():
                rule = "person:chars.foreign-name-extra"
                trace.rejected(doc, start, start + 2, "person", rule)
            continue
        at = match.start("title")
        posts: list[dict[str, object]] = [
            {
                "title": match.group("title"),
                "org": match.group("state"),
                "former": bool(match.group("former")),
                "at": doc.to_original(at, at + len(match.group("title")))[0],
            }
        ]
        dotted = any(c in chars("person:chars.name-dot") for c in text[start:end])
        rule = "person:dotted-name" if dotted else "person:state-title-name"
        add(start, end, rule, "official", posts)


def _add_name_state_titles(
    doc: Document, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """同克林顿总统, 和奥巴马总统: a foreign name before a state title
    (``person:pattern.name-state-title``); not a foreign state's name (马其顿总理) nor
    two states' short forms (俄美总统), and at jieba's word edges."""
    text = doc.clean
    states = word_set("person:words.foreign-states")
    for match in pattern("person:pattern.name-state-title").finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        if not _free(taken, start) or name in states:
            continue
        if any(name.endswith(s) for s in states if len(s) > 1) or all(
            c in states for c in name
        ):
            if trace.active():
                rule = "person:words.foreign-states"
                trace.rejected(doc, start, end, "person", rule)
            continue  # 和马其顿总理, 俄美总统: states, not a name
        if not _word_aligned(text, start, end):
            continue
        at = match.start("title")
        posts: list[dict[str, object]] = [
            {
                "title": match.group("title"),
                "org": None,
                "former": False,
                "at": doc.to_original(at, at + len(match.group("title")))[0],
            }
        ]
        add(start, end, "person:name-state-title", "official", posts)


def _foreign_name_end(text: str, start: int) -> int | None:
    """Where a foreign name starting at ``start`` (after a foreign state's title) ends:
    a run of transliteration characters (``person:chars.transliteration`` and
    ``person:chars.foreign-name-extra``), its parts perhaps joined by a middle dot or
    a hyphen, then perhaps a regnal number (``person:pattern.regnal-suffix``). A last
    character that begins a common word with the next one (普南不|会) or is a
    function word is dropped. None unless the name has two to ten characters and
    jieba starts and ends a word at its edges (马明|强 is a Han name cut short)."""
    spelled = _chars()["transliteration"] | frozenset(
        chars("person:chars.foreign-name-extra")
    )
    joins = chars("person:chars.name-dot") + chars("person:chars.foreign-name-join")
    end = start
    while end < len(text) and end - start < 10:
        if text[end] in spelled:
            end += 1
        elif text[end] in joins and end > start and text[end + 1 : end + 2] in spelled:
            end += 1
        else:
            break
    if end < len(text) and text[end] in spelled:
        return None  # a run longer than any name
    if end - start > 2 and (
        (end < len(text) and text[end - 1 : end + 1] in common_words())
        or (
            text[end - 1] in _chars()["function"]
            # 特鲁多: jieba reads the name as one word, past a function character
            # that ends transliterated names (person:chars.foreign-name-end)
            and not (
                text[end - 1] in chars("person:chars.foreign-name-end")
                and _word_aligned(text, start, end, start_known=True)
                and not _word_aligned(text, start, end - 1, start_known=True)
            )
        )
    ):
        end -= 1
    if end - start == 2 and is_name(text[start : end + 1]):
        after = _cuts(text, start - 4, end + 6).get(end)
        if after is None or after == end + 1:
            return None  # 马明|强: a Han name of three characters, left to the titles
    regnal = pattern("person:pattern.regnal-suffix").match(text, end)
    if regnal:
        end = regnal.end()
    if not 2 <= end - start <= 10:
        return None
    common = common_words()
    if end - start > 3 and any(
        text[i : i + 2] in common for i in range(start, end - 1)
    ):
        return None  # 利伯曼因不满: a common word inside runs past the name
    return end if _word_aligned(text, start, end, start_known=True) else None


def _add_pronoun_posts(doc: Document, out: list[Mention]) -> None:
    """……张建国……。2018年，他当选村党总支书记: the post goes to the person named last
    before the pronoun in its paragraph (``person:pattern.pronoun-post``)."""
    text = doc.clean
    found = list(finditer("person:pattern.pronoun-post", text))
    if not found:
        return
    kinds = word_set("person:words.pronoun-antecedent-kinds")
    former_verbs = word_set("person:verbs.former")
    of_chars = chars("person:chars.post-of")
    people = sorted(
        (m for m in out if m.attrs.get("kind") in kinds), key=lambda m: m.start
    )
    for match in found:
        lo = max(0, match.start() - _PRONOUN_WINDOW)
        lo = max(lo, text.rfind("\n", 0, match.start()) + 1)
        if (
            match.group("zero") is not None
        ):  # ……毛建英请求入朝参战，任…: the same sentence
            lo = max(lo, text.rfind("。", 0, match.start()) + 1)
            verb = match.start("verb")
            if text[verb : verb + 2] in jieba_words():
                continue  # ，任何成员国: 任 begins another word
            clause = re.split(r"[,，。;；\n]", text[match.end() : match.end() + 60])[0]
            if any(title + of in clause for title in _titles() for of in of_chars):
                continue  # ，曾任稽查队队长的杨宏刚: the post of the name after it
        lo_orig, at_orig = doc.to_original(lo, match.start())
        before = [m for m in people if lo_orig <= m.start and m.end <= at_orig]
        if not before:
            continue
        person = before[-1]
        posts = person.attrs["posts"]
        held = {p.get("title") for p in posts}  # type: ignore[union-attr]
        former = match.group("verb") in former_verbs
        for at, title in _posts_after(doc, match.end()):
            if title not in held:
                posts.append({"title": title, "org": None, "former": former, "at": at})  # type: ignore[union-attr]
                held.add(title)
        if posts and person.attrs.get("kind") == "other":
            person.attrs["kind"] = "official"


# How far after a byline a work report's speaker says whom they speak for.
_DELIVERY_WINDOW = 200


def _delivery_posts(text: str, after: int) -> list[dict[str, object]]:
    """我代表保定市人民政府向大会报告工作, right after a byline: its author heads that
    government (``person:pattern.report-delivery``, ``person:words.head-of-government``)."""
    found = pattern("person:pattern.report-delivery").search(
        text, after, after + _DELIVERY_WINDOW
    )
    if found is None:
        return []
    org = found.group("org")
    place = org.removesuffix(words("person:words.government")[0])
    heads = word_values("person:words.head-of-government")
    level = next(
        (
            s
            for s in longest_first("person:words.head-of-government")
            if place.endswith(s)
        ),
        None,
    )
    if level is None:
        return []
    return [{"title": heads[level][0], "org": org, "former": False}]


def _verb_name_freq() -> int:
    """How frequent a name of jieba's dictionary must be to stay a name when it starts
    with a verb-surname (``person:count.verb-surname-name-freq``)."""
    return int(words("person:count.verb-surname-name-freq")[0])


def _surname_then_word(text: str, start: int, end: int) -> bool:
    """Whether a frequent word of jieba's dictionary that is no given name (an adverb, a
    numeral …: ``person:words.not-given-tags``) starts after the surname and runs to
    the name's end or past it: 王|第一次, 李|已经. A name jieba knows stays."""
    tags, freq = word_tags(), word_freq()
    given = start + 1
    verb = text[start] in chars("person:chars.verb-surname") and text[
        start - 1 : start
    ] not in chars("person:chars.list-sep")
    if tags.get(text[start:end], "").startswith("nr") and not (
        verb and freq.get(text[start:end], 0) < _verb_name_freq()
    ):
        return False  # a name jieba knows (a rare "name" 干劲儿 3 is no cover for 干)
    not_given = word_set("person:words.not-given-tags")
    least = int(words("person:count.not-given-freq")[0])
    if text[start] in chars("person:chars.adverb-surname"):
        # 专家曾|指出, 人员应|离开, 负责人向|中国: a verb or a place after 曾, 应, 向
        if tags.get(text[given]) in word_set("person:words.adverb-surname-char-tags"):
            return True  # 母亲曾|在|县…, 发言人曾|将…: another function word follows
        not_given = not_given | word_set("person:words.adverb-surname-next-tags")
        least = int(words("person:count.adverb-surname-next-freq")[0])
    elif verb:
        # 学生谈|体会, 群众谈|变化, 村民修|水渠: the verb and its object (an item of a
        # list of names, 、谈某某、, is a name); 干|在|一线, 谈|了: the verb and a
        # function word
        if tags.get(text[given]) in word_set("person:words.verb-surname-char-tags"):
            return True
        not_given = not_given | word_set("person:words.verb-surname-next-tags")
        least = int(words("person:count.adverb-surname-next-freq")[0])
    return any(
        tags.get(text[given:stop]) in not_given
        and freq.get(text[given:stop], 0) >= least
        for stop in range(max(end, given + 2), min(len(text), given + 4) + 1)
    )


def _full_division(key: str) -> bool:
    """Whether ``key`` is the full name of a division of the gazetteer."""
    return any(kind == "full" for _, kind in load_gazetteer().keys.get(key, ()))


def _title_ends_a_place(text: str, at: int) -> bool:
    """Whether the character at ``at`` (where a title starts) ends the short name of
    a division written before it (福州|长乐, 泰州|长江: 州长 read astride a city's
    name and the next word); a full name ending there is the post's division
    (广州市|市长 → 市长)."""
    keys = load_gazetteer().keys
    return any(
        kind == "short"
        for k in (2, 3)
        if at - k + 1 >= 0
        for _, kind in keys.get(text[at - k + 1 : at + 1], ())
    )


def _ends_a_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a division's suffix where the full name of
    a division (three characters or more) ends, starting at or before it: 长乐区 for
    乐区 of 市长乐区, 姜屯镇 for 姜屯镇 (``person:chars.place-end``)."""
    if text[end - 1] not in chars("person:chars.place-end"):
        return False
    return any(
        _full_division(text[lo:end])
        for lo in range(max(0, min(start, end - 3) - 5), min(start, end - 3) + 1)
    )


@cache
def _national_post_titles() -> frozenset[str]:
    """The titles of person:words.national-posts (国务院副总理 → 副总理)."""
    return frozenset(
        str(v[0]) for v in word_values("person:words.national-posts").values()
    )


def _local_piece_before(text: str, start: int) -> bool:
    """Whether the clause piece before a name (from the last break) opens with the
    full name of a division (江西省水利厅厅长, 北京市市长): a local post, not a
    central body's (中央外事工作委员会办公室主任)."""
    breaks = chars("person:chars.post-clause-end") + chars("person:chars.list-sep")
    lo = max(0, start - 30)
    for sep in breaks:
        lo = max(lo, text.rfind(sep, lo, start) + 1)
    return any(_full_division(text[lo : lo + k]) for k in range(2, 6) if lo + k < start)


def _inside_a_place(text: str, start: int) -> bool:
    """Whether a name starting at ``start`` starts inside the full name of a division
    (three characters or more, ending in ``person:chars.place-end``) that begins
    before it and runs past it: 沟镇福 of 房山区长沟镇福乐园 (区长 + 沟镇福)."""
    ends = chars("person:chars.place-end")
    for hi in range(start + 1, min(len(text), start + 4) + 1):
        if text[hi - 1] not in ends:
            continue
        for lo in range(max(0, hi - 6), start):
            if hi - lo >= 3 and _full_division(text[lo:hi]):
                return True
    return False


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match of ``pattern``, one per start, trying again one character after
    each: a match the caller refuses does not hide the next (委员会副主任王英: 委员 +
    会副主 is no title and name, 副主任 + 王英 is)."""
    match = pattern.search(text)
    while match is not None:
        yield match
        match = pattern.search(text, match.start() + 1)


def national_posts(doc: Document, start: int, end: int) -> list[dict[str, object]]:
    """The posts written around a national leader's name at ``start:end`` of
    ``doc.clean``: the list before it (中共中央总书记、国家主席、中央军委主席胡锦涛 →
    总书记 of 中共中央, 国家主席, 主席 of 中央军委), else a national post right after
    it (胡锦涛总书记).

    A national post (person:words.national-posts) is at its own, national level: its
    organisation is the national body, never the place the article visits. Another
    post of the list (中共中央政治局委员、上海市委书记秦刚) is read like an official's
    (its title and where it is written; the linker finds its organisation).

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("国务院总理李希说", "t")
        >>> [(p["title"], p["org"]) for p in national_posts(doc, 5, 7)]
        [('总理', '国务院')]
        >>> doc = parse_document("中共中央政治局委员、上海市委书记秦刚说", "t")
        >>> [(p["title"], p["org"]) for p in national_posts(doc, 16, 18)]
        [('政治局委员', '中共中央政治局'), ('书记', None)]
    """
    text = doc.clean
    national = word_values("person:words.national-posts")
    at = start
    while at > 0 and text[at - 1] in chars("person:chars.title-name-gap"):
        at -= 1  # 江西省水利厅厅长 王晨: an interview caption's space
    clause_start = max(0, at - 60)
    for sep in chars("person:chars.post-clause-end"):
        clause_start = max(clause_start, text.rfind(sep, clause_start, at) + 1)
    list_sep = chars("person:chars.list-sep")[0]
    posts: list[dict[str, object]] = []
    while at > clause_start:
        key = _longest_ending(_national_titles(False), text, at)
        if key is not None:
            title, org = national[key][0], national[key][1] or None
            posts.insert(0, {"title": title, "org": org, "former": False})
            at -= len(key)
        else:
            title = _longest_ending(_titles(), text, at)
            if title is None:
                break
            piece = max(clause_start, text.rfind(list_sep, clause_start, at) + 1)
            whole = _org_piece(text[piece : at - len(title)])
            if not whole and posts:
                break
            where = doc.to_original(at - len(title), at)[0]
            posts.insert(0, {"title": title, "org": None, "former": False, "at": where})
            if not whole:
                break  # 中央外事工作委员会办公室主任杨洁篪: the title alone, as for an official
            at = piece
        if at <= clause_start or text[at - 1] != list_sep:
            break
        at -= 1  # the list goes on before 、
    if not posts:
        after = word_values("person:words.national-posts-after")
        key = next((w for w in _national_titles(True) if text.startswith(w, end)), None)
        if key is not None:
            posts = [{"title": after[key][0], "org": after[key][1], "former": False}]
        chair = _leader_chair(text, start, end)
        if key is None and chair is not None:
            # 胡锦涛主席: the body the leader chairs, not the 主席 of any other
            posts = [{"title": chair[0], "org": chair[1] or None, "former": False}]
    if not posts and text.endswith(
        tuple(words("person:words.appoint-verbs")), 0, start
    ):
        # 任命王某为某某部部长: the post the leader is appointed to
        found = pattern("person:pattern.appointed-as").match(text[end : end + 30])
        if found is not None:
            org, title = found.group("org"), found.group("title")
            posts = [{"title": title, "org": org, "former": False}]
    if pattern("person:pattern.former").search(text[max(0, at - 4) : at]):
        for post in posts:
            post["former"] = True  # 原国务院总理温家宝
    return posts


def _leader_chair(text: str, start: int, end: int) -> list[str] | None:
    """The post of person:words.leader-chair the text calls the leader by, if any.

    The rule's keys are the name and the title as written (胡锦涛主席): which body's
    主席 is meant depends on the leader.
    """
    name = text[start:end]
    table = word_values("person:words.leader-chair")
    return next(
        (
            post
            for called, post in table.items()
            if called.startswith(name) and text.startswith(called, start)
        ),
        None,
    )


@cache
def _by_length(words: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """``words`` grouped by length, longest first."""
    sizes = sorted({len(w) for w in words}, reverse=True)
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in sizes)


def _longest_ending(words: tuple[str, ...], text: str, at: int) -> str | None:
    """``next((w for w in words if text.endswith(w, 0, at)), None)`` for ``words``
    sorted longest first: one set lookup per length, not one ``endswith`` per word
    (national_posts on 4,997 bulk items: 0.175 -> 0.11 CPU s)."""
    for size, group in _by_length(words):
        if size <= at and text[at - size : at] in group:
            return text[at - size : at]
    return None


def _in_fixed_expression(text: str, start: int) -> bool:
    """Whether jieba reads the name's first character inside an idiom or a fixed
    expression that starts before it (城市一片汪洋: no 汪洋 there)."""
    lo = max(0, start - 6)
    # decided by the ten characters around the name alone: the same window (a leader's
    # title before the name, 总书记胡锦涛在) is decided once
    return _fixed_expression_at(text[lo : start + 4], start - lo)


@lru_cache(maxsize=4096)
def _fixed_expression_at(window: str, start: int) -> bool:
    tags = word_set("person:words.fixed-expression-tags")
    word_tag = word_tags().get
    lo, hi = 0, len(window)
    if not any(  # no such word over the name at all: no cut can make one (speed)
        word_tag(window[a:b], "") in tags
        for a in range(lo, start)
        for b in range(start + 1, hi + 1)
    ):
        return False
    cuts = _cuts(window, 0, hi)
    return any(
        lo < start < hi and word_tag(window[lo:hi], "") in tags
        for lo, hi in cuts.items()
    )


@cache
def _national_titles(after: bool) -> tuple[str, ...]:
    """The national posts said before (or after) a leader's name, longest first."""
    suffix = "-after" if after else ""
    return longest_first(f"person:words.national-posts{suffix}")


def _add_dotted_names(
    text: str, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """图尔逊·阿木提, 巴沙尔·阿萨德: a transliterated name written with middle dots.

    jieba must start and end words at its edges (各美其美·美美与共 is a saying), and
    no organisation word may follow (约翰斯·霍普金斯大学, 哈里·杜鲁门”号).
    """
    if not any(dot in text for dot in chars("person:chars.name-dot")):
        return
    for match in _patterns()["dotted"].finditer(text):
        start = _glued_start(text, match.start("name"))
        end = _dotted_end(text, start, match.end("name"))
        if end is not None and _free(taken, start):
            add(start, end, "person:dotted-name", "other", [])


@cache
def _glued_max() -> int:
    """How long a word jieba cut off a dotted name's first part may be
    (person:count.dotted-glued-start)."""
    return int(words("person:count.dotted-glued-start")[0])


def _glued_start(text: str, start: int) -> int:
    """居民阿依来|提·麦麦提: where a dotted name starts when jieba cut its first part
    and the characters before the cut are no transliteration character (来): a word
    of jieba's cut ending at ``start`` that starts with a transliteration character,
    holds another, is no common word and no word its dictionary tags other than as a
    name (person:count.dotted-glued-start); else ``start``."""
    if start == 0 or not _cjk(text, start - 1):
        return start
    lo = max(0, start - 8)
    spelled = chars("person:chars.transliteration")
    for word_start, word_end in _cuts(text, lo, start).items():
        if word_end != start or not 2 <= start - word_start <= _glued_max():
            continue
        word = text[word_start:start]
        tag = word_tags().get(word, "nr")
        if (
            word[0] in spelled
            and sum(c in spelled for c in word) >= 2
            and tag.startswith("nr")
            and not any(word[i : i + 2] in common_words() for i in range(len(word) - 1))
        ):
            return word_start
    return start


def _dotted_end(text: str, start: int, end: int) -> int | None:
    """Where the dotted name of a ``person:pattern.dotted-name`` match (``start`` to
    ``end``) ends, if it is one: jieba's word edges, no organisation word after it."""
    if end - start >= 5 and text[end - 2 : end] in common_words():
        end -= 2  # 阿卜杜勒·科罗马多次: the run took the next word (多次)
    if text.startswith(longest_first("person:words.not-after-dotted-name"), end):
        return None
    return end if _word_aligned(text, start, end) else None


def _dotted_at(text: str, start: int) -> int | bool | None:
    """A dotted name starting at ``start``: its end; False when none starts there; None
    when a run of transliteration characters there goes on with a dot but is no name
    (the title and role rules then leave it: 阿沙 of 阿沙都克热木·司马义 is no name)."""
    match = _patterns()["dotted"].match(text, start)
    if match is None:
        run = _patterns()["foreign_run"].match(text, start)
        dots = chars("person:chars.name-dot")
        if run and text[run.end() : run.end() + 1] in dots:
            return None
        return _glued_dotted_at(text, start)
    return _dotted_end(text, start, match.end("name"))


def _glued_dotted_at(text: str, start: int) -> int | bool | None:
    """阿依来|提·麦麦提 at 阿: a dotted name whose first part jieba cut
    (``_glued_start``) starts here; its end, else False."""
    dots = chars("person:chars.name-dot")
    for size in range(2, _glued_max() + 1):
        at = start + size
        if not any(dot in text[at : at + 9] for dot in dots):
            return False  # no dot near: the common case, no segmentation (speed)
        match = _patterns()["dotted"].match(text, at)
        if match is not None and _glued_start(text, at) == start:
            return _dotted_end(text, start, match.end("name"))
    return False


def _foreign_run(text: str, start: int, least: int = 4) -> int | None:
    """Where a transliterated name starting at ``start`` ends, if one does: a run of
    ``least`` or more transliteration characters (``person:pattern.foreign-run``).

    The run must end where jieba ends a word and no common word may sit inside it
    (总统府, 主席国 are not names); a run that goes on with a middle dot is left to
    the dotted names; a last character that begins the next word (里瓦斯|代表) or is
    a function word (勒德里昂|都表示) is dropped. Han names have at most three
    characters: a run of four after a title (古特雷泽) is not one cut short.
    """
    match = _patterns()["foreign_run"].match(text, start)
    if match is None:
        return None
    end = match.end()
    if end < len(text) and text[end] in chars("person:chars.name-dot"):
        return None  # 帕特里克·卡马特: a dotted name
    if (
        text[end - 1 : end + 1] in common_words()
        or text[end - 1] in _chars()["function"]
    ):
        end -= 1
    name = text[start:end]
    if len(name) < least or not _foreign_name_ok(name):
        return None
    return end if _word_aligned(text, start, end, start_known=True) else None


def _surname_run_on(text: str, start: int, name: str) -> int | None:
    """冯德莱|恩, 马特维|延科: a three-character name whose given part is spelled in
    transliteration characters and that goes on in them is a transliterated name
    cut short; where it ends, if it runs on (``person:chars.transliteration``)."""
    spelled = chars("person:chars.transliteration")
    if not all(c in spelled for c in name[1:]):
        return None
    end = _foreign_run(text, start + 1, 3)
    return end if end is not None and end > start + len(name) else None


def _foreign_name_ok(name: str) -> bool:
    """No word of jieba's dictionary but a name, and no common word inside."""
    tag = word_tags().get(name, "")
    if tag and not tag.startswith("nr") and not _rare_place_word(name, tag):
        return False
    common = common_words()
    return not any(name[i : i + 2] in common for i in range(len(name) - 1))


def _rare_place_word(name: str, tag: str) -> bool:
    """宝音德力格尔: a word jieba's dictionary tags as a place but hardly ever saw
    (person:count.rare-place-word-freq), and no division's name: a person's name
    may be spelled so."""
    least = int(words("person:count.rare-place-word-freq")[0])
    return (
        tag == "ns"
        and word_freq().get(name, 0) < least
        and name not in load_gazetteer().keys
    )


def _add_list_items(
    text: str,
    spans: list[tuple[int, int, str]],
    add: Callable[..., None],
    taken: AbstractSet[int],
) -> None:
    """胡锦涛、温家宝、张春贤、王晨等: the names listed with a person found are people.

    A person found by any rule vouches for the names written next to it in a list
    (、 between them, 和 or 及 before the last): each item must still be a name
    (surname, no common word, jieba's word edges), and the walk stops at the first
    item that is not, so a list of titles or things after a name adds nothing.
    """
    seps = chars("person:chars.list-sep")
    last_seps = chars("person:chars.list-start")
    for _, found_end, kind in sorted(spans):
        pos, listed = found_end, False
        while pos < len(text) and (
            text[pos] in seps or (listed and text[pos] in last_seps)
        ):
            last = text[pos] not in seps
            span = _list_item(text, pos + 1, last)
            if span is None:
                break
            start, end = span
            if _free(taken, start):
                if not _list_name_ok(text, start, end):
                    break
                add(start, end, "person:list", kind, [])
            pos, listed = end, True
            if last:
                break
    for found_start, _, kind in sorted(spans):
        _walk_list_back(text, found_start, kind, add, taken)


def _walk_list_back(
    text: str,
    found_start: int,
    kind: str,
    add: Callable[..., None],
    taken: AbstractSet[int],
) -> None:
    """汤建涵、高明中、孔建琪包揽, 陈明晨/贾建凡以2比0: the names listed before a person
    found. 和 or 及 joins the last item only (徐梦桃、徐思存和邵琪): it is stepped over
    when a 、 comes before the item it ends."""
    seps = chars("person:chars.list-sep")
    last_seps = chars("person:chars.list-start")
    pos, first = found_start, True
    while pos > 0 and (text[pos - 1] in seps or (first and text[pos - 1] in last_seps)):
        span = _list_item_before(text, pos - 1)
        if span is None:
            return
        start, end = span
        joined = text[pos - 1] in last_seps
        if joined and text[start - 1 : start] not in seps:
            return  # 领导和王强: 和 alone joins no list
        if text[start - 1 : start] in _before_no_name():
            return  # 阿合娜尔·阿达克、韩梅: the last part of a dotted name
        if _free(taken, start):
            known = text[start - 1 : start] in seps + last_seps
            if not _list_name_ok(text, start, end, start_known=known):
                return
            add(start, end, "person:list", kind, [])
        pos, first = start, False


def _list_item_before(text: str, sep: int) -> tuple[int, int] | None:
    """The span of the list item ending at ``sep``: two or three characters back to
    the separator before it, else (the list's first item) three characters when they
    make a name, else two."""
    seps = chars("person:chars.list-sep") + chars("person:chars.list-start")
    for size in (2, 3):
        if sep - size - 1 >= 0 and text[sep - size - 1] in seps:
            return sep - size, sep
    for size in (3, 2):
        start = sep - size
        if start >= 0 and _list_name_ok(text, start, sep, start_known=False):
            return start, sep
    return None


def _list_item(text: str, at: int, last: bool) -> tuple[int, int] | None:
    """The span of the list item starting at ``at``: up to the next 、 two or three
    characters on, else three characters trimmed like any name (孟建柱等集体乘车 →
    孟建柱, 王军以及 → 王军: 和 or 及 ends an item only where the name ends)."""
    seps = chars("person:chars.list-sep")
    if not last:
        for size in (2, 3):
            if at + size < len(text) and text[at + size] in seps:
                return at, at + size
    run = re.match(f"[{CJK}]{{1,3}}", text[at : at + 3])
    if run is None:
        return None
    # 王毅、李权，: the list's last item, closed by a comma, not by 等 or 和
    name = _trim_name(run.group(), text, at)
    return (at, at + len(name)) if len(name) >= 2 else None


def _list_name_ok(text: str, start: int, end: int, *, start_known: bool = True) -> bool:
    """A listed item is a name when it passes the weak-cue checks and jieba's word
    edges (the start is the separator's end, unless ``start_known`` is False)."""
    name = text[start:end]
    if name in word_set("person:words.foreign-states"):
        return False  # 塞内加尔总统萨勒、吉布提总统盖莱: the next item is a state
    ok = _weak_name_ok(name) or (
        _full_name_third(name, text, start) and _weak_name_ok(name[:2])
    )  # 王振时同志: 时 ends the name (person:chars.third-before-full-name)
    return ok and _word_aligned(text, start, end, start_known=start_known)


def _free(taken: AbstractSet[int], start: int) -> bool:
    """Whether ``add`` can still take a name starting at ``start``.

    ``add`` refuses a start it has taken, so the weaker rules ask first and skip
    their checks (a jieba segmentation among them) for a name found already:
    a third of the names before a verb of speech were found after their title.
    """
    return start not in taken


@cache
def _frames() -> tuple[
    tuple[
        re.Pattern[str], str, tuple[str, ...] | None, tuple[str, tuple[int, ...]] | None
    ],
    ...,
]:
    return tuple(
        (
            re.compile(row["frame"]),
            row["kind"],
            _required_words(row["frame"]),
            _name_then_literal(row["frame"]),
        )
        for row in load_table("person_frames.txt")
    )


@cache
def _frame_words() -> tuple[ahocorasick_rs.AhoCorasick, tuple[frozenset[int], ...]]:
    """An automaton of the words the frames need (``_required_words``), and per frame
    the indexes of its own: the words a text holds are found in one pass, not with
    one ``in`` per word and frame (~90 scans of each text)."""
    words = sorted({w for _, _, required, _ in _frames() for w in required or ()})
    index = {word: i for i, word in enumerate(words)}
    needs = tuple(
        frozenset(index[w] for w in required or ()) for _, _, required, _ in _frames()
    )
    # (an automaton needs one pattern at least: a blank line when no frame needs one)
    return ahocorasick_rs.AhoCorasick(words or ["\n\n"]), needs


# A frame that opens with the name: the frame's words follow it.
_NAME_FIRST = "(?P<name>"

# A frame that opens with the name, two or three characters, then a literal character
# or a group of literal words ((?:同志|女士|先生)).
_NAME_THEN_LITERAL = re.compile(
    r"^\(\?P<name>\[\\u4e00-\\u9fff\]\{(\d)(?:,(\d))?\}\)"
    r"(?:([^\\\[\](){}?*+.|^$])|\(\?:([^\\\[\](){}?*+.^$]+)\))"
    # then perhaps a group of literal words that no quantifier follows: 家(?:的|人)
    r"(?:\(\?:([^\\\[\](){}?*+.^$]+)\)(?![?*+{]))?"
)


def _name_then_literal(frame: str) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """For a frame (?P<name>[\u4e00-\u9fff]{2,3})家… or …{2,3})(?:同志|女士)…: the
    words that may follow the name and the name's lengths, so the frame is tried only
    that far before one of them (re would try it at every character of the text, and
    a match starting one character early, 楷模李成|同志, would hide the name)."""
    match = _NAME_THEN_LITERAL.match(frame)
    if match is None:
        return None
    least, most = int(match.group(1)), int(match.group(2) or match.group(1))
    after = (match.group(3),) if match.group(3) else tuple(match.group(4).split("|"))
    if match.group(5):  # ,(?:他|她): only where ,他 or ,她 follows, not every comma
        after = tuple(a + b for a in after for b in match.group(5).split("|"))
    return after, tuple(range(least, most + 1))


def _required_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` contains, if its top level says.

    岁的 for (?:\\d+|…)岁的(?P<name>…), 老两口|夫妇|一家 for (?P<name>…)(?:老两口|夫妇|一家),
    名叫|叫做|叫 for (?:名叫|叫做|(?<=[，,、])叫)…: a run of literal characters in the
    pattern's top-level sequence, or a group of alternatives each holding one. None
    when there is none (or re's parser, a private module, is not what it was): the
    frame then runs on every text.
    """
    try:
        from re import _constants as sre
        from re import _parser

        def runs(items: list) -> list[str]:  # type: ignore[type-arg]
            """The runs of literal characters in a sequence of parsed items."""
            found, run = [], ""
            for op, av in items:
                if op is sre.LITERAL:
                    run += chr(av)
                    continue
                if run:
                    found.append(run)
                run = ""
            return [*found, run] if run else found

        parsed = _parser.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        found: list[tuple[str, ...]] = [(run,) for run in runs(list(parsed))]
        for op, av in parsed:
            if op is sre.SUBPATTERN and not av[1] and len(av[-1]) == 1:
                op, av = av[-1][0]  # a group (no flags) holding one item: that item
            if op is sre.BRANCH:  # every alternative brings its longest literal run
                words = [max(runs(list(alt)), key=len, default="") for alt in av[1]]
                if all(words):
                    found.append(tuple(words))
    except Exception:  # any surprise: no prefilter, the same output
        return None
    return max(found, key=lambda ws: min(map(len, ws))) if found else None


def _add_frames(text: str, add: Callable[..., None], taken: AbstractSet[int]) -> None:
    """73岁的刘建久, 叫马建祥, 像施明平这样, 廖建成老两口 (``person_frames.txt``)."""
    starts: dict[tuple[tuple[str, ...], tuple[int, ...]], list[int]] = {}
    finder, needs = _frame_words()
    present = {i for i, _, _ in finder.find_matches_as_indexes(text, overlapping=True)}
    for (frame, kind, required, after_name), need in zip(_frames(), needs, strict=True):
        if required is not None and present.isdisjoint(need):
            continue  # a word every match needs is not in the text
        # a frame opening with the name is tried at each start that fits, a start
        # whose "name" is none (模李成 of 楷模李成同志) leaving the next one its chance
        # (the starts before each comma are found once for the four frames of X，)
        if after_name is not None and after_name not in starts:
            starts[after_name] = _starts_before(text, *after_name)
        matches = (
            (frame.match(text, at) for at in starts[after_name] if at >= 0)
            if after_name is not None
            else frame.finditer(text)
        )
        resume, missed = 0, -1
        for match in matches:
            if match is None or match.start() < resume:
                continue
            start = match.start("name")
            if not _free(taken, start):
                resume = match.end()  # 李鸿忠同志: found already (a national leader)
                continue
            end = _frame_name_end(text, frame, match)
            if end is not None and start == missed + 1 and not _after_word(text, start):
                end = None  # 福田康夫先生: the start before held no name, nor this one
            if end is None:
                missed = start
                continue
            add(start, end, "person:frame", kind, [])
            resume = match.end()


def _add_familiar_later(
    text: str, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """邵锦田……老邵原来是: a three-character word jieba made of a surname and two
    characters its dictionary lacks, the text calling the same surname 老… or 小… later
    (person:chars.familiar-prefix): a person, named in full, then familiarly."""
    prefixes = chars("person:chars.familiar-prefix")
    surnames = word_set("person:surnames")
    known = jieba_words()
    last: dict[str, int] = {}  # surname -> where the text last calls it 老…/小…
    for match in _familiar_pattern().finditer(text):
        at, surname = match.start(), match.group(1)
        if surname in surnames and match.group() not in known:
            last[surname] = at
    for surname, until in last.items():
        at = text.find(surname)
        while 0 <= at < until:
            start, at = at, text.find(surname, at + 1)
            name = text[start : start + 3]
            if (
                not _free(taken, start)
                or text[start - 1 : start] in prefixes
                or name in known
                or not _weak_name_ok(name)
                or _cuts(text, start - 6, start + 8).get(start) != start + 3
            ):
                continue
            add(start, start + 3, "person:familiar-later", "other", [])


@cache
def _clause_start_three() -> re.Pattern[str]:
    """Three characters opening a clause, the first a one-character surname."""
    surnames = "".join(sorted(s for s in word_set("person:surnames") if len(s) == 1))
    opens = re.escape(
        chars("person:chars.clause-open") + chars("person:chars.repeated-name-open")
    )
    return re.compile(
        f"(?:(?<=[{opens}])|^)([{re.escape(surnames)}][{CJK}]{{2}})", re.M
    )


def _add_repeated_names(
    text: str, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """竺士杰……竺士杰每天的工作: a word jieba makes of a surname and two characters its
    dictionary lacks, opening a clause and written again in the text
    (person:repeated-name); each place jieba makes it a word is a mention."""
    known = jieba_words()
    spelled = chars("person:chars.transliteration") + chars("person:chars.name-dot")
    ends = chars("person:chars.repeated-name-not-end")
    place_words = longest_first("person:words.repeated-name-not-before")
    tried: set[str] = set()
    for match in _clause_start_three().finditer(text):
        name = match.group(1)
        if name in tried:
            continue
        if (
            name[2] in ends
            or text.count(name) < 2
            or name in known
            or not _weak_name_ok(name)
        ):
            tried.add(name)
            continue
        if not _one_word(text, match.start(), match.end()):
            continue  # no word of jieba's here: another clause it opens may say
        tried.add(name)
        spans = []
        at = text.find(name)
        while at >= 0:
            end = at + 3
            if text.startswith(place_words, end):
                spans = []  # 景田北|片区: a place the text names more than once
                break
            if (
                text[end : end + 1] not in spelled  # 格鲁埃|夫斯基, 伊姆兰|·汗
                and text[at - 1 : at] not in spelled
                and _one_word(text, at, end)
                and not _ends_a_place(text, at, end)
            ):
                spans.append(at)
            at = text.find(name, at + 1)
        if len(spans) >= 2:
            for at in spans:
                if _free(taken, at):
                    add(at, at + 3, "person:repeated-name", "other", [])


def _one_word(text: str, start: int, end: int) -> bool:
    """Whether jieba makes one word of ``text[start:end]`` (a small window), or of it
    and one character after it that is no word of its dictionary (张秀莲带|着: its HMM
    glues a new name to the verb after it)."""
    found = _cuts(text, start - 6, end + 6).get(start)
    return found == end or (
        found == end + 1
        and _cjk(text, end)
        and text[start : end + 1] not in jieba_words()
    )


@cache
def _familiar_pattern() -> re.Pattern[str]:
    """A familiar prefix (person:chars.familiar-prefix) and the character after it."""
    return re.compile(f"[{re.escape(chars('person:chars.familiar-prefix'))}](.)")


def _frame_name_end(
    text: str, frame: re.Pattern[str], match: re.Match[str]
) -> int | None:
    """Where the name of a frame's match ends, if it is one."""
    start = match.start("name")
    if not is_name(match.group("name")):
        return None  # nor is its first two characters' (大家的, 国家的): no jieba
    if text[start - 1 : start] in _before_no_name():
        return None  # 司马义·艾买提同志: a dotted name's part; 260万失能老人: a figure
    name = _trim_name(match.group("name"), text, start)
    end = start + len(name)
    if text[end - 1 : end + 1] in common_words():
        return None  # 党和国|家的, 权威专|家的: the name runs into a word
    if (
        frame.pattern.startswith(_NAME_FIRST)
        and end != match.end("name")
        and text[end] not in _chars()["list_start"]
    ):
        return None  # 尊重和敬仰|的同志: cut short, the name no longer meets the
        # frame (周波|和一家人 does: the frame is about both)
    if end != match.end("name") and not _cjk(text, match.end("name")):
        return None  # 家住…的刘用善，: the frame ends the name at the comma; cut short
        # (刘用|善), it is no name the frame found
    if text[end : end + 1] in _before_no_name():
        return None  # 苏玛|·胡萨妮: the first part of a dotted name
    if name in word_set("person:roles") or _nr_word_once(name, text, end):
        return None  # 来自…的宣讲员, 来自中国的祝福|传递: a role, a word
    if _verb_then_time(name):
        return None  # 康复后|立即, 关停后|，他: a verb and 后, not a name
    if _noun_compound(name):
        return None  # 像白菜苗一样: a thing of a simile, not a name
    if name[-1] in chars("person:chars.place-end"):
        return None  # 在某县大湾乡陈岭村，他…; 某州韦恩县一家: a place, not a name
    if _weak_name_ok(name) and _word_aligned(text, start, end):
        return end
    return None


def _noun_compound(name: str) -> bool:
    """白菜|苗, 金子|光: three characters, a noun of jieba's dictionary and a noun or a noun
    morpheme (person:words.compound-head-tags, person:words.compound-tail-tags),
    that its dictionary knows as no name: a thing, not a person."""
    tags = word_tags()
    return (
        len(name) == 3
        and not tags.get(name, "").startswith("nr")
        and tags.get(name[:2]) in word_set("person:words.compound-head-tags")
        and tags.get(name[2]) in word_set("person:words.compound-tail-tags")
    )


def _after_word(text: str, start: int) -> bool:
    """Whether a word of jieba's dictionary, no name nor place, ends right before
    ``start`` (楷模|李成, not 福田|康夫), or no character of a word does."""
    if not _cjk(text, start - 1):
        return True
    cuts = _cuts(text, start - 6, start + 4)
    tags = word_tags()
    return any(
        end == start and tags.get(text[lo:end], "nr")[:2] not in ("nr", "ns")
        for lo, end in cuts.items()
    )


@cache
def _before_no_name() -> frozenset[str]:
    """What cannot stand right before a frame's name (person:chars.before-no-name and
    the middle dots of dotted names)."""
    return frozenset(
        chars("person:chars.before-no-name") + chars("person:chars.name-dot")
    )


def _weak_name_ok(name: str) -> bool:
    """Stricter checks for names found by weaker cues (a role word, a speech verb).

    群众和社会, 党员常态化: a surname that is mostly a function word starts the rest of
    the sentence, not a person.
    """
    return (
        is_name(name)
        and name[0] not in _chars()["function"]
        and name not in common_words()
        and word_tags().get(name, "nr").startswith("nr")  # 党代会 is a word (j)
        and word_tags().get(name[:2]) != "ns"  # 蒙古马精神: a place, then a word
        # 村民干了: a verb and its aspect particle, not a name
        and name[-1] not in word_set("person:words.aspect-particle")
        # 女儿童和妇联: a character, then 和 joining the next word
        and not (len(name) == 2 and name[1] in _chars()["list_start"])
        # 追求卓越的精神, 马丁还表示: the third character begins the next word
        and not (len(name) == 3 and name[2] in _chars()["not_third"])
    )


def _word_aligned(
    text: str, start: int, end: int, *, start_known: bool = False
) -> bool:
    """Whether jieba starts and ends a word at the name's edges (a small window only).

    游客慕名而来 has no name 慕名而: the span ends inside the word 慕名而来.
    """
    sets = _chars()
    after = text[end : end + 1]
    if start_known and (after in sets["not_third"] or after in sets["after_name"]):
        return True  # whatever jieba cuts, ends_ok below holds: no segmentation (speed)
    window_start = max(0, start - 6)
    cuts, pos = set(), window_start
    for word in segment(text[window_start : end + 6]):  # jieba.lcut
        cuts.add(pos)
        pos += len(word)
    cuts.add(pos)
    # 谭建周家: jieba cuts 谭建|周家, but a name is often followed by 家 or a particle.
    ends_ok = end in cuts or after in sets["not_third"] or after in sets["after_name"]
    ends_ok = ends_ok or (start in cuts and _glued_verb(text, start, end, cuts))
    return (start_known or start in cuts) and ends_ok


def _glued_verb(text: str, start: int, end: int, cuts: AbstractSet[int]) -> bool:
    """郭永福住, 孙立华犯, 丘尔丁则: jieba glued the name and a one-character verb
    (person:words.glued-verb-tags) or linking adverb (person:chars.glued-adverb)
    after it into a word of no dictionary."""
    if end + 1 not in cuts or any(c in cuts for c in range(start + 1, end + 1)):
        return False
    if text[start : end + 1] in jieba_words():
        return False
    if text[end] in chars("person:chars.glued-adverb"):
        return True  # 某某则|表示: an adverb linking the clause, not part of the name
    tag = word_tags().get(text[end], "")
    return any(tag.startswith(t) for t in words("person:words.glued-verb-tags"))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Every pattern of kg/rules/person/*.toml the rules below use, compiled once."""
    return {
        "leader": re.compile(alternation("person:national-leaders")),
        "figure": re.compile(alternation("person:historical-figures")),
        "title_name": pattern("person:pattern.title-name"),
        "signature": pattern("person:pattern.signature"),
        "caption": pattern("person:pattern.caption"),
        "tibetan": pattern("person:pattern.tibetan-name"),
        "role": pattern("person:pattern.role-name"),
        "role_suffix": pattern("person:pattern.role-suffix-name"),
        "correlative": pattern("person:pattern.correlative"),
        "historical": pattern("person:pattern.historical"),
        "historical_list": pattern("person:pattern.historical-list"),
        "speech": pattern("person:pattern.speech"),
        "speech_foreign": pattern("person:pattern.speech-transliterated"),
        "dotted": pattern("person:pattern.dotted-name"),
        "foreign_run": pattern("person:pattern.foreign-run"),
        "headline": pattern("person:pattern.headline-post"),
    }


def _title_list(
    text: str, title_start: int, title: str
) -> list[tuple[int, str, bool, bool]]:
    """The posts of a title list ending in ``title``: (title start, title, former,
    marked), left to right — 时任阳高县…局局长、现任应急管理局局长 is two posts, the
    first former; 党总支书记、村委会主任 two current ones.

    The list is the clause before the title, cut at 、; a piece before the last must
    end in a title, else the list starts after it. A marker of a past post (原, 时任)
    makes that post and the ones after it former, until a marker of a present one
    (现任); ``marked`` says a marker of either kind was written.
    """
    clause_start = max(0, title_start - 60)
    for sep in chars("person:chars.post-clause-end"):
        clause_start = max(clause_start, text.rfind(sep, clause_start, title_start) + 1)
    clause = text[clause_start:title_start]
    pieces = _title_list_split().split(clause)
    found: list[tuple[int, str]] = [(title_start, title)]
    pos = title_start - len(pieces[-1])
    for piece in reversed(pieces[:-1]) if _org_piece(pieces[-1]) else ():
        pos -= len(piece) + 1
        if not piece.endswith(_titles()):
            break
        before = next(t for t in _titles() if piece.endswith(t))
        joined = text[pos + len(piece)] in word_set("person:words.title-joiners")
        if not _org_piece(piece[: -len(before)]):
            if joined:  # 某国政府总理兼外长: 兼 joins two titles, whatever is before
                found.insert(0, (pos + len(piece) - len(before), before))
            break
        found.insert(0, (pos + len(piece) - len(before), before))
    posts = []
    former = False
    start = found[0][0] - len(pieces[-len(found)]) + len(found[0][1])
    for at, name in found:
        piece = text[start:at]
        current = any(w in piece for w in words("person:words.current-marker"))
        past = bool(pattern("person:pattern.former").search(piece))
        verb = any(w in piece for w in words("person:words.de-verbs"))
        former = (former or past) and not current
        posts.append((at, name, former, current or past or verb))
        start = at + len(name) + 1
    if len(found) > 1:
        return posts
    # one title: the marker is looked for as before, within 14 characters
    former = _former_before(text, title_start)
    current = any(w in pieces[-1] for w in words("person:words.current-marker"))
    verb = any(w in pieces[-1] for w in words("person:words.de-verbs"))
    return [(title_start, title, former, former or current or verb)]


@cache
def _title_list_split() -> re.Pattern[str]:
    """What cuts a title list into pieces: the list separator (、) and the joiners of
    two titles (person:words.title-joiners: 总理兼外长; not 兼职,
    person:chars.title-joiner-not-before), one character each."""
    not_before = re.escape(chars("person:chars.title-joiner-not-before"))
    joiners = "|".join(
        f"{re.escape(w)}(?![{not_before}])" for w in words("person:words.title-joiners")
    )
    return re.compile(f"{re.escape(chars('person:chars.list-sep')[0])}|{joiners}")


def _de_verb_only(text: str, title_start: int) -> bool:
    """Whether only a verb taking a post (person:words.de-verbs: 就任村书记的某某), no
    marker of a present or past post, lets 的 stand between a title and the name:
    the post is then held only where it is written right before the title."""
    clause_start = max(0, title_start - 30)
    for sep in chars("person:chars.post-clause-end"):
        clause_start = max(clause_start, text.rfind(sep, clause_start, title_start) + 1)
    clause = text[clause_start:title_start]
    return (
        any(w in clause for w in words("person:words.de-verbs"))
        and not any(w in clause for w in words("person:words.current-marker"))
        and pattern("person:pattern.former").search(clause) is None
    )


def _deputy_title(text: str, at: int, title: str) -> tuple[int, str]:
    """副 written right before a title that does not start with it joins it (服务站副|站长
    → 副站长: titles.txt need not list every deputy's form). Returns (start, title)."""
    mark = chars("person:chars.deputy-mark")
    if at > 0 and text[at - 1] in mark and title[:1] not in mark:
        return at - 1, text[at - 1] + title
    return at, title


def _qualified_title(text: str, at: int, title: str) -> tuple[int, str]:
    """A generic post word (person:titles.qualified) with the word before it that says
    what the post is for: 民政|助理员 → 民政助理员, “控辍保学”专员 → 控辍保学专员
    (a quoted qualifier whole); else the title as it is. Returns (start, title)."""
    if title not in word_set("person:titles.qualified"):
        return at, title
    quoted = pattern("person:pattern.quoted-qualifier").search(text, max(0, at - 8), at)
    if quoted:
        return quoted.start(), quoted.group("qualifier") + title
    tokens = segment(text[max(0, at - 8) : at])
    word = tokens[-1] if tokens else ""
    if (
        len(word) < 2
        or word_tags().get(word) not in word_set("person:words.qualifier-tags")
        or word.endswith(_org_words())
    ):
        return at, title
    return at - len(word), word + title


@cache
def _org_words() -> tuple[str, ...]:
    """The words that end an organisation's name (organization:suffixes) and an office
    (处): a word ending in one names where a post is held, not what it is for."""
    return (*words("organization:suffixes"), *chars("person:chars.office-end"))


def _org_piece(piece: str) -> bool:
    """Whether the text before a title in a list can be just its organisation: no
    other title in it (主席王晨14日在京会见了由|会长唐某: another person's post and a
    sentence), no figure, not longer than an organisation's name."""
    return (
        len(piece) <= 25
        and not any(ch.isdigit() for ch in piece)
        and _title_pattern().search(piece) is None
    )


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(alternation("person:titles"))


def _former_before(text: str, title_start: int) -> bool:
    """原肖家镇党委书记, 时任梁平区委书记: the post is a past one.

    Looks back over the organisation before the title, within the clause.
    """
    clause = re.split(
        r"[,，。;；:：、\n“”]", text[max(0, title_start - 14) : title_start]
    )[-1]
    return bool(pattern("person:pattern.former").search(clause))


def _add_headline_posts(doc: Document, add: Callable[..., None]) -> None:
    """【最美基层干部】X：百姓心中的“尼瓦”乡长: a headline naming a person, then what
    they are, ending in a title (``person:pattern.headline-post``). The name must be
    written again in the body, and be a name (a surname, or transliterated)."""
    text = doc.clean
    for article in doc.articles:
        if article.title is None:
            continue
        line_start, line_end = article.title
        match = _patterns()["headline"].match(text[line_start:line_end])
        if match is None:
            continue
        name = match.group("name")
        start = line_start + match.start("name")
        if text.find(name, line_end) < 0:
            continue  # named in the headline only: no second word on it
        if not (is_name(name) or (_foreign_name_ok(name) and len(name) >= 3)):
            continue
        at = line_start + match.start("title")
        title = match.group("title")
        post = {
            "title": title,
            "org": None,
            "former": False,
            "at": doc.to_original(at, at + len(title))[0],
        }
        add(start, start + len(name), "person:headline-post", "official", [post])


# How every "signature" match ends: a space, the name, spaces, the end of a line.
_SIGNATURE_TAIL = re.compile(f"[ \t\u3000][{CJK}]{{2,3}}[ \t\u3000]*$", re.MULTILINE)
_CAPTION_TAIL = re.compile(f"[ \t][{CJK}]{{2,3}}:")


def _station(text: str) -> str | None:
    """The broadcaster a document names (person:words.broadcaster-cues), if any."""
    for cue, station in word_values("person:words.broadcaster-cues").items():
        if cue in text:
            return station
    return None


def _add_signature_lines(doc: Document, add: Callable[..., None]) -> None:
    """海拉尔区人民政府区长　　张建喜: a post, spaces, then a name ending the line."""
    text = doc.clean
    if _CAPTION_TAIL.search(text) is not None:
        # 某县副县长 王立平: an interview caption, the speaker under a post
        for match in _patterns()["caption"].finditer(text):
            if is_name(match.group("name")):
                posts = parse_posts(match.group("post"))
                for post in posts:
                    if post["org"] in word_set("person:words.own-station"):
                        post["org"] = _station(text)
                add(*match.span("name"), "person:caption", "official", posts)
    if _SIGNATURE_TAIL.search(text) is None:
        return  # no line ends in spaces and a name: re would try every line
    for match in _patterns()["signature"].finditer(text):
        if not is_name(match.group("name")):
            continue
        posts = parse_posts(match.group("post"))
        add(
            match.start("name"),
            match.end("name"),
            "person:signature",
            "official",
            posts,
        )


@cache
def _tibetan_parts() -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(list(words("person:words.tibetan-parts")))


def _tibetan_pair(text: str) -> bool:
    """Whether two parts of a Tibetan name stand side by side anywhere in ``text``:
    a cheap test before the pattern ``person:pattern.tibetan-name`` runs."""
    found = _tibetan_parts().find_matches_as_indexes(text, overlapping=True)
    if len(found) < 2:
        return False
    starts = {start for _, start, _ in found}
    return any(end in starts for _, _, end in found)


def _add_tibetan_names(
    text: str,
    add: Callable[..., None],
    spans: list[tuple[int, int, str]],
    names: AbstractSet[str],
) -> None:
    """次仁罗布: two parts of a Tibetan name, a name outside any found one."""
    if not names:
        return
    for match in _patterns()["tibetan"].finditer(text):
        start, end = match.span("name")
        if not any(s < end and start < e for s, e, _ in spans):
            add(start, end, "person:tibetan-name", "other", [])


def _add_workplace_name_title(
    doc: Document, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """北京市八一学校的张建红老师: a workplace, a name and a title said after it."""
    text = doc.clean
    titles = dict(w.split(":") for w in words("person:words.title-after-name"))
    if not any(title in text for title in titles):
        return  # no title said after a name: spare the pattern's scan
    for match in pattern("person:pattern.workplace-name-title").finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        if not _free(taken, start) or not _weak_name_ok(name):
            continue
        at = doc.to_original(start, end)[0]
        post = {
            "title": titles[match.group("title")],
            "org": match.group("org"),
            "former": False,
            "at": at,
        }
        add(start, end, "person:workplace-name-title", "other", [post])


# How far before person:pattern.one-of-them's comma the group's post is looked for.
_GROUP_POST_BACK = 12


def _add_as_post_name(
    doc: Document, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """作为科技特派员，刘明华…: a post or role said with 作为, then the name of who holds
    it; …科技特派员，谢建鑫就是其中的一个: one of a group, holding its post if it names one."""
    text = doc.clean
    group_post = pattern("person:pattern.group-post")
    found = [
        (match, match.group("title"), match.span("title"))
        for match in finditer("person:pattern.as-post-name", text)
    ]
    for match in finditer("person:pattern.one-of-them", text):
        lo = max(0, match.start() - _GROUP_POST_BACK)
        group = group_post.search(text, lo, match.start())
        found.append(
            (
                match,
                *(
                    (group.group("title"), group.span("title"))
                    if group
                    else (None, (0, 0))
                ),
            )
        )
    for match, title, title_span in found:
        start = match.start("name")
        name = _trim_name(match.group("name"), text, start)
        end = start + len(name)
        if not (
            _free(taken, start)
            and _weak_name_ok(name)
            and _word_aligned(text, start, end, start_known=True)
        ):
            continue
        if title is None:  # …入党，安某就是其中一位: one of a group, no post
            add(start, end, "person:as-post-name", "other", [])
            continue
        at = doc.to_original(*title_span)[0]
        post = {"title": title, "org": None, "former": False, "at": at}
        kind = "official" if title in _titles() else "other"
        add(start, end, "person:as-post-name", kind, [post])


def _add_role_then_name(
    doc: Document, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """村民谭建周, 贫困户谭建周: an ordinary person, named after what they are."""
    text = doc.clean
    # overlapping: 乡村医生罗寿华 is 村医 + 生罗寿 (turned down), then 医生 + 罗寿华
    matches = itertools.chain(
        _overlapping(_patterns()["role"], text),
        _overlapping(_patterns()["role_suffix"], text),
    )
    for match in matches:
        role_start = match.start("role")
        start = match.start("name")
        if not _free(taken, start) or _dotted_at(text, start) is not False:
            continue  # 居民阿沙都克热木·司马义: left to the dotted names
        if text[role_start : start + 1] in jieba_words():
            continue  # 工人党|和平, 居民区|竟: the role word runs into the "name"
        if (
            text[max(0, role_start - 1) : role_start + 1] in common_words()
            and text[role_start + 1 : start + 1] in common_words()
        ):
            continue  # 妇女|儿童: two words, the role word (女儿) astride them
        if _role_suffix_compound(text, role_start, start):
            continue  # 成员国, 观察员国: the …员 noun goes on, no name follows
        foreign = _foreign_run(text, start)
        name = match.group("name")
        # _trim_name gives the name or its first two characters: when neither passes
        # _weak_name_ok, or a foreign name is taken, nothing below depends on which
        # (speed: 1,700 of 2,900 segmentations on 3,000 bulk items)
        if foreign is None and (_weak_name_ok(name) or _weak_name_ok(name[:2])):
            name = _trim_name(name, text, start)
        if foreign is None and not _weak_name_ok(name):
            foreign = _foreign_run(text, start, 3)  # 客商瑟达尔: no Han surname
        if foreign is not None:  # 维吾尔族老人麦提尼昂孜: not 麦提尼
            add(start, foreign, "person:transliterated", "other", [])
            continue
        if name in word_set("person:roles"):
            continue  # 孙子|孙女: a second role word of a list, not a name
        # the role word ends right before the name, whatever jieba makes of 传承人赖…
        if (
            _weak_name_ok(name)
            and not _role_word_not_name(name, text, start + len(name))
            and not _not_whole_name(text, start, start + len(name))
            and _word_aligned(text, start, start + len(name), start_known=True)
        ):
            add(
                match.start("name"),
                match.start("name") + len(name),
                "person:role-name",
                "other",
                _workplace_role_post(doc, role_start, start),
            )


def _not_whole_name(text: str, start: int, end: int) -> bool:
    """After a role word, no name or not all of one: the correlative 边…边 (司机边开车
    边…: person:pattern.correlative), or a first part a middle dot goes on from
    (报告员某某·某某: a dotted name the role word does not end, left to the dotted
    names)."""
    if end < len(text) and text[end] in chars("person:chars.name-dot"):
        return True
    return _patterns()["correlative"].match(text, start) is not None


def _foreign_party_before(text: str, at: int) -> bool:
    """越共中央|总书记: a foreign ruling party's central committee ends right before
    ``at`` (person:words.foreign-party-centre), so 总书记 there is its leader's title."""
    return any(
        text.endswith(word, 0, at)
        for word in words("person:words.foreign-party-centre")
    )


def _role_suffix_compound(text: str, role_start: int, start: int) -> bool:
    """An occupation noun person:chars.role-suffix made (no listed role word) that
    gives no name: a character after it that makes a longer noun with it
    (person:chars.role-suffix-compound: 成员|国应, 观察员|国地位), or a tail that is a
    listed title or role word itself (论坛成员方国…: 成员 keeps its own checks)."""
    if text[role_start:start] in word_set("person:roles"):
        return False
    return text[start] in chars("person:chars.role-suffix-compound") or (
        text[start - 2 : start] in word_set("person:roles") | word_set("person:titles")
    )


def _workplace_role_post(
    doc: Document, role_start: int, end: int
) -> list[dict[str, object]]:
    """南开区环卫工人王某, 来自某技工学校的学生王某: a role word that is a post where
    one works or studies (person:words.workplace-roles) is a post; ``adjacent``: the
    linker gives it only the organisation or place written right before it (or after
    来自 and before 的), never the sentence's or the article's place."""
    role = doc.clean[role_start:end]
    if role not in word_set("person:words.workplace-roles"):
        return []
    at = doc.to_original(role_start, end)[0]
    return [{"title": role, "org": None, "former": False, "at": at, "adjacent": True}]


def _verb_then_time(name: str) -> bool:
    """关停后, 康复时: a verb of jieba's dictionary (person:role-name.verb-head) or
    another word of it (康复, which it tags nr) and a character of time after it
    (person:chars.verb-time-end), not a name (宗庆后 is one: 宗庆 is no word)."""
    head = word_tags().get(name[:2], "")
    return (
        len(name) == 3
        and name[2] in chars("person:chars.verb-time-end")
        and (
            name[:2] in jieba_words()
            or any(head.startswith(t) for t in words("person:role-name.verb-head"))
        )
    )


@cache
def _describing_particle() -> re.Pattern[str]:
    """Any particle of person:chars.describing-particle (的)."""
    return re.compile(f"[{re.escape(chars('person:chars.describing-particle'))}]")


def _add_after_de(text: str, add: Callable[..., None], taken: AbstractSet[int]) -> None:
    """开餐馆的赵小梅回村, 学过木工的马志荣办了个厂: a name after 的 that a clause
    describes (person:after-de). jieba, reading from the name on, must make it one word
    of three characters its dictionary lacks (two after 的 are too often a thing it
    lacks, 的古乐, 的贺辞, or a name cut short, 的吴维|专), tag it a name (nr) and tag
    the word after it one of person:words.after-de-next-tags, or a comma follow; the
    name ends in no character of a place or a thing (person:chars.repeated-name-not-end:
    的马庄村, 的普惠性)."""
    surnames = word_set("person:surnames")
    next_tags = tuple(words("person:words.after-de-next-tags"))
    ends = chars("person:chars.repeated-name-not-end")
    for particle in _describing_particle().finditer(text):
        start = particle.end()
        if text[start : start + 1] not in surnames or not _free(taken, start):
            continue
        # The tests of the name alone first (speed: most 的 + surname fail them): a
        # name found is jieba's first word of three characters, so these three.
        name = text[start : start + 3]
        if (
            len(name) < 3
            or name in jieba_words()
            or name[-1] in ends
            or not _weak_name_ok(name)
        ):
            continue
        window = tag(text[start : start + 8])
        if len(window) < 2:
            continue
        (name, flag), (after, after_flag) = window[0], window[1]
        if not (
            len(name) == 3
            and flag.startswith("nr")
            and name not in jieba_words()  # 的关怀: a word its dictionary tags nr
            and (after_flag.startswith(next_tags) or after in ("，", ","))
            and name[-1] not in ends
            and _weak_name_ok(name)
            # in context jieba may cut the name otherwise (木工的马志|荣办), but never
            # leaves its surname a word of its own (的马|铃薯)
            and _cuts(text, start - 6, start + 8).get(start) != start + 1
            and not _role_word_not_name(name, text, start + len(name))
        ):
            continue
        add(start, start + len(name), "person:after-de", "other", [])


@cache
def _trade_pattern() -> re.Pattern[str]:
    """The last character of a trade word (person:chars.trade-end), the name after it a
    lookahead."""
    ends = re.escape(chars("person:chars.trade-end"))
    return re.compile(f"[{ends}](?=([{CJK}]{{2,3}}))")


def _add_trade_then_name(
    text: str, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """维修工黄开云, 总设计师杨长风, 皮匠王曾全: a trade word jieba's dictionary holds as a
    noun (person:words.trade-tags), ending in 工, 师 or 匠, right before a name; not
    a character and a common word jieba cuts after it (社工|师|评价)."""
    tags = tuple(words("person:words.trade-tags"))
    known = word_set("person:roles") | word_set("person:titles")
    surnames = word_set("person:surnames")
    work_ends = chars("person:chars.trade-end-work")
    for match in _trade_pattern().finditer(text):
        start = match.end()
        if text[start] not in surnames or not any(
            word_tags().get(text[lo:start], "").startswith(tags)
            and text[lo:start] not in known
            for lo in range(max(0, start - 4), start - 1)
        ):
            continue  # no surname after, or no trade word ends here
        if not _free(taken, start) or _dotted_at(text, start) is not False:
            continue
        name = _trim_name(match.group(1), text, start)
        if not _weak_name_ok(name) or _role_word_not_name(
            name, text, start + len(name)
        ):
            continue
        cuts = _cuts(text, start - 6, start + 6)
        trade = next((text[lo:start] for lo, end in cuts.items() if end == start), "")
        given = text[start + 1 : start + len(name)]
        if (
            len(trade) >= 2
            and trade not in known
            and word_tags().get(trade, "").startswith(tags)
            and not (trade[-1] in work_ends and trade in common_words())
            and not (
                cuts.get(start + 1) == start + len(name) and given in common_words()
            )
            and _word_aligned(text, start, start + len(name), start_known=True)
        ):
            add(start, start + len(name), "person:trade-name", "other", [])


def _nr_word_once(name: str, text: str, end: int) -> bool:
    """游客慕名|来到, 院士荣获|国家: a two-character word jieba tags as a name and has
    seen often (person:count.nr-word-freq-once), starting with no common surname,
    written once in the text and running into the next word: a word, not a name."""
    freq, tag = jieba_words().get(name, (0, ""))
    return (
        len(name) == 2
        and tag == "nr"
        and freq >= int(words("person:count.nr-word-freq-once")[0])
        and name[0] not in _common_surnames()
        and _cjk(text, end)
        and text[end] not in _chars()["not_third"]
        and text.count(name) < 2
    )


@cache
def _common_surnames() -> frozenset[str]:
    """The commonest surnames: the first lines of person:surnames, ranked by the
    census (person:count.common-surnames)."""
    least = int(words("person:count.common-surnames")[0])
    ranked = [s for s in words("person:surnames") if len(s) == 1]
    return frozenset(ranked[:least])


def _role_word_not_name(name: str, text: str, end: int) -> bool:
    """工人师傅们, 教师荣誉制度, 农民丰收节: after a role word, a word jieba tags as a name
    but uses often (person:count.nr-word-freq), or one it uses less often that the
    text writes only once, starting with no common surname and running into the next
    word (游客慕名|来到, 院士荣获|国家: person:count.nr-word-freq-once);
    three characters starting with such a frequent word (工人师傅|吃); or a verb and
    what follows it (person:role-name.verb-head)."""
    if len(name) == 2:
        freq, tag = jieba_words().get(name, (0, ""))
        if tag != "nr":
            return False
        return freq >= int(words("person:count.nr-word-freq")[0]) or _nr_word_once(
            name, text, end
        )
    freq, tag = jieba_words().get(name[:2], (0, ""))
    if tag == "nr" and freq >= int(words("person:count.nr-word-freq")[0]):
        return True
    head = word_tags().get(name[:2], "")
    return any(head.startswith(t) for t in words("person:role-name.verb-head"))


# How far back person:chars.locative looks for the thing a locative speaks of again.
_LOCATIVE_BACK = 20


def _thing_again(text: str, start: int, name: str) -> bool:
    """写了一封信，信中说: a noun and a locative (person:chars.locative) whose noun the
    clause before wrote, not a person."""
    return (
        len(name) == 2
        and name[1] in chars("person:chars.locative")
        and name[0] in text[max(0, start - _LOCATIVE_BACK) : max(0, start - 1)]
    )


def _add_historical(
    text: str, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """卢建孚精神, 彭建碧、杜文林等革命先辈: figures of the past, named with a cue."""
    cues = longest_first("person:history-cues")
    # the name is the three characters before a cue
    starts = _starts_before(text, cues, (3,))
    for match in finditer_at(_patterns()["historical"], text, starts):
        if not _free(taken, match.start("name")):
            continue
        if _weak_name_ok(match.group("name")) and _word_aligned(
            text, *match.span("name")
        ):
            add(
                match.start("name"),
                match.end("name"),
                "person:historical",
                "historical",
                [],
            )
    if not starts:
        return  # no cue in the text: no list of names before one either
    for match in _patterns()["historical_list"].finditer(text):
        names = match.group("names").split("、")
        if all(_weak_name_ok(n) for n in names):
            pos = match.start("names")
            for name in names:
                add(pos, pos + len(name), "person:historical", "historical", [])
                pos += len(name) + 1


def _add_historical_figures(
    doc: Document, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """早年投身孙中山的革命事业: a figure of modern history named bare, from the
    gazetteer; last of the rules, so that a name another rule read (with its post)
    stays theirs. A verb of office right after the name, perhaps after the years
    (某某1950年至1955年任某厂厂长), gives the figure's past posts."""
    text = doc.clean
    for match in _patterns()["figure"].finditer(text):
        if not _free(taken, match.start()) or _in_fixed_expression(text, match.start()):
            continue
        if _in_work_title(text, match.start()):
            continue  # 电视剧《某某某》: a work named after the figure, not the figure
        if text.startswith(tuple(words("person:words.figure-not-before")), match.end()):
            continue  # 某某某墓: the grave, a landmark (person:history-cues leaves it out)
        if not _word_aligned(text, match.start(), match.end()):
            continue
        posts: list[dict[str, object]] = []
        office = pattern("person:pattern.figure-post").match(text, match.end())
        if office and office.group("verb") not in word_set(
            "person:verbs.sentence-start"
        ):
            posts = [
                {"title": title, "org": None, "former": True, "at": at}
                for at, title in _posts_after(doc, office.end())
            ]
            if posts:
                posts[0]["org"] = _workplace_before_title(text, office.end())
        add(match.start(), match.end(), "person:historical-figure", "historical", posts)


# How far back a title mark (《) may open the work title a name stands in.
_WORK_TITLE_BACK = 20


def _in_work_title(text: str, start: int) -> bool:
    """Whether ``start`` stands inside a work's title (豫剧《某某某》, 《追思某某某》):
    a 《 before it on its line that no 》 closes first."""
    before = text[max(0, start - _WORK_TITLE_BACK) : start]
    opened = before.rfind("《")
    return opened >= 0 and "》" not in before[opened:] and "\n" not in before[opened:]


def _add_reported_speech(
    text: str, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """……,邓华星如是说: a name opening a clause, followed by a verb of speech."""
    # the name is two or three characters before a verb of speech
    starts = _starts_before(text, longest_first("person:speech-verbs"), (2, 3))
    for match in finditer_at(_patterns()["speech"], text, starts):
        if not _free(taken, match.start("name")):
            continue
        name = match.group("name")
        if (
            _weak_name_ok(name)
            and not _thing_again(text, match.start("name"), name)
            and _word_aligned(text, *match.span("name"))
        ):
            add(match.start("name"), match.end("name"), "person:speech", "other", [])
    # 乌日根其其格说: a name with no Han surname, a run of four or more transliteration
    # characters that jieba and the common words leave whole
    adverbs = chars("person:chars.before-speech")
    tags = word_tags()
    spelled = _chars()["transliteration"]
    starts = []
    for at in _occurrences(text, longest_first("person:speech-verbs")):
        start = at  # the run of transliteration characters right before the verb
        while (
            start > 0
            and at - start <= _FOREIGN_SPEECH_LONGEST
            and text[start - 1] in spelled
        ):
            start -= 1
        if at - start >= _FOREIGN_SPEECH_SHORTEST:
            starts.append(start)
    for match in finditer_at(_patterns()["speech_foreign"], text, sorted(set(starts))):
        start, end = match.span("name")
        name = match.group("name")
        if (
            _free(taken, start)
            and name[-1] not in adverbs  # 哈马斯|则表示
            and not any(tags.get(name[:k]) == "ns" for k in range(2, len(name)))
            and _foreign_run(text, start) == end
        ):
            add(start, end, "person:transliterated", "other", [])


# The lengths of the names person:pattern.speech-transliterated takes (four to eight).
_FOREIGN_SPEECH_SHORTEST, _FOREIGN_SPEECH_LONGEST = 4, 8


def _trim_name(name: str, text: str, start: int) -> str:
    """Drop a third character that begins the next word (谭建周家 stays 谭建周).

    Besides the characters of ``person:chars.not-third``: jieba starts a word of two or more
    characters at the third one (张军|高兴, 朱华|问道, 王文|接过), or the third one is a
    verb that an aspect particle follows on its own (杨华举|了) — unless jieba's
    dictionary knows the three characters as a name.
    """
    if len(name) != 3:
        return name
    if name[2] in _chars()["not_third"]:
        if name[2] in chars("person:chars.third-before-speech") and text.startswith(
            tuple(words("person:words.speech-after-third")), start + 3
        ):
            return name  # 王建一指出: 一 ends the name, a two-character verb follows
        if _full_name_third(name, text, start):
            return name  # 张清时同志, 张清时作的报告: no clause of time goes on so
        return name[:2]
    if word_tags().get(name, "").startswith("nr") or _always_whole(text, name, start):
        return name
    if not _may_trim(name, text, start):
        return name  # none of the three cuts below can hold: no need to segment
    cuts = _cuts(text, start - 4, start + 9)
    third, end = start + 2, start + 3
    after = cuts.get(third)
    if after is not None and after > end and _ordinary_word(text[third:after]):
        return name[:2]  # 高兴, 问道, 接过: a common word starts at the third character
    if (
        cuts.get(start) == third
        and after == third + 1
        and not _cjk(text, third + 1)
        and word_tags().get(name[2], "").startswith("v")
    ):
        return name[:2]  # 朱华|答|。: the third character is a verb of its own
    particle = word_set("person:words.aspect-particle")
    if text[end : end + 1] in particle and cuts.get(end) == end + 1:
        return name[:2]  # 杨华举了个例子: 举 is the verb
    return name


def _full_name_third(name: str, text: str, start: int) -> bool:
    """张清时同志, 委员张清时作的报告: a third character of person:chars.not-third that
    a word only a full name stands before follows (person:words.full-name-after-third)
    ends the name; 同志们 opens the next clause (见到王英时同志们…)."""
    after = start + len(name)
    return (
        len(name) == 3
        and name[2] in chars("person:chars.third-before-full-name")
        and text.startswith(tuple(words("person:words.full-name-after-third")), after)
        and not text.startswith(tuple(words("person:words.not-full-name-after")), after)
    )


def _may_trim(name: str, text: str, start: int) -> bool:
    """What each of _trim_name's three tests of jieba's cuts needs, without the cuts:
    a word of two to seven characters at the third character (the cuts' window ends
    six characters after it) that is common or a verb, or a common word opening its
    first two characters (``_ordinary_word``); the third character a verb and no Han
    character after it; an aspect particle after the name. False only when no
    segmentation could make _trim_name cut: on 2,000 bulk items it skips 2,450 of
    4,281 segmentations, the names all kept as they were."""
    third = start + 2
    common, tags = common_words(), word_tags()
    if text[third : third + 2] in common:
        return True
    for size in range(2, 8):
        word = text[third : third + size]
        if len(word) < size:
            break
        if word in common or tags.get(word, "").startswith("v"):
            return True
    if tags.get(name[2], "").startswith("v") and not _cjk(text, third + 1):
        return True
    return text[third + 1 : third + 2] in word_set("person:words.aspect-particle")


# How far either side of a name _always_whole looks: a news item whole, a long
# document only around the name (counting over all of it made a 2 MB document
# quadratic in its names).
_WHOLE_WINDOW = 5000


def _always_whole(text: str, name: str, start: int) -> bool:
    """Whether the text writes the first two characters of ``name`` only with its third,
    and often enough (``person:count.always-whole``) to tell: 王建永 fourteen times,
    王化 never alone, is a three-character name jieba cuts 王化|永.

    朱华问道 is still 朱华: the text also writes 朱华说, 朱华表示.
    """
    least = int(words("person:count.always-whole")[0])
    head = name[:2]
    lo, hi = max(0, start - _WHOLE_WINDOW), start + _WHOLE_WINDOW
    heads = text.count(head, lo, hi)
    return heads >= least and heads == text.count(name, lo, hi)


def _ordinary_word(word: str) -> bool:
    """A common word, a verb of jieba's dictionary, or a longer word of it that starts
    with a common one: 王晨|主持会议 (主持), 龙腾|应邀 — not 赵春|苗家 (a rare noun)."""
    if word in common_words():
        return True
    tag = word_tags().get(word, "")
    return tag.startswith("v") or (
        len(word) > 2 and not tag.startswith("nr") and word[:2] in common_words()
    )


def _cjk(text: str, at: int) -> bool:
    return bool(re.match(f"[{CJK}]", text[at : at + 1]))


def _cuts(text: str, lo: int, hi: int) -> dict[int, int]:
    """Where jieba starts words in ``text[lo:hi]``: start → end of the word."""
    lo = max(0, lo)
    cuts, pos = {}, lo
    for word in segment(text[lo:hi]):
        cuts[pos] = pos + len(word)
        pos += len(word)
    return cuts


# Where a "name then post" match can start before its verb: a name of 2-3 characters,
# then nothing or 从?\d{4}年(?:起|以来)? (5-8 characters).
_TAKES_POST_GAPS = tuple(sorted({n + g for n in (2, 3) for g in (0, 5, 6, 7, 8)}))


def _add_name_then_post(doc: Document, add: Callable[..., None]) -> None:
    """谢建望从2020年担任八角社区党总支书记: a name, a verb of office, then the post."""
    text = doc.clean
    verbs = longest_first("person:verbs.take-post")
    strong = word_set("person:verbs.strong")
    former_verbs = word_set("person:verbs.former") | strong
    starts = _starts_before(text, verbs, _TAKES_POST_GAPS)
    for match in finditer_at(pattern("person:pattern.name-post"), text, starts):
        name = match.group("name")
        sentence_start = match.start() == 0 or text[match.start() - 1] in "。\n"
        unsurnamed = (
            match.group("verb") in strong
            and sentence_start
            and len(name) >= 2
            and name not in word_tags()
        )
        if not (is_name(name) or unsurnamed):
            continue
        if match.group("verb") in word_set("person:verbs.sentence-start") and not (
            sentence_start and len(name) == 3
        ):
            continue  # 是 names a post only for a full name opening a sentence
        former = match.group("verb") in former_verbs
        posts = [
            {"title": title, "org": None, "former": former, "at": at}
            for at, title in _posts_after(doc, match.end())
        ]
        if not posts:
            continue
        posts[0]["org"] = _workplace_before_title(text, match.end())
        add(
            match.start("name"),
            match.end("name"),
            "person:name-post",
            "official",
            posts,
        )


def _text_seat(text: str) -> str | None:
    """The one deputy's seat (``person:words.deputy-posts``) ``text`` writes, or None
    when it writes none or several (全国人大代表 and 党代表)."""
    seats = word_values("person:words.deputy-posts")
    found = {seats[m.group()][0] for m in _seat_pattern().finditer(text)}
    return next(iter(found)) if len(found) == 1 else None


@cache
def _seat_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _seat_words())))


def _add_deputy_address(
    doc: Document, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """来自企业的李某代表, ……，李某代表说: a deputy addressed by name and 代表
    (``person:pattern.deputy-address``); the post is the one seat the text writes
    (全国人大代表), if it writes one."""
    text = doc.clean
    matches = list(finditer("person:pattern.deputy-address", text))
    if not matches:
        return
    seat = _text_seat(text)
    seats = word_values("person:words.deputy-posts")
    for match in matches:
        group = "name" if match.group("name") is not None else "lead"
        start, end = match.span(group)
        name = match.group(group)
        if (
            not _free(taken, start)
            or not _weak_name_ok(name)
            or not _address_aligned(text, start, end)
        ):
            continue
        posts: list[dict[str, object]] = []
        if seat is not None:
            body = seats[seat][1] or None
            at = doc.to_original(end, end + 2)[0]
            posts.append({"title": seat, "org": body, "former": False, "at": at})
        add(start, end, "person:deputy-address", "other", posts)


def _address_aligned(text: str, start: int, end: int) -> bool:
    """Whether jieba starts a word at the name and ends one at it or at the 代表 after
    it (刘某|军代表: jieba's dictionary holds 军代表, a military envoy)."""
    cuts = _cuts(text, start - 6, end + 8)
    return start in cuts and (
        end in cuts.values() or any(s < end and e == end + 2 for s, e in cuts.items())
    )


def _add_counted_copula(
    doc: Document, add: Callable[..., None], taken: AbstractSet[int]
) -> None:
    """李某是某某督查组的一名成员, 王某，生前是某某大队的一名民警: a name opening a
    clause, 是, and what the person is, counted (的一名, 的一位:
    ``person:pattern.counted-copula``); a title written right after the count is a post
    of the workplace before it (``person:pattern.workplace-of-post``), a past one after
    生前 or 曾."""
    text = doc.clean
    for match in finditer("person:pattern.counted-copula", text):
        start, end = match.span("name")
        name = match.group("name")
        if (
            not _free(taken, start)
            or not _weak_name_ok(name)
            or not _word_aligned(text, start, end, start_known=True)
        ):
            continue
        posts: list[dict[str, object]] = []
        title = next((t for t in _titles() if text.startswith(t, match.end())), None)
        if title is not None and not _cjk(text, match.end() + len(title)):
            workplace = pattern("person:pattern.workplace-of-post").match(
                match.group("what")
            )
            at = doc.to_original(match.end(), match.end() + len(title))[0]
            posts.append(
                {
                    "title": title,
                    "org": workplace.group("org") if workplace else None,
                    "former": bool(match.group("former")),
                    "at": at,
                }
            )
        kind = "official" if posts else "other"
        add(start, end, "person:counted-copula", kind, posts)


def _workplace_before_title(text: str, start: int) -> str | None:
    """是石屏县中医医院的一名护士长: the workplace written between a verb of office and
    the first title (person:pattern.workplace-of-post), or None."""
    window = re.split(r"[,，。;；\n]", text[start : start + 60])[0]
    found = _title_pattern().search(window)
    if found is None:
        return None
    match = pattern("person:pattern.workplace-of-post").match(window[: found.start()])
    return match.group("org") if match else None


def _posts_after(doc: Document, start: int) -> list[tuple[int, str]]:
    """The titles of the posts named after a verb of office: (original offset, title).

    担任八角社区党总支书记 is one; 担任村党支部书记、村委会主任 and 任镇长兼党委副书记
    are two (``person:chars.post-joiners``). Each piece gives its first title, within
    20 characters, and the list ends at a comma or a full stop.
    """
    text = doc.clean
    window = re.split(r"[,，。;；\n]", text[start : start + 60])[0]
    joiners = chars("person:chars.post-joiners")
    found: list[tuple[int, str]] = []
    piece_start = 0
    for piece in re.split(f"[{re.escape(joiners)}]", window):
        head = piece[:20]
        titles = [(head.find(t), t) for t in _titles() if t in head]
        if not titles:
            break
        offset, title = min(titles, key=lambda f: (f[0], -len(f[1])))
        at = start + piece_start + offset
        found.append((doc.to_original(at, at + 1)[0], title))
        piece_start += len(piece) + 1
    return found


_PAPER = re.compile(r"《(?P<paper>[^》\n]{1,12})》[（(]")
_SPACE = " \t\u3000"


def _add_press_bylines(text: str, add: Callable[..., None]) -> None:
    """本报记者  王  强《人民日报》（…）, 洪  琥绘（…）: names on a press byline line.

    The line is a byline when the paper and date follow the names, a drawing or photo
    credit ends them, or a reporter's role opens the line; every piece of it must then
    be a role word or a name (two characters spaced out are one name), else it is a
    sentence and nothing is taken.
    """
    leads = longest_first("person:words.byline-lead")
    tail = re.compile(
        f"^(?P<body>[^（(]+?)(?:{alternation('person:words.credit-tail')})(?:[（(]|[ \\t\\u3000]*$)"
    )
    _add_bracket_credits(text, add, leads)
    marks = chars("person:chars.byline-mark")
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if not line.strip() or len(line) > 80:
            continue
        if line.lstrip(_SPACE)[:1] in marks:  # □ 本报记者 王强: the mark as a space
            opening = len(line) - len(line.lstrip(_SPACE + marks))
            line = " " * opening + line[opening:]
        line = _BAR.sub(_bar_first, line)  # 文 | 王强 → 文|  王强, the lead one piece
        paper = _PAPER.search(line)
        credit = tail.match(line.lstrip(_SPACE)) if paper is None else None
        body_start = len(line) - len(line.lstrip(_SPACE))
        if paper is not None:
            body, kind = line[: paper.start()], "author"
        elif credit is not None:
            body, kind = line[: body_start + credit.end("body")], "photographer"
        elif line[body_start:].startswith(leads):
            body, kind = line, "author"
        else:
            continue
        names = _byline_names(body, leads)
        if not names:
            continue
        lead = body[: names[0][0]]
        posts: list[dict[str, object]] = []
        reporter = words("person:words.reporter-title")[0]
        if kind == "author" and paper is not None and len(names) == 1:
            posts = _note_posts(text, pos, paper.group("paper"))
        if kind == "author" and reporter in lead and paper is not None and not posts:
            posts = [{"title": reporter, "org": paper.group("paper"), "former": False}]
        photo_leads = tuple(words("person:words.photo-lead"))
        for start, end, name in names:
            add(
                line_start + start,
                line_start + end,
                "person:press-byline",
                "photographer" if body[:start].endswith(photo_leads) else kind,
                posts,
                name,
            )


_BAR = re.compile(r"(?<=[^ \t\u3000])([ \t\u3000]+)([|｜/／])")


def _bar_first(match: re.Match[str]) -> str:
    """文 | 王强 → 文|  王强: the spaces before a byline's bar moved after it, so the
    lead is one piece and the offsets are kept."""
    return match.group(2) + match.group(1)


def _add_bracket_credits(
    text: str, add: Callable[..., None], leads: tuple[str, ...]
) -> None:
    """(记者 王  强 通讯员 李小明), (本报记者 王强), (王强 摄): a credit in brackets."""
    if "(" not in text and "\uff08" not in text:
        return
    photo_leads = tuple(words("person:words.photo-lead"))
    for match in pattern("person:pattern.bracket-credit").finditer(text):
        group = "authors" if match.group("authors") is not None else "photo"
        if match.group("authors") and match.group("authors").startswith(photo_leads):
            continue  # (摄/王小明): person:photo-credit's
        kind = "author" if group == "authors" else "photographer"
        at = match.start(group)
        body = match.group(group)
        for start, end, name in _byline_names(body, leads):
            posts = _credit_posts(text, body[:start]) if kind == "author" else []
            add(at + start, at + end, "person:press-byline", kind, posts, name)


def _credit_posts(text: str, before: str) -> list[dict[str, object]]:
    """(视频编辑：王某 文字编辑：李某) in a broadcast: the credit's lead right before the
    name is the post (person:words.credit-titles), held at the broadcaster the
    document names (person:words.broadcaster-cues); none when it names none, as the
    post's organisation is then unknown."""
    lead = before.rstrip(_SPACE + "：:")
    title = next(
        (
            str(value)
            for key, value in sorted(
                word_values("person:words.credit-titles").items(),
                key=lambda item: -len(item[0]),
            )
            if lead.endswith(key)
        ),
        None,
    )
    station = _station(text) if title else None
    if title is None or station is None:
        return []
    return [{"title": title, "org": station, "former": False}]


def _note_posts(text: str, after: int, paper: str) -> list[dict[str, object]]:
    """The posts of a note (作者为本报北京分社记者) for the one author of a press
    byline; 本报 in it is the paper the byline names (人民日报北京分社). The note is
    looked for after the byline line (``after``), up to the next press byline."""
    following = _PAPER.search(text, after)
    end = following.start() if following is not None else len(text)
    note = pattern("person:pattern.note-post").search(text, after, end)
    if note is None:
        return []
    own = longest_first("person:words.own-paper")
    posts = parse_posts(note.group(1))
    for post in posts:
        org = str(post.get("org") or "")
        if org.startswith(own):
            word = next(w for w in own if org.startswith(w))
            post["org"] = paper + org[len(word) :]
    return posts


def _byline_names(body: str, leads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The names of a byline's text before the paper: (start, end, name) in ``body``,
    or nothing when a piece is neither a role word nor a name."""
    pieces = [(m.start(), m.group()) for m in re.finditer(f"[^{_SPACE}、，,]+", body)]
    ends = word_set("person:words.byline-end")
    names: list[tuple[int, int, str]] = []
    i = 0
    while i < len(pieces):
        at, piece = pieces[i]
        lead = next((w for w in leads if piece.startswith(w)), "")
        at, piece = at + len(lead), piece[len(lead) :]
        i += 1
        if not piece or piece in ends:
            continue  # 记者 王强 摄影报道: the credit's last word
        if len(piece) == 1 and i < len(pieces) and len(pieces[i][1]) == 1:
            end = pieces[i][0] + 1  # 张  驰: one name spaced out
            piece, i = piece + pieces[i][1], i + 1
        else:
            end = at + len(piece)
        if not is_name(piece) or any(t in piece for t in _titles()):
            return []  # 记者：王书记好, an interview's question: not a byline
        names.append((at, end, piece))
    return names
