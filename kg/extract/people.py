"""People: authors from bylines, officials from title + name, their posts.

Names are validated, not guessed: a name is two or three characters starting with a
surname from ``surnames.txt``, found in a position that makes it a name (a byline, right
after a title, a photo credit). Each person mention carries its ``posts``: dicts with
``title``, ``org`` (as written), ``former``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kg.extract._context import CJK, PLACEHOLDER, common_words, make_mention
from kg.ingest import byline_name
from kg.model import Document, Mention
from kg.resources import load_lines, load_list

_NOTE_BODY = re.compile(r"\((?:作者(?:系|为|是)|本文作者)([^()]*)\)")
_NOTE_UNIT = re.compile(r"\(作者单位[:：]?([^()]*)\)")
_PHOTO = re.compile(f"(?:摄/|摄影/|摄影:|图/)\\s*([{CJK}]{{2,3}})")
# Characters that cannot be the third character of a name: they begin the next word.
_NOT_THIRD = set("说表介指在是的和等同带通走一也就都把被对从向为了时们告任担当将到与及")


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(load_list("titles.txt"), key=len, reverse=True))


def is_name(text: str) -> bool:
    """Whether ``text`` can be a Chinese personal name.

    Examples:
        >>> is_name("谢志望"), is_name("欧阳文"), is_name("全区"), is_name("高质量")
        (True, True, False, False)
    """
    if not 2 <= len(text) <= 4 or not re.fullmatch(f"[{CJK}]+", text):
        return False
    surnames = load_lines("surnames.txt")
    if not ((text[:2] in surnames and len(text) >= 3) or text[0] in surnames):
        return False
    if len(text) == 2 and text[0] in "和于向时都以从将对与及为但由来全":
        return False  # surnames that are mostly function words need a full name
    common = common_words()
    if text in common or text[:2] in common:
        return False  # 关于加, 任务清, 曾在党: a word, not a name
    return not any(
        text.startswith(w) or text.endswith(w) for w in load_lines("not_names.txt")
    )


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
    for part in re.split(r"[、,，]", text):
        part = part.strip()
        if not part:
            continue
        former = former or "原" in part  # 原 covers the rest of the list
        part_clean = part.replace("原", "")
        title = next((t for t in _titles() if part_clean.endswith(t)), None)
        if title is None:
            continue
        org = part_clean[: -len(title)] or org_before
        if org and party and not re.match(f"[{CJK}]*[区县市镇乡]", org):
            org = party + org  # 宣传部 after 开州区委常委 is 开州区委宣传部
        if org and org.endswith("委") and title in ("常委", "书记", "副书记"):
            party = org
        org_before = org
        posts.append(
            {
                "title": title,
                "org": org.removeprefix("中共") if org else None,
                "former": former,
            }
        )
    return posts


def extract_people(doc: Document) -> list[Mention]:
    """Find people with their kind and posts.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("前不久,网格员王露平走访发现了问题。", "t")
        >>> [(m.name, m.attrs["posts"][0]["title"]) for m in extract_people(doc)]
        [('王露平', '网格员')]
    """
    text = doc.clean
    out: list[Mention] = []
    taken: set[int] = set()

    def add(
        start: int, end: int, rule: str, kind: str, posts: list[dict[str, object]]
    ) -> None:
        if start in taken or PLACEHOLDER.search(text[start:end]):
            return
        taken.add(start)
        out.append(
            make_mention(
                doc, start, end, "person", rule, {"kind": kind, "posts": posts}
            )
        )

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
            body = _NOTE_BODY.search(note)
            unit = _NOTE_UNIT.search(note)
            if body:
                posts = parse_posts(body.group(1))
            elif unit:
                posts = [
                    {"title": None, "org": unit.group(1).split(",")[0], "former": False}
                ]
        add(start, start + len(name), "person:byline", "author", posts)

    for match in _PHOTO.finditer(text):
        name = match.group(1)
        if is_name(name):
            add(match.start(1), match.end(1), "person:photo-credit", "photographer", [])

    leaders = load_lines("national_leaders.txt")
    for leader in sorted(leaders):
        for match in re.finditer(re.escape(leader), text):
            add(
                match.start(),
                match.end(),
                "person:national-leader",
                "national_leader",
                [],
            )

    titles = "|".join(map(re.escape, _titles()))
    for match in re.finditer(f"(?P<title>{titles})(?P<name>[{CJK}]{{2,3}})", text):
        name = match.group("name")
        if len(name) == 3 and name[2] in _NOT_THIRD:
            name = name[:2]
        end = match.start("name") + len(name)
        cue_after = text[end : end + 2]
        if not is_name(name):
            continue
        if (
            len(name) == 2
            and re.match(f"[{CJK}]", cue_after[:1] or "")
            and not any(cue_after.startswith(c) for c in load_lines("person_cues.txt"))
            and cue_after[:1] not in _NOT_THIRD
        ):
            continue  # 书记挂帅: the "name" runs on into a word
        if text[match.start() - 1 : match.start()] == "总":
            continue  # 总书记: a national leader's title, said before a leader's name
        title_start, _ = doc.to_original(match.start("title"), match.end("title"))
        posts = [
            {
                "title": match.group("title"),
                "org": None,
                "former": False,
                "at": title_start,
            }
        ]
        add(match.start("name"), end, "person:title-name", "official", posts)
    _add_name_then_post(doc, add)
    return sorted(out, key=lambda m: (m.start, m.end))


_TAKES_POST = re.compile(
    f"(?:(?<=[的,。、;:\\s])|^)(?P<name>[{CJK}]{{2,3}}?)"
    r"(?:从?\d{4}年(?:起|以来)?)?(?P<verb>担任|出任|当选为?|现任|曾任|任)"
)


def _add_name_then_post(doc: Document, add: Callable[..., None]) -> None:
    """谢志望从2020年担任八角社区党总支书记: a name, a verb of office, then the post."""
    text = doc.clean
    for match in _TAKES_POST.finditer(text):
        name = match.group("name")
        if not is_name(name):
            continue
        window = text[match.end() : match.end() + 16]
        window = re.split(r"[,。;、]", window)[0]
        found = [(window.find(t), t) for t in _titles() if t in window]
        if not found:
            continue
        offset, title = min(found, key=lambda f: (f[0], -len(f[1])))
        title_start, _ = doc.to_original(match.end() + offset, match.end() + offset + 1)
        former = match.group("verb") == "曾任"
        posts = [{"title": title, "org": None, "former": former, "at": title_start}]
        add(
            match.start("name"),
            match.end("name"),
            "person:name-post",
            "official",
            posts,
        )
