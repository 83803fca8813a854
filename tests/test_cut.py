"""cut_words gives the words jieba's own tokenize gives: for every line of the real reports and
the sample, and for any text made of their characters, ASCII, spaces and punctuation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.divisions import load_divisions
from kg.extract.tokens import cut_words, jieba, tokenizer
from kg.pipeline import extraction_words
from kg.rules import load_rules

DATA = Path(__file__).parent / "data"
TEXTS = [*sorted((DATA / "reports").glob("*.txt")), Path(__file__).parent.parent / "seeds" / "000_6734cc391de7877c.txt"]


@pytest.fixture(scope="module")
def tok() -> jieba.Tokenizer:
    return tokenizer(extraction_words(load_rules(), load_divisions()))


def _jieba(tok: jieba.Tokenizer, text: str) -> list[str]:
    return [word for word, _, _ in tok.tokenize(text)]


def test_cut_words_equals_jieba_on_every_line_of_the_reports(tok) -> None:
    lines = [line for path in TEXTS for line in path.read_text("utf-8").splitlines()]
    assert [cut_words(tok, line) for line in lines] == [_jieba(tok, line) for line in lines]


# The sample's characters (so texts hold division names, endings and words the HMM must read),
# with ASCII letters, digits, jieba's block characters (+#&._%-), spaces and line ends.
_SAMPLE = TEXTS[-1].read_text("utf-8")
_ALPHABET = "".join(sorted(set(_SAMPLE[:3000]))) + "aZ09+#&._%- \t\r\n/"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(_ALPHABET, max_size=12), st.sampled_from(_SAMPLE.split())), max_size=8))
def test_cut_words_equals_jieba_on_any_text(tok, pieces: list[str]) -> None:
    text = "".join(pieces)
    assert cut_words(tok, text) == _jieba(tok, text)
