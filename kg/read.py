"""Read one input file: decode it, find the report body inside it, parse its header."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from kg.errors import InputError
from kg.model import Document, ReportMeta
from kg.rules import RuleBook

# Magic numbers of binary formats that are sometimes renamed .txt.
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a zip archive (or a .docx/.xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
}

_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*(?P<region>[^\s\d，,。]{0,24}?)\s*政府工作报告")
_TITLE_ONLY = re.compile(r"(?P<region>[^\s\d，,。——]{0,24}?)政府工作报告")
_DELIVERED = re.compile(
    r"[—─-]{1,2}\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*在(?P<meeting>[^\n]{2,60}?)上"
)
_CONGRESS_REGION = re.compile(r"(?P<region>[\u4e00-\u9fff]{2,12}?)第[一二三四五六七八九十]+届人民代表大会")
_PROSE_END = re.compile(r"[。！!？?；;”」）)]\s*$")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a file's bytes; return (text, encoding) or raise InputError naming the problem."""
    if not data.strip():
        raise InputError(path, "the file is empty; nothing to build")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"the file is {what}, not text; convert it to text first")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if b"\x00" in data[:4096]:
        raise InputError(path, "the file holds NUL bytes and is not text; convert it to text first")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as err:
        raise InputError(
            path, f"the file is neither UTF-8 nor GB18030 (undecodable byte at offset {err.start}); re-save it as UTF-8"
        ) from None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(path, f"the file is not valid {encoding} (bad byte at offset {err.start}); re-save it") from None


def read_document(path: Path, rules: RuleBook) -> Document:
    """Read and decode one file and locate its report; raise InputError when it holds no text."""
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(str(path), "the file cannot be read (permission denied)") from None
    except OSError as err:
        raise InputError(str(path), f"the file cannot be read ({err.strerror})") from None
    text, encoding = decode(data, str(path))
    if not _CJK.search(text):
        raise InputError(str(path), "the file holds no Chinese text, so no report to build")
    start, end = find_body(text, rules)
    meta = parse_header(text[start:end])
    digest = hashlib.sha256(text[start:end].encode("utf-8")).hexdigest()
    return Document(path.name, text, start, end, meta, digest, encoding)


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
    if len(_CJK.findall(line)) < 4:
        return False
    # Chrome markers are checked on short lines only: 积分 is chrome in a badge, not in 积分制.
    if len(line) < 40 and any(marker in line for marker in rules.chrome):
        return False
    return bool(_PROSE_END.search(line))


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
    # The title is the last 政府工作报告 line before the first prose line that is followed
    # (within a few lines) by the delivery line or the salutation; else the first prose line.
    start_line = first
    for i in range(first - 1, max(-1, first - 40), -1):
        line = text[spans[i][0]:spans[i][1]]
        if "政府工作报告" in line and not any(marker in line for marker in rules.chrome):
            start_line = i
            break
    a = spans[start_line][0]
    a += len(text[a:spans[start_line][1]]) - len(text[a:spans[start_line][1]].lstrip())
    return a, spans[last][1]


def parse_header(body: str) -> ReportMeta:
    """Title, region, years, delivery date and speaker from the first lines of the body."""
    head = body[:600]
    title = region = speaker = role = delivered = None
    report_year = None
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    for line in lines[:6]:
        if "政府工作报告" in line:
            title = re.sub(r"\s+", "", line)
            m = _YEAR_TITLE.search(title)
            if m:
                report_year = int(m.group("year"))
                region = m.group("region") or None
            else:
                region = _TITLE_ONLY.search(title).group("region") or None
            break
    m = _DELIVERED.search(head)
    meeting = None
    if m:
        delivered = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        meeting = m.group("meeting")
        if report_year is None:
            report_year = int(m.group("y"))
    if region is None and meeting:
        if "全国人民代表大会" in meeting:
            region = "中华人民共和国"
        else:
            cm = _CONGRESS_REGION.search(meeting)
            region = cm.group("region") if cm else None
    m = re.search(
        r"(?:人民政府|国务院)?\s*(?P<role>代理省长|代省长|代市长|代县长|代区长|省长|市长|县长|区长|州长|盟长|旗长|总理|主席)\s*(?P<name>[\u4e00-\u9fff·]{2,5})\s*$",
        "\n".join(lines[:8]),
        re.M,
    )
    if m:
        role, speaker = m.group("role"), m.group("name")
    review_year = report_year - 1 if report_year else None
    return ReportMeta(title, region, report_year, review_year, delivered, speaker, role)
