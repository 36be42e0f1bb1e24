"""jieba.posseg with a faster, exact Viterbi for the unknown-word HMM.

``jieba.posseg`` tags a run of characters its dictionary lacks with an HMM of 256
states (position × part of speech). Its Viterbi step takes, for every state, the
best of *all* live states of the previous character, adding ``-inf`` for the pairs
with no transition: a character outside ``char_state_tab`` makes that 256 × 256 per
character, and the place extractor's clauses made it ~2 ms per call. Here each live
state scores only the allowed states it has a transition into. A pair without a
transition scores ``-inf`` and cannot beat a pair with one (every transition weight
is finite), so the winner, its score (the same additions in the same order) and the
tie-break (the greatest state, as ``max`` over ``(score, state)`` tuples picks) are
jieba's own. When no live state reaches an allowed state, jieba's expression
decides, as before.

Why not jieba's own tagger on a private Tokenizer (issue 22's bar: kept only if
jieba's is more than 15 % slower): on the merged rules of 2026-12-06, extraction of
1,500 bulk items takes 3.09 CPU s with jieba's and 2.14 s with this one (-31 %), a
build worker's whole job -24 % (bench/README.md, "Private APIs"); outputs are
byte-identical (tests/extract/test_fast_paths*.py, under ``--perf``).
"""

from __future__ import annotations

from functools import cache, lru_cache
from math import log
from typing import Any

MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi.MIN_FLOAT
MIN_INF = float("-inf")
_MISSING = 0.5j  # no weight known yet: not a float, not None

State = tuple[str, str]


@cache
def _out_sets() -> dict[State, frozenset[State]]:
    """State -> the states it has a transition into (a set, for ``&``)."""
    from jieba.posseg import trans_P

    return {y0: frozenset(out) for y0, out in trans_P.items()}


# char -> (the states it allows, as a set; their emission weights for it), for the
# tables in _CHAR_TABLES. Bounded: cleared when it holds _MAX_CHARS characters.
_CHARS: dict[str, tuple[frozenset[State], dict[State, float]]] = {}
_CHAR_TABLES: list[object] = []
_MAX_CHARS = 4096


def _char_states(
    char: str,
    states: dict[str, tuple[State, ...]],
    trans_p: dict[State, dict[State, float]],
    emit_p: dict[State, dict[str, float]],
) -> tuple[frozenset[State], dict[State, float]]:
    tables = _CHAR_TABLES
    if (
        not tables
        or tables[0] is not states
        or tables[1] is not trans_p
        or tables[2] is not emit_p
    ):
        _CHARS.clear()
        tables[:] = [states, trans_p, emit_p]
    found = _CHARS.get(char)
    if found is None:
        if len(_CHARS) >= _MAX_CHARS:
            _CHARS.clear()
        allowed = frozenset(states.get(char, trans_p.keys()))
        emit = {y: emit_p[y].get(char, MIN_FLOAT) for y in allowed}
        found = _CHARS[char] = (allowed, emit)
    return found


def viterbi(
    obs: str,
    states: dict[str, tuple[State, ...]],
    start_p: dict[State, float],
    trans_p: dict[State, dict[State, float]],
    emit_p: dict[State, dict[str, float]],
) -> tuple[float, list[State]]:
    """``jieba.posseg.viterbi.viterbi``, same result, fewer pairs scored.

    jieba's next states are those the character allows that some live state leads
    to (the union of the live states' successors: ~1,500 states per step), each
    scored against every live state. Here each live state scores only the allowed
    states it has a transition into (``out & allowed``, a set intersection in C),
    and each state keeps its best ``(score, state)``: the pairs jieba scores with a
    transition, the same sums in the same order. A pair without a transition scores
    ``-inf`` there and cannot beat a pair with one (every weight is finite), and the
    allowed states no live state reaches are the ones jieba drops; the greatest
    tuple is what ``max`` picks (ties go to the greatest state). Only if no allowed
    state is reached is the union made, as jieba makes it.
    """
    out_sets = _out_sets()
    table: list[dict[State, float]] = [{}]
    mem_path: list[dict[State, Any]] = [{}]
    all_states = trans_p.keys()
    for y in states.get(obs[0], all_states):  # init
        table[0][y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        prev_v = table[t - 1]
        prev_states = [x for x in mem_path[t - 1] if out_sets[x]]  # has a transition
        char = obs[t]
        allowed, emit = _char_states(char, states, trans_p, emit_p)
        row: dict[State, float] = {}
        path: dict[State, State] = {}
        table.append(row)
        mem_path.append(path)
        held = row.get
        for y0 in prev_states:
            base = prev_v[y0]
            weights = trans_p[y0]
            for y in out_sets[y0] & allowed:
                score = base + weights[y] + emit[y]  # the same sums as jieba's
                old = held(y)
                # the greatest (score, state) as max picks it, with no tuple made
                if old is None or score > old or (score == old and y0 > path[y]):
                    row[y] = score
                    path[y] = y0
        if row:
            continue
        # No allowed state is reachable: jieba's fallback, every state a live
        # state leads to (else all states), scored with its own expression.
        expect_next = set().union(*[trans_p[x].keys() for x in prev_states])
        for y in expect_next if expect_next else all_states:
            emit_y = emit_p[y].get(char, MIN_FLOAT)
            row[y], path[y] = max(
                (prev_v[y0] + trans_p[y0].get(y, MIN_INF) + emit_y, y0)
                for y0 in prev_states
            )
    last = [(table[-1][y], y) for y in mem_path[-1]]
    prob, state = max(last)
    route: list[State] = [("", "")] * len(obs)
    i = len(obs) - 1
    while i >= 0:
        route[i] = state
        state = mem_path[i][state]
        i -= 1
    return prob, route


@lru_cache(maxsize=1 << 16)
def _route(sentence: str) -> tuple[State, ...]:
    """The HMM's states for a run of unknown characters (runs repeat: names recur)."""
    import jieba.posseg as posseg

    _, route = viterbi(
        sentence, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P
    )
    return tuple(route)


def _hmm_words(run: str) -> list[tuple[str, str]]:
    """jieba.posseg's words of a stretch of Han characters its dictionary lacks, by
    the HMM (jieba's private ``POSTokenizer.__cut``, with this module's ``viterbi``)."""
    states = _route(run)
    out: list[tuple[str, str]] = []
    begin = nexti = 0
    for i, char in enumerate(run):
        position, flag = states[i]
        if position == "B":
            begin = i
        elif position == "E":
            out.append((run[begin : i + 1], flag))
            nexti = i + 1
        elif position == "S":
            out.append((char, flag))
            nexti = i + 1
    if nexti < len(run):
        out.append((run[nexti:], states[nexti][1]))
    return out


def _unknown_run(buf: str) -> list[tuple[str, str]]:
    """jieba.posseg's words of a run of characters its dictionary lacks (its private
    ``POSTokenizer.__cut_detail``): Han stretches by the HMM, the rest as numbers
    (m), Latin words (eng) or other (x)."""
    import jieba.posseg as posseg

    han, skip = posseg.re_han_detail, posseg.re_skip_detail
    out: list[tuple[str, str]] = []
    for block in han.split(buf):
        if han.match(block):
            out.extend(_hmm_words(block))
            continue
        for piece in skip.split(block):
            if not piece:
                continue
            if posseg.re_num.match(piece):
                out.append((piece, "m"))
            elif posseg.re_eng.match(piece):
                out.append((piece, "eng"))
            else:
                out.append((piece, "x"))
    return out


# word -> its weight in a route, ``log(count) - logtotal`` (None for a prefix of
# the dictionary with no count of its own), filled as words are met, for the
# dictionary named in _WEIGHT_OF (its identity, total and size): one lookup per
# word instead of two and a logarithm. Words recur (~1 M lookups per 5,000 news
# items, a few tens of thousands of words), so the table stays small.
_WEIGHTS: dict[str, float | None] = {}
_WEIGHT_OF: list[object] = []


def _weights(freq: dict[str, int], logtotal: float) -> dict[str, float | None]:
    key = [id(freq), logtotal, len(freq)]
    if _WEIGHT_OF != key:
        _WEIGHTS.clear()
        _WEIGHT_OF[:] = key
    return _WEIGHTS


def best_route(block: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """jieba's ``get_DAG`` + ``calc`` in one right-to-left pass: per position, the end
    (inclusive) of the word the best segmentation of ``block[position:]`` starts with.

    ``calc`` only ever reads the DAG row of the position it scores, so each row is
    made right before its use and then dropped. A word's score is its weight,
    ``log(count) - logtotal`` (computed once per word, see _WEIGHTS: the same float
    as jieba's ``log(count) - logtotal`` evaluated there), plus the score after it;
    a position with no word scores its one character at ``log(freq or 1)`` as there,
    and the best is the greatest ``(score, end)`` as ``max`` over those tuples picks
    it: the same sums in the same order, so the same floats and the same ties.
    """
    weights = _weights(freq, logtotal)
    weight_of = weights.get
    size = len(block)
    score = [0.0] * (size + 1)
    nxt = [0] * (size + 1)
    missing = _MISSING
    for idx in range(size - 1, -1, -1):
        best_score = best_end = None
        end = idx
        frag = block[idx]
        while end < size:
            weight = weight_of(frag, missing)
            if weight is missing:
                if frag not in freq:
                    break
                count = freq[frag]
                weight = weights[frag] = (log(count) - logtotal) if count else None
            if weight is not None:
                candidate = weight + score[end + 1]
                # ends rise: >= keeps the greater end on a tie, as max does
                if best_score is None or candidate >= best_score:
                    best_score, best_end = candidate, end
            end += 1
            frag = block[idx : end + 1]
        if best_score is None:
            best_score = log(freq.get(block[idx]) or 1) - logtotal + score[idx + 1]
            best_end = idx
        score[idx] = best_score
        nxt[idx] = best_end  # type: ignore[assignment]
    return nxt


def tag(sentence: str) -> tuple[tuple[str, str], ...]:
    """``(word, flag)`` of every token of ``jieba.posseg.lcut(sentence)``, made
    directly, with this module's ``viterbi``.

    jieba.posseg goes through four generators and a ``pair`` object per token, and
    builds each block's DAG as a dict of lists before scoring it; this is the same
    walk (blocks, the best route, runs of single characters, the HMM for runs the
    dictionary lacks) over plain lists and tuples, through jieba's public tables
    only. It pays: extraction takes 26-32 % more CPU with jieba's own tagger on a
    private ``POSTokenizer(jieba.Tokenizer())`` (same mentions; 2,979 bulk documents,
    ``bench/private_api_bench.py tagger``, interleaved rounds).
    """
    import jieba.posseg as posseg

    base = posseg.dt  # jieba's tokenizer and word-tag table: a user dictionary too
    base.makesure_userdict_loaded()
    tokenizer = base.tokenizer
    tokenizer.check_initialized()
    freq = tokenizer.FREQ
    tags = base.word_tag_tab
    logtotal = log(tokenizer.total)
    out: list[tuple[str, str]] = []

    def flush(buf: str) -> None:
        if len(buf) == 1:
            out.append((buf, tags.get(buf, "x")))
        elif not freq.get(buf):  # a run the dictionary lacks: jieba's HMM path
            out.extend(_unknown_run(buf))
        else:
            out.extend((char, tags.get(char, "x")) for char in buf)

    han = posseg.re_han_internal
    skip = posseg.re_skip_internal
    for block in han.split(sentence):
        if not block:
            continue  # jieba yields nothing for an empty piece
        if han.match(block):
            for piece, is_run in _route_pieces(
                block, best_route(block, freq, logtotal)
            ):
                if is_run:
                    flush(piece)
                else:
                    out.append((piece, tags.get(piece, "x")))
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append((piece, "x"))
                continue
            for char in piece:
                if posseg.re_num.match(char):
                    out.append((char, "m"))
                elif posseg.re_eng.match(piece):  # jieba tests the piece here
                    out.append((char, "eng"))
                else:
                    out.append((char, "x"))
    return tuple(out)


def _route_pieces(block: str, nxt: list[int]) -> list[tuple[str, bool]]:
    """The best route through ``block`` as jieba walks it: each dictionary word of
    two or more characters, and each run of single characters between them (True),
    which jieba then looks up whole or hands to its HMM."""
    pieces: list[tuple[str, bool]] = []
    x, run, size = 0, "", len(block)
    while x < size:
        y = nxt[x] + 1
        if y - x == 1:
            run += block[x]
        else:
            if run:
                pieces.append((run, True))
                run = ""
            pieces.append((block[x:y], False))
        x = y
    if run:
        pieces.append((run, True))
    return pieces


@lru_cache(maxsize=1 << 14)
def _finalseg_words(run: str) -> tuple[str, ...]:
    """``jieba.finalseg.cut(run)``: the HMM's words of a run of characters the
    dictionary lacks. Cached: such runs are mostly names, and they recur (27,002
    runs in the segmentations of 5,000 news items, 12,286 distinct)."""
    from jieba import finalseg

    return tuple(finalseg.cut(run))


def segment(sentence: str) -> list[str]:
    """``jieba.lcut(sentence)`` (accurate mode with the HMM), made the same way as
    ``tag``: one pass for the best route, no generators."""
    import jieba

    tokenizer = jieba.dt
    tokenizer.check_initialized()
    freq = tokenizer.FREQ
    logtotal = log(tokenizer.total)
    out: list[str] = []

    def flush(buf: str) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):  # a run the dictionary lacks: jieba's HMM
            out.extend(_finalseg_words(buf))
        else:
            out.extend(buf)

    han = jieba.re_han_default
    skip = jieba.re_skip_default
    for block in han.split(sentence):
        if not block:
            continue
        if han.match(block):
            for piece, is_run in _route_pieces(
                block, best_route(block, freq, logtotal)
            ):
                if is_run:
                    flush(piece)
                else:
                    out.append(piece)
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append(piece)
            else:
                out.extend(piece)
    return out
