"""WordPattern finds what its trie regex finds: the same matches for any words, text and window (search, finditer, match, fullmatch)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.trie import WordPattern, compile_words

_CHARS = "abc-^]\\"  # few characters, so words share prefixes and texts hold them; some special in a regex
_WORDS = st.sets(st.text(_CHARS, min_size=0, max_size=4), max_size=8)
_TEXT = st.text(_CHARS, max_size=20)
_AT = st.integers(-2, 22)


def _spans(matches) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(_WORDS, _TEXT, _AT, st.one_of(st.none(), _AT))
def test_word_pattern_search_matches_the_regex(words: set[str], text: str, pos: int, endpos: int | None) -> None:
    regex, found = compile_words(words), WordPattern(words)
    expected = regex.search(text, pos) if endpos is None else regex.search(text, pos, endpos)
    assert _spans([m for m in (found.search(text, pos, endpos),) if m]) == _spans([m for m in (expected,) if m])
    assert _spans(found.finditer(text)) == _spans(regex.finditer(text))
    assert _spans([m for m in (found.match(text, max(pos, 0)),) if m]) == _spans([m for m in (regex.match(text, max(pos, 0)),) if m])
    end = len(text) if endpos is None else endpos
    assert _spans([m for m in (found.match(text, pos, endpos),) if m]) == _spans([m for m in (regex.match(text, pos, end),) if m])
    assert _spans([m for m in (found.fullmatch(text, pos, endpos),) if m]) == _spans(
        [m for m in (regex.fullmatch(text, pos, end),) if m])
    for word in words:  # a text that is one word: fullmatch says so, as the regex does
        assert _spans([m for m in (found.fullmatch(word),) if m]) == _spans([m for m in (regex.fullmatch(word),) if m])
        assert found.regex.pattern == regex.pattern
