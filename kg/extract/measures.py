"""What the words right around a value say of it: its sign and verb, its measure and its qualifier."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.numbers import Quantity
from kg.extract.observation_words import Words


@dataclass(frozen=True)
class Value:
    """One quantity with what the words right before it say (verb, qualifier)."""

    q: Quantity
    direction: int  # +1 rise, -1 fall, 0 none
    before_qualifier: str | None
    verb: str


def strip_tail(text: str, words: tuple[str, ...]) -> tuple[str, str | None]:
    """The text without the first of `words` it ends with, and that word (None if none)."""
    if not text.endswith(words):  # most texts end with none: one test in C, not a loop
        return text, None
    for word in words:
        if text.endswith(word):
            return text[: -len(word)], word
    return text, None


def read_before(pre: str, ws: Words) -> tuple[str, int, str | None, str]:
    """Strip verbs and qualifier words off the end of the text before a value.

    Returns the remaining subject text, the direction, the qualifier and the verb found.
    Verbs of all kinds are tried longest first, so 新增 is a level verb, not 新 + 增.
    """
    direction, qualifier, verb = 0, None, ""
    for _ in range(4):
        before = pre
        # (each list is tried in C first, and walked in its order only when one of its words ends `pre`)
        for word, qual in ws.before if pre.endswith(ws.before_words) else ():
            if pre.endswith(word):
                pre, qualifier = pre[: -len(word)], qualifier or qual
                break
        for word, sign in ws.verbs if pre.endswith(ws.verb_words) else ():
            if pre.endswith(word):
                pre = pre[: -len(word)]
                direction, verb = direction or sign, verb or word
                break
        if not pre.endswith(ws.keep_suffix):
            pre, _ = strip_tail(pre, ws.strip_suffix)
        if pre == before:
            break
    return pre, direction, qualifier, verb


def leading_verb(name: str, ws: Words) -> tuple[int, str] | None:
    """A rise or fall verb that opens a name (压减一般性支出): (+1 or -1, the verb)."""
    for word, sign in ws.verbs if name.startswith(ws.verb_words) else ():
        if sign and len(word) >= 2 and name.startswith(word) and len(name) > len(word) + 1:
            return sign, word
    return None


def qualifier_of(v: Value, run_after: str, ws: Words, pre: str = "") -> str:
    """Exact, About, AtLeast or AtMost: from the value's bound, the word after it or the run's,
    the word before it, a 余 or 多 between number and unit (`pre` is the text before the value)."""
    if v.q.bound:
        return "AtLeast" if v.q.bound == "lower" else "AtMost"
    if v.q.after and v.q.after in ws.after:
        return ws.after[v.q.after]
    if run_after:
        return ws.after[run_after]
    if v.before_qualifier:
        return v.before_qualifier
    if v.q.inner_at_least or any(w in pre for w in ws.lead_at_least):
        return "AtLeast"
    if v.q.dimension == "rank" and pre.endswith(ws.top):
        return "AtMost"  # 前10强: at most tenth
    return "Exact"


def approximate(qualifier: str, about: bool) -> str:
    """An exact qualifier made About when the words say the value is approximate."""
    return "About" if about and qualifier == "Exact" else qualifier


def measure_of(v: Value, ws: Words, name: str = "", growth_word: bool = False) -> str:
    """Growth, ratio, change or level, from the unit, the verb before the value and the name."""
    if v.q.dimension == "points":
        return "Change"
    if v.q.dimension in ("percent", "permille", "times", "tenths"):
        return "Growth" if v.direction or growth_word else "Ratio"
    if v.q.dimension == "rank":
        return "Change" if v.direction else "Level"
    if v.direction:
        return "Change"  # 增加1000亿元, 下降0.3元: a rise or fall verb right before an amount
    # 人均可支配收入 is a level, 每万人发明专利拥有量 a ratio.
    return "Ratio" if name.startswith(ws.per_capita) and not any(w in name for w in ws.per_capita_levels) else "Level"
