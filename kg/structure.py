"""Split a report body into sections and sentences, each knowing whether it reviews or plans."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from functools import cache

from kg.grammar import (
    CLOSE_BRACKET, CLOSE_CORNER, CLOSE_QUOTE, CLOSE_SINGLE_QUOTE, CLOSE_WHITE_CORNER, COLON, COMMA, ELLIPSIS,
    ENUMERATION_COMMA, EXCLAMATION, FULL_STOP, FULLWIDTH_FULL_STOP, IDEOGRAPHIC_SPACE, OPEN_BRACKET, OPEN_QUOTE,
    QUESTION, SEMICOLON,
)
from kg.model import Document, Part, Section, Sentence
from kg.rules import RuleBook

# Sentence ends: 。！？ and their ASCII forms, and line breaks (a heading or paragraph end).
_SENTENCE_END = re.compile(
    rf"[{FULL_STOP}{EXCLAMATION}{QUESTION}!?]+[{CLOSE_QUOTE}{CLOSE_SINGLE_QUOTE}{CLOSE_CORNER}{CLOSE_WHITE_CORNER}{CLOSE_BRACKET})]*|\n+"
)
_SPACE = " \t\r\n" + IDEOGRAPHIC_SPACE + "\xa0"


@cache
def _headings(rules: RuleBook) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """The numbered headings of levels 1 to 3: 一、 (numerals of kg/rules/report.toml), （二）, 3."""
    numerals = rules.table("report")["headings"]["numerals"]
    return (
        (1, re.compile(rf"^[ \t\u3000]*(?:[{numerals}]+[{ENUMERATION_COMMA}.{FULLWIDTH_FULL_STOP}])[^\n]{{0,60}}$", re.M)),
        (2, re.compile(rf"^[ \t\u3000]*(?:[{OPEN_BRACKET}(][{numerals}]+[){CLOSE_BRACKET}])[^\n]{{0,60}}$", re.M)),
        (3, re.compile(rf"^[ \t\u3000]*(?:\d{{1,2}}[.{FULLWIDTH_FULL_STOP}{ENUMERATION_COMMA}](?!\d))[^\n]{{0,60}}$", re.M)),
    )


def find_sections(doc: Document, rules: RuleBook) -> tuple[Section, ...]:
    """The body's numbered headings, each with the span up to the next heading of its level or above."""
    body = doc.text[doc.body_start:doc.body_end]
    found: list[tuple[int, int, str]] = []
    for level, pattern in _headings(rules):
        for m in pattern.finditer(body):
            title = m.group(0).strip(_SPACE)
            # A long line ending in 。 is a numbered paragraph, not a heading; keep those of level 3 only.
            if level < 3 and title.endswith(FULL_STOP) and len(title) > 40:
                continue
            found.append((doc.body_start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip(_SPACE))), level, title))
    found.sort()
    review = rules.words("report", "part", "review")
    plan = rules.words("report", "part", "plan")
    # Each heading ends where the next heading of its level or above starts: one backward pass.
    ends: list[int] = [doc.body_end] * len(found)
    next_at_level = {1: doc.body_end, 2: doc.body_end, 3: doc.body_end}
    for i in range(len(found) - 1, -1, -1):
        start, level, _ = found[i]
        ends[i] = min(next_at_level[k] for k in range(1, level + 1))
        next_at_level[level] = start
    sections: list[Section] = []
    part: Part = "other"
    year = doc.meta.report_year
    year_mark = rules.table("report")["date"]["year"]  # 年: a heading that names a year (2022年)
    for i, (start, level, title) in enumerate(found):
        end = ends[i]
        if level == 1:
            if any(w in title for w in review) or (doc.meta.review_year and f"{doc.meta.review_year}{year_mark}" in title):
                part = "review"
            elif part == "review" or any(w in title for w in plan) or (year and f"{year}{year_mark}" in title):
                part = "plan"
        sections.append(Section(level, title, start, end, part))
    return tuple(sections)


# No real report writes a sentence this long (the longest of the real reports: 415 characters);
# a longer one is read in pieces of at most this many characters, cut after a clause's end where
# there is one, so that no rule ever looks at more than a bounded stretch of text at once.
MAX_SENTENCE = 1000
_CLAUSE_CUT = re.compile(f"[{COMMA},{SEMICOLON};{COLON}:{ENUMERATION_COMMA}]")
# A piece of text is no prose, and is not read, when it repeats itself (it compresses more than
# this: prose compresses 1.5–2.5 times) or lists more items than any report's list holds.
MAX_COMPRESSION = 6.0
MAX_LIST_ITEMS = 80
_JUDGED_LENGTH = 200


def _pieces(text: str, spans: list[tuple[int, int, bool]]) -> Iterator[tuple[int, int, bool]]:
    """The spans, each longer than MAX_SENTENCE cut into pieces after the last clause end."""
    for start, end, new_paragraph in spans:
        while end - start > MAX_SENTENCE:
            window = text[start:start + MAX_SENTENCE]
            cut = max((m.end() for m in _CLAUSE_CUT.finditer(window, MAX_SENTENCE // 2)), default=MAX_SENTENCE)
            yield start, start + cut, new_paragraph
            start, new_paragraph = start + cut, False
        yield start, end, new_paragraph


def is_pathological(piece: str) -> bool:
    """Whether a piece of text is no prose but a crafted or broken run: it repeats itself
    (大桥大桥大桥…, 8.2%、8.2%、…) or lists more items than a report does. Such a piece is not read,
    so that one file cannot make the rules run for hours (issue 13)."""
    if len(piece) < _JUDGED_LENGTH:
        return False
    if piece.count(ENUMERATION_COMMA) > MAX_LIST_ITEMS:
        return True
    data = piece.encode("utf-8")
    return len(data) > MAX_COMPRESSION * len(zlib.compress(data, 1))


def pathological_spans(doc: Document) -> list[tuple[int, int]]:
    """The pieces of a document's body that split_sentences does not read, for a warning."""
    text, out = doc.text, []
    pos = doc.body_start
    spans = []
    for m in _SENTENCE_END.finditer(text, doc.body_start, doc.body_end):
        spans.append((pos, m.end() if m.group(0)[0] != "\n" else m.start(), False))
        pos = m.end()
    spans.append((pos, doc.body_end, False))
    for start, end, _ in _pieces(text, spans):
        if is_pathological(text[start:end].strip(_SPACE)):
            out.append((start, end))
    return out


def unread_warning(doc: Document) -> str | None:
    """A sentence of warning naming the pieces split_sentences passes over, or None if there are none."""
    spans = pathological_spans(doc)
    if not spans:
        return None
    start, end = spans[0]
    first = doc.text[start:min(end, start + 12)].strip(_SPACE)
    where = f"characters {start:,}–{spans[-1][1]:,}" if len(spans) > 1 else f"characters {start:,}–{end:,}"
    return (f"{len(spans)} piece{'s' if len(spans) > 1 else ''} of text not read ({where}, "
            f"from {OPEN_QUOTE}{first}{ELLIPSIS}{CLOSE_QUOTE}): "
            f"no prose, a run that repeats itself or a list of more than {MAX_LIST_ITEMS} items")


def split_sentences(doc: Document, sections: tuple[Section, ...], notes: tuple[str, ...] = ()) -> tuple[Sentence, ...]:
    """Sentences of the body with offsets into the text; blank runs are dropped, spans trimmed.

    A line that is one of `notes` (名词解释) opens the report's notes: it and every sentence
    after it are of part "notes". A sentence longer than MAX_SENTENCE is read in pieces, and a
    piece that is no prose (is_pathological) is not read at all."""
    text = doc.text
    sentences: list[Sentence] = []
    pos = doc.body_start
    spans: list[tuple[int, int, bool]] = []  # (start, end, whether a line break stands before it)
    after_break = True
    for m in _SENTENCE_END.finditer(text, doc.body_start, doc.body_end):
        spans.append((pos, m.end() if m.group(0)[0] != "\n" else m.start(), after_break))
        after_break = "\n" in m.group(0)
        pos = m.end()
    spans.append((pos, doc.body_end, after_break))
    level1 = [s for s in sections if s.level == 1]
    heads = sorted(sections, key=lambda s: (s.start, s.level))
    si = li = 0
    current_part: Part = "other"
    current_heading = ""
    paragraph = -1
    in_notes = False
    for start, end, new_paragraph in _pieces(text, spans):
        while start < end and text[start] in _SPACE:
            start += 1
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        if start >= end or is_pathological(text[start:end]):
            continue
        if new_paragraph or paragraph < 0:
            paragraph += 1
        while si < len(heads) and heads[si].start <= start:
            current_heading = heads[si].title
            si += 1
        # The part of the last level-1 heading at or before the sentence (both lists are in order).
        while li < len(level1) and level1[li].start <= start:
            current_part = level1[li].part
            li += 1
        part = current_part
        if not in_notes and notes and new_paragraph and text[start:end].strip(_SPACE + COLON + ":") in notes:
            in_notes = True
        if in_notes:
            part = "notes"
        sentences.append(Sentence(len(sentences), start, end, text[start:end], part, current_heading, paragraph))
    return tuple(sentences)
