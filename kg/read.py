"""Read one input file: decode it, blank out any web-page markup, find the report body, parse its header."""

from __future__ import annotations

import codecs
import hashlib
import html
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import InputError, OwnOutputError
from kg.grammar import (
    CLOSE_BRACKET, CLOSE_CORNER, CLOSE_QUOTE, ENUMERATION_COMMA, EXCLAMATION, FULL_STOP, FULLWIDTH_DIGITS,
    FULLWIDTH_FULL_STOP, HAN, MIDDLE_DOT, QUESTION, SEMICOLON,
)
from kg.model import Document, ReportMeta
from kg.rules import RuleBook, load_rules

# Magic numbers of binary formats that are sometimes renamed .txt.
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a zip archive (or a .docx/.xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\x7fELF": "a program (ELF)",
    b"{\\rtf": "an RTF document",
}
# Control characters, which text holds few of if any (tab, line and page breaks are not counted).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01
# A damaged UTF-8 file: at least this many good non-ASCII characters per bad byte sequence.
_UTF8_GOOD_PER_BAD = 20

_HTML_SUFFIXES = (".htm", ".html", ".shtml", ".xhtml")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml)\b", re.I | re.S)
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_TAKEN_AT_ITS_WORD = frozenset({"big5", "big5hkscs", "cp950"})
# Elements dropped with their content; comments and declarations; any other tag.
_HIDDEN = re.compile(
    r"<(script|style|noscript|template|svg|iframe|object)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>",
    re.I | re.S,
)
# A tag: no attribute runs over another tag's opening (<a <a <a … would be tried to the end from
# every <, the square of the page), quoted values included.
_TAG = re.compile(r"""</?([A-Za-z][A-Za-z0-9:-]*)(?:"[^"<>]*"|'[^'<>]*'|[^'"<>])*>""")
# Tags that end a line of text, so that paragraphs stay lines as they are in a .txt copy.
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table tbody td th thead title tr ul".split()
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_CJK = re.compile(r"[\u4e00-\u9fff]")
# The mark of the viewer page kg build writes (kg/viewer/page.html), so a build never reads one.
_OWN_PAGE = re.compile(r'<meta name="generator" content="govreport-kg">')
_PROSE_END = re.compile(
    rf"[{FULL_STOP}{EXCLAMATION}!{QUESTION}?{SEMICOLON};{CLOSE_QUOTE}{CLOSE_CORNER}{CLOSE_BRACKET})]\s*$")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a file's bytes; return (text, encoding) or raise InputError naming the problem."""
    text, encoding, _ = decode_noting(data, path)
    return text, encoding


def decode_noting(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode a file's bytes: (text, encoding, warnings), or InputError naming the problem.

    UTF-8 (with or without BOM), UTF-16/32 with BOM, Big5 when a web page declares it, and
    GB18030 (which covers GBK and GB2312) are tried in that order. A UTF-8 file with a few
    damaged bytes (a download cut short) is decoded with U+FFFD in their place and a warning.
    """
    if not data:
        raise InputError(path, "the file is empty; nothing to build")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"the file is {what}, not text; convert it to text first")
    warnings: tuple[str, ...] = ()
    if data.startswith(codecs.BOM_UTF8):
        # The BOM says UTF-8, so damaged bytes are damage, whatever their number.
        text, warnings = _utf8(data, len(codecs.BOM_UTF8), damage_allowed=True)
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text, encoding = _strict(data, "utf-32", path), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", path), "utf-16"
    elif b"\x00" in data[:4096]:
        unmarked = _utf16_without_bom(data)
        if unmarked is None:
            raise InputError(path, "the file holds NUL bytes and is not text; convert it to text first")
        text, encoding = unmarked
    else:
        text, encoding, warnings = _undeclared(data, path)
    _check_text(text, path)
    return text, encoding, warnings


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without its byte-order mark (some Windows tools do): NUL bytes at every
    other place, and a decoding that reads as Chinese (or as ASCII text). None when it is not."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CJK.search(text[:4096]) and _reads_as_chinese(text) and not _CONTROL.search(text[:4096]):
            return text, encoding
    return None


def _undeclared(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes without a BOM: UTF-8, damaged UTF-8, a declared Big5, then GB18030."""
    try:
        text, warnings = _utf8(data, 0, damage_allowed=False)
        return text, "utf-8", warnings
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    failed: UnicodeDecodeError | None = None
    for encoding in (declared, "gb18030") if declared else ("gb18030",):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            failed = err
            continue
        if encoding == "gb18030" and not _reads_as_chinese(text):
            # Big5 bytes (or random ones) decode as GB18030 too, into rare characters: try Big5.
            try:
                big5 = data.decode("big5")
            except UnicodeDecodeError:
                big5 = ""
            if big5 and _reads_as_chinese(big5):
                return big5, "big5", ()
            share = _common_share(text)
            raise InputError(path, f"the file decodes to Chinese that does not read as text (only {share:.0%} common "
                                   "characters): it is in another encoding or not text; re-save it as UTF-8")
        return text, encoding, ()
    assert failed is not None
    raise InputError(
        path,
        f"the file is neither UTF-8 nor GB18030 (undecodable byte at offset {failed.start}); re-save it as UTF-8",
    )


_JUDGED = 200  # Chinese characters enough to judge a decoding by
_COMMON_SHARE = 0.7  # real Chinese: 0.99 of its characters are common; a wrong decoding: 0.3


@cache
def _common_chars() -> frozenset[str]:
    text = (resources.files("kg") / "data" / "common_chars.txt").read_text("utf-8")
    return frozenset("".join(line for line in text.splitlines() if not line.startswith("#")))


def _common_share(text: str) -> float:
    """The share of a text's Chinese characters that are common ones (kg/data/common_chars.txt)."""
    cjk = _CJK.findall(text[:200_000])
    common = _common_chars()
    return sum(ch in common for ch in cjk) / len(cjk) if cjk else 1.0


def _reads_as_chinese(text: str) -> bool:
    """Whether decoded text reads as Chinese (or holds too little Chinese to tell)."""
    return len(_CJK.findall(text[:200_000])) < _JUDGED or _common_share(text) >= _COMMON_SHARE


def _utf8(data: bytes, start: int, damage_allowed: bool) -> tuple[str, tuple[str, ...]]:
    """data[start:] as UTF-8, and a warning if some byte sequences were not UTF-8 and became U+FFFD.

    Damage is accepted when `damage_allowed` or when it is slight (a download cut short, a
    flipped byte: at least _UTF8_GOOD_PER_BAD good non-ASCII characters per bad sequence);
    otherwise the UnicodeDecodeError is raised, for the caller to try other encodings.
    """
    body = data[start:] if start else data
    try:
        return body.decode("utf-8"), ()
    except UnicodeDecodeError as err:
        first_bad = start + err.start
        error = err
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode("utf-8"))
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")  # non-ASCII characters
    if not damage_allowed and good < _UTF8_GOOD_PER_BAD * bad:
        raise error
    what = "1 byte sequence that is" if bad == 1 else f"{bad} byte sequences that are"
    return text, (f"{what} not UTF-8 (the first at byte {first_bad}) replaced by \ufffd; the file may be damaged",)


def _declared_charset(data: bytes) -> str | None:
    """The Big5 charset a web page declares in a <meta> tag, if it does.

    Only Big5 is taken at its word: GB18030 would read Big5 bytes as the wrong characters,
    while pages that declare Latin-1 or ASCII often hold GBK, which GB18030 reads right.
    """
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    return name if name in _TAKEN_AT_ITS_WORD else None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(path, f"the file is not valid {encoding} (bad byte at offset {err.start}); re-save it") from None


def _check_text(text: str, path: str) -> None:
    """Refuse decoded text that is blank or, by its share of control characters, binary."""
    if not text.strip():
        raise InputError(path, "the file is empty (only white space); nothing to build")
    head = text[:100_000]
    controls = len(_CONTROL.findall(head))
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise InputError(
            path, f"the file looks binary ({controls} control characters in its first {len(head)}); convert it to text first"
        )


def is_web_page(path: str, text: str) -> bool:
    """Whether a file is a web page: by its name (.html, .htm, .shtml) or by how its text begins."""
    return path.lower().endswith(_HTML_SUFFIXES) or bool(_HTML_START.match(text[:4096]))


def blank_markup(page: str) -> str:
    """The text of a web page at the same offsets: markup blanked, character for character.

    Scripts, styles and comments, and every tag, become spaces (keeping their line breaks),
    a tag that ends a block (<p>, <br>, <div> …) a line break and spaces, and an entity
    (&ldquo;) its character followed by spaces. The result has the page's length, and each
    character of its text stands where it stands in the page, so offsets into it are
    offsets into the decoded file.
    """
    text = _HIDDEN.sub(_blank, page)
    text = _TAG.sub(_blank_tag, text)
    return _ENTITY.sub(_entity, text)


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\r\n]", " ", m.group(0))


def _blank_tag(m: re.Match[str]) -> str:
    blank = _blank(m)
    return "\n" + blank[1:] if m.group(1).lower() in _BLOCK else blank


def _entity(m: re.Match[str]) -> str:
    written = m.group(0)
    char = html.unescape(written)
    if char == written or len(char) > len(written):
        return written
    if not char.strip():
        char = " "  # &nbsp;, &ensp; … and control characters
    return char + " " * (len(written) - len(char))


def read_document(path: Path, rules: RuleBook, max_mb: float | None = None) -> Document:
    """Read and decode one file and locate its report; raise InputError when it holds no report
    text, or when it is larger than `max_mb` megabytes (10**6 bytes)."""
    try:
        if max_mb is not None and (size := path.stat().st_size) > max_mb * 1e6:
            raise InputError(
                str(path), f"the file is {size / 1e6:.3g} MB, over the {max_mb:g} MB limit; split it, or raise the limit with --max-mb"
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputError(str(path), "the file cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except OSError as err:
        raise InputError(str(path), f"the file cannot be read ({err.strerror or err})") from None
    return parse_document(data, str(path), rules)


def parse_document(data: bytes, path: str, rules: RuleBook) -> Document:
    """A Document from a file's bytes (`path` names it in messages and gives its source name)."""
    text, encoding, warnings = decode_noting(data, path)
    if _OWN_PAGE.search(text[:2000]):
        raise OwnOutputError(path, "is a viewer page kg build wrote, not a report")
    if is_web_page(path, text):
        text = blank_markup(text)
        if not text.strip():
            raise InputError(path, "the page holds no text outside its markup (is it filled in by a script?); save its text")
    if not _CJK.search(text):
        raise InputError(path, "the file holds no Chinese text, so no report to build")
    start, end = find_body(text, rules)
    meta = parse_header(text[start:end], path, rules)
    digest = hashlib.sha256(text[start:end].encode("utf-8")).hexdigest()
    return Document(shown(Path(path).name), text, start, end, meta, digest, encoding, warnings)


def shown(name: str) -> str:
    """A file's name as text: bytes of a name that are not UTF-8 (GBK names on a UTF-8 system
    arrive as surrogates) become U+FFFD, so the name can be written to a graph or a terminal."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the text's lines, without their line breaks."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def _is_prose(line: str, rules: RuleBook) -> bool:
    line = line.strip()
    # The cheap test first: most lines of a page are not punctuated like prose.
    if not _PROSE_END.search(line) or len(_CJK.findall(line)) < 4:
        return False
    # Chrome markers are checked on short lines only: 积分 is chrome in a badge, not in 积分制.
    return not (len(line) < 40 and any(marker in line for marker in rules.chrome))


def find_body(text: str, rules: RuleBook) -> tuple[int, int]:
    """Where the report stands inside the file: from its title (or first prose) to its last prose line.

    A web-page copy wraps the report in menus, badges and footers; these are short,
    unpunctuated lines, and the chrome table names the common ones, so the body is
    the stretch from the report's title line to the last line that reads as prose.
    """
    spans = _lines(text)
    prose = [i for i, (a, b) in enumerate(spans) if _is_prose(text[a:b], rules)]
    if not prose:
        return 0, len(text)
    first, last = prose[0], prose[-1]
    # The header lines just before the first prose line (dateline, speaker, salutation, a title)
    # belong to the report even when it has no title line.
    start_line = first
    for i in range(first - 1, max(-1, first - 12), -1):
        line = _SPACES.sub("", text[spans[i][0]:spans[i][1]])
        if line and not _is_header_line(line, rules):
            break
        if line:
            start_line = i
    # A title further up (a web page may put chrome between it and the dateline): the last
    # 政府工作报告 line within 40 lines before the header.
    if not _is_title_line(_SPACES.sub("", text[spans[start_line][0]:spans[start_line][1]]), rules):
        for i in range(start_line - 1, max(-1, start_line - 40), -1):
            if _is_title_line(_SPACES.sub("", text[spans[i][0]:spans[i][1]]), rules):
                start_line = i
                break
    a = spans[start_line][0]
    a += len(text[a:spans[start_line][1]]) - len(text[a:spans[start_line][1]].lstrip())
    return a, spans[last][1]


_REGION_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}$")
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_LOOSE_YEAR = re.compile(r"(?<![0-9A-Za-z])(?P<year>(?:19|20)\d{2})(?![0-9])")
_FULL_WIDTH = str.maketrans(FULLWIDTH_DIGITS, "0123456789")
_HEAD_CHARS = 1500


@dataclass(frozen=True)
class _Header:
    """The words and patterns of a report's header (kg/rules/report.toml), compiled once per rule book."""

    phrase: str  # 政府工作报告
    title: re.Pattern[str]  # a title line
    title_run: re.Pattern[str]  # a title where a report flattened onto one line begins
    file_name: re.Pattern[str]  # the region in a file's name
    government: re.Pattern[str]  # 人民政府 … after a region's name
    not_region: re.Pattern[str]
    country: str
    national: frozenset[str]  # what a national report writes for its region
    national_government: str
    national_congress: str
    congress: re.Pattern[str]  # the region before a local congress
    we_represent: re.Pattern[str]
    dateline: re.Pattern[str]
    dateline_start: re.Pattern[str]  # the halves of a dateline broken over two lines
    dateline_end: re.Pattern[str]
    # The speaker: 广东省代省长 王伟中, 保定市人民政府市长 郭建英, 国务院总理 李强, or run into a
    # caption (…会议上省长某某作政府工作报告). The name is two to four characters (or a name with ·).
    speaker_line: re.Pattern[str]
    speaker_run: re.Pattern[str]
    salutation: str  # 各位代表
    # Headings that give the years when the header does not: 一、2021年工作回顾, 二、2022年工作安排.
    review_heading: re.Pattern[str]
    plan_heading: re.Pattern[str]
    year: str  # 年
    digits: dict[str, int]  # the digits of a date's Chinese numeral
    ten: str  # 十


@cache
def _header(rules: RuleBook) -> _Header:
    table = rules.table("report")
    title, region, dateline, speaker = table["title"], table["region"], table["dateline"], table["speaker"]
    roles = "|".join(map(re.escape, rules.words("report", "speaker", "roles")))
    government = "|".join(map(re.escape, rules.words("report", "region", "government")))
    heading = f"^[{table['headings']['numerals']}]+[{ENUMERATION_COMMA}.{FULLWIDTH_FULL_STOP}]"
    numbers = rules.table("numbers")["numeral"]
    return _Header(
        phrase=title["phrase"],
        title=re.compile(title["line"]),
        title_run=re.compile(title["run"]),
        file_name=re.compile(title["file_name"]),
        government=re.compile(f"(?:{government})$"),
        not_region=re.compile(region["not_name"]),
        country=region["country"],
        national=frozenset(region["national"]),
        national_government=region["national_government"],
        national_congress=region["national_congress"],
        congress=re.compile(region["congress"]),
        we_represent=re.compile(region["we_represent"]),
        dateline=re.compile(dateline["line"]),
        dateline_start=re.compile(dateline["start"]),
        dateline_end=re.compile(dateline["end"]),
        speaker_line=re.compile(rf"^(?P<prefix>[{HAN}]{{0,16}}?)(?P<role>{roles})(?P<name>[{HAN}{MIDDLE_DOT}]{{2,5}})$"),
        speaker_run=re.compile(rf"(?P<prefix>[{HAN}]{{0,16}}?)(?P<role>{roles})(?P<name>[{HAN}{MIDDLE_DOT}]{{2,4}}?)"
                               rf"(?={speaker['after']})"),
        salutation=speaker["salutation"],
        review_heading=re.compile(heading + table["headings"]["review"], re.M),
        plan_heading=re.compile(heading + table["headings"]["plan"], re.M),
        year=table["date"]["year"],
        digits=rules.digits | dict.fromkeys(numbers["zero_lookalikes"], 0),
        ten=next(m for m, value in rules.multipliers.items() if value == 10),
    )


def _region_name(written: str | None, h: _Header) -> str | None:
    """The region of a title: 长沙市人民政府工作报告 is 长沙市's; a non-Chinese remnant is none."""
    if not written:
        return None
    written = h.government.sub("", written)
    if written in h.national:
        return h.country  # 国务院政府工作报告: the national government's report is the country's
    return written if _REGION_NAME.match(written) and not h.not_region.search(written) else None


def _is_title_line(line: str, rules: RuleBook) -> bool:
    return _header(rules).phrase in line and len(line) <= 40 and not any(marker in line for marker in rules.chrome)


def _is_header_line(line: str, rules: RuleBook) -> bool:
    """A line of a report's header, white space removed: title, dateline (or half of one), speaker, salutation."""
    h = _header(rules)
    return bool(
        _is_title_line(line, rules)
        or h.dateline.search(line)
        or h.dateline_start.search(line)
        or h.dateline_end.match(line)
        or h.speaker_line.match(line)
        or line.startswith(h.salutation)
    )


def _number(written: str, h: _Header) -> int:
    """An Arabic, full-width or Chinese numeral of a date: 2021, ２０２１, 二〇二一, 十二, 三十一."""
    written = written.translate(_FULL_WIDTH)
    if written.isdigit():
        return int(written)
    if h.ten in written:
        tens, _, units = written.partition(h.ten)
        return h.digits.get(tens, 1) * 10 + h.digits.get(units, 0) if tens or units else 10
    return int("".join(str(h.digits.get(c, 0)) for c in written))


def parse_header(body: str, source: str = "", rules: RuleBook | None = None) -> ReportMeta:
    """Title, region, years, delivery date and speaker from the first lines of the body.

    Real copies begin in many ways: a title (spaced or bare, 政府工作报告), a dateline with any
    dash or none, broken over two lines or run into a caption, a speaker line with or without
    the region. What the header lacks is taken from the file name `source` (2021年保定市…),
    then from the report's own headings (2021年工作回顾); `missing` names what is still unknown.
    The header's words are those of `rules` (kg/rules/report.toml), the shipped ones by default.
    """
    h = _header(rules or load_rules())
    head = body[:_HEAD_CHARS]
    lines = [_SPACES.sub("", line) for line in head.splitlines()]
    lines = [line for line in lines if line][:8]
    flat = "".join(lines)
    title = region = speaker = role = delivered = None
    report_year = review_year = None
    title_line = next((line for line in lines[:6] if h.title.match(line)), None)
    if title_line is not None:
        title = title_line
        m = h.title.match(title_line)
        report_year = int(m.group("year")) if m.group("year") else None
        region = _region_name(m.group("region"), h)
    elif len(lines) == 1 and (m := h.title_run.match(flat)):
        # A report flattened onto one line: its title is where the line begins.
        title = m.group(0)
        report_year = int(m.group("year")) if m.group("year") else None
        region = _region_name(m.group("region"), h)
    dateline = h.dateline.search(flat)
    meeting = None
    if dateline:
        y, mo, d = (_number(dateline.group(k), h) for k in ("y", "m", "d"))
        if 1949 < y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            delivered = f"{y:04d}-{mo:02d}-{d:02d}"
            report_year = report_year or y
        meeting = dateline.group("meeting")
    if region is None and meeting:
        if h.national_congress in meeting:
            region = h.country
        elif cm := h.congress.search(meeting):
            region = _region_name(cm.group("region"), h)
    after = flat[dateline.end():] if dateline else flat
    sm = next((m for line in lines[:8] if (m := h.speaker_line.match(line))), None) or h.speaker_run.search(after[:80])
    if sm:
        role, speaker = sm.group("role"), sm.group("name")
        if region is None:
            region = _region_name(sm.group("prefix"), h)
    if region is None and (wm := h.we_represent.search(flat[:400])):
        region = _region_name(wm.group("region"), h)
    name = Path(source).stem if source else ""
    if region is None and (nm := h.file_name.search(name)):
        region = _region_name(nm.group("region"), h)
    if report_year is None and (ym := _LOOSE_YEAR.search(name)):
        report_year = int(ym.group("year"))
    if report_year is None:
        if pm := h.plan_heading.search(body):
            report_year = int(pm.group("year"))
        elif rm := h.review_heading.search(body):
            report_year = int(rm.group("year")) + 1
    if report_year is not None:
        review_year = report_year - 1
    if title is None or title == h.phrase:
        title = _compose_title(report_year, region, h) or title
    missing = tuple(what for what, value in (("region", region), ("report year", report_year)) if value is None)
    return ReportMeta(title, region, report_year, review_year, delivered, speaker, role, missing)


def _compose_title(year: int | None, region: str | None, h: _Header) -> str | None:
    """A bare or absent title made whole from what the header says: 2022年广东省政府工作报告."""
    if region is None:
        return None
    who = h.national_government if region == h.country else region
    return f"{year}{h.year}{who}{h.phrase}" if year else f"{who}{h.phrase}"
