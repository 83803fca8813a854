"""Bad inputs: every one is skipped with a one-line message naming it, and the build goes on.

Each case is a file's bytes and the exact reason a user reads after `skipped: PATH: `.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.model import BuildOptions
from kg.pipeline import build
from kg.read import blank_markup, read_document
from kg.vocab import KG

INPUTS = Path(__file__).parent / "data" / "inputs"
REPORT_TXT = INPUTS / "report.txt"
REPORT_HTML = INPUTS / "report.html"
REPORT = REPORT_TXT.read_text("utf-8")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

WHITE = "the file is empty (only white space); nothing to build"
BAD_INPUTS = {
    "empty.txt": (b"", "the file is empty; nothing to build"),
    "spaces.txt": (b"  \n\t \r\n", WHITE),
    "ideographic-spaces.txt": ("\u3000\u3000\n".encode("utf-8"), WHITE),
    "utf16-spaces.txt": (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), WHITE),
    "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is a PNG image, not text; convert it to text first"),
    "zip.txt": (b"PK\x03\x04\x14\x00\x06\x00", "the file is a zip archive (or a .docx/.xlsx), not text; convert it to text first"),
    "pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "the file is a PDF file, not text; convert it to text first"),
    "nul.txt": ("政府".encode("utf-8") + b"\x00\x00abc", "the file holds NUL bytes and is not text; convert it to text first"),
    "controls.txt": (b"\x01\x02\x03\x04abcdef" * 50, "the file looks binary (200 control characters in its first 500); convert it to text first"),
    "latin1.txt": ("Qualité du rapport".encode("latin-1"),
                   "the file is neither UTF-8 nor GB18030 (undecodable byte at offset 6); re-save it as UTF-8"),
    "bad-utf16.txt": (codecs.BOM_UTF16_LE + "政府".encode("utf-16-le") + b"\x00\xd8",
                      "the file is not valid utf-16 (bad byte at offset 6); re-save it"),
    "english.txt": ((INPUTS / "english.txt").read_bytes(), "the file holds no Chinese text, so no report to build"),
    "app.html": (b"<!DOCTYPE html><html><body><div id='app'></div><script>render('\xe6\x94\xbf\xe5\xba\x9c')</script></body></html>",
                 "the page holds no text outside its markup (is it filled in by a script?); save its text"),
}


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _skipped_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("skipped: ")]


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_build_bad_input_is_skipped_with_one_line(tmp_path, name):
    data, reason = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    result = _run("build", str(bad), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert _skipped_lines(result.output) == [f"skipped: {bad}: {reason}"], result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_build_goes_on_past_every_bad_input_and_lists_them(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, (data, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(REPORT, "utf-8")
    result = _run("build", str(folder), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    expected = {f"skipped: {folder / name}: {reason}" for name, (_, reason) in BAD_INPUTS.items()}
    expected.add(f"skipped: {tmp_path / 'missing.txt'}: no such file or folder")
    assert set(_skipped_lines(result.output)) == expected
    assert "reports: 1   skipped: 14" in result.output
    graph = rdflib.Graph().parse(tmp_path / "out" / "kg.ttl")
    assert len(list(graph.subjects(rdflib.RDF.type, KG.Report))) == 1


def test_build_strict_turns_a_skip_into_failure_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("# previous\n", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _run("build", str(REPORT_TXT), str(empty), "--out", str(out), "--strict")
    assert result.exit_code == 2, result.output
    assert f"skipped: {empty}: the file is empty; nothing to build" in result.output
    assert "kg: --strict: nothing written because inputs were skipped" in result.output
    assert (out / "kg.ttl").read_text("utf-8") == "# previous\n"
    assert sorted(p.name for p in out.iterdir()) == ["kg.ttl"]


def test_build_folder_without_report_files(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text(REPORT, "utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "copy.txt").write_text(REPORT, "utf-8")
    result = _run("build", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert _skipped_lines(result.output) == [
        f"skipped: {folder}: the folder holds no report files (.txt, .text, .htm, .html, .shtml, .xhtml, .md)"
    ]
    assert "kg: no report was built" in result.output


def test_build_broken_link_is_named(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    result = _run("build", str(link), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert _skipped_lines(result.output) == [f"skipped: {link}: is a link to a file that does not exist"]


@pytest.mark.skipif(IS_ROOT, reason="root reads a file whatever its permissions")
def test_build_unreadable_file_and_folder_are_skipped(tmp_path):
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "r.txt").write_text(REPORT, "utf-8")
    secret = folder / "secret.txt"
    secret.write_text(REPORT, "utf-8")
    secret.chmod(0)
    (folder / "locked").chmod(0)
    try:
        result = _run("build", str(folder), "--out", str(tmp_path / "out"))
    finally:
        secret.chmod(0o644)
        (folder / "locked").chmod(0o755)
    assert result.exit_code == 2, result.output
    assert set(_skipped_lines(result.output)) == {
        f"skipped: {secret}: the file cannot be read (permission denied)",
        f"skipped: {folder / 'locked'}: the folder cannot be read (permission denied)",
    }


def test_build_unreadable_file_and_folder_are_skipped_even_as_root(tmp_path, monkeypatch):
    # chmod 000 does not stop root (CI), so the refusal is made by the file system calls themselves.
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "r.txt").write_text(REPORT, "utf-8")
    secret = folder / "secret.txt"
    secret.write_text(REPORT, "utf-8")
    (folder / "news.txt").write_bytes((INPUTS / "news.txt").read_bytes())
    real_read, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    result = _run("build", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert set(_skipped_lines(result.output)) == {
        f"skipped: {secret}: the file cannot be read (permission denied)",
        f"skipped: {folder / 'locked'}: the folder cannot be read (permission denied)",
    }


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE),
])
def test_read_decodes_every_encoding_to_the_same_text(tmp_path, rules, encoding, bom):
    path = tmp_path / "r.txt"
    path.write_bytes(bom + REPORT.encode(encoding))
    doc = read_document(path, rules)
    assert doc.text == REPORT
    assert doc.meta.title == "2023年某某市政府工作报告" and doc.warnings == ()


def test_build_one_report_in_many_encodings_is_built_once(tmp_path):
    names = {"a-utf8.txt": REPORT.encode("utf-8"), "b-bom.txt": codecs.BOM_UTF8 + REPORT.encode("utf-8"),
             "c-gbk.txt": REPORT.encode("gbk"), "d-utf16.txt": REPORT.encode("utf-16")}
    for name, data in names.items():
        (tmp_path / name).write_bytes(data)
    result = _run("build", *(str(tmp_path / n) for n in names), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert sorted(_skipped_lines(result.output)) == [
        f"skipped: {tmp_path / n}: the same report as {tmp_path / 'a-utf8.txt'}; built once" for n in sorted(names)[1:]
    ]


def test_build_damaged_utf8_is_built_with_a_warning(tmp_path):
    data = REPORT.encode("utf-8")
    cut = data.index("固定资产投资".encode("utf-8")) + 1  # inside a character
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:cut] + data[cut + 2:] + "完".encode("utf-8")[:2])  # a hole, and a download cut short
    result = _run("build", str(damaged), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (f"warning: {damaged}: 2 byte sequences that are not UTF-8 (the first at byte {cut - 1}) "
            "replaced by \ufffd; the file may be damaged") in result.output


def test_build_damaged_utf8_with_bom_is_built_with_a_warning(tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(codecs.BOM_UTF8 + REPORT.encode("utf-8") + b"\xff")
    result = _run("build", str(damaged), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    size = damaged.stat().st_size
    assert (f"warning: {damaged}: 1 byte sequence that is not UTF-8 (the first at byte {size - 1}) "
            "replaced by \ufffd; the file may be damaged") in result.output


def test_read_gbk_page_declaring_latin1_is_read_as_gb18030(tmp_path, rules):
    page = REPORT_HTML.read_text("utf-8").replace('charset="utf-8"', 'charset="iso-8859-1"')
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gbk"))
    doc = read_document(path, rules)
    assert doc.encoding == "gb18030" and doc.meta.title == "2023年某某市政府工作报告"


def test_read_web_page_with_declared_charset(tmp_path, rules):
    page = REPORT_HTML.read_text("utf-8").replace('charset="utf-8"', 'charset="big5"')
    page = page.replace("全市", "全市臺灣")  # a character GB2312 lacks but Big5 has
    path = tmp_path / "big5.html"
    path.write_bytes(page.encode("big5", "replace"))
    doc = read_document(path, rules)
    assert doc.encoding == "big5" and "臺灣" in doc.text


def test_read_web_page_keeps_offsets_and_drops_markup(rules):
    page = REPORT_HTML.read_text("utf-8")
    doc = read_document(REPORT_HTML, rules)
    assert len(doc.text) == len(page)
    assert doc.text == blank_markup(page)
    body = doc.text[doc.body_start:doc.body_end]
    assert body.startswith("2023年某某市政府工作报告") and body.rstrip().endswith("努力奋斗！")
    for hidden in ("脚本里的文字", "写入的段落", "样式", "注释里的文字", "window.stats", "<p", "&nbsp;", "版权所有"):
        assert hidden not in body, hidden
    # Outside markup, every character stands where it stands in the page.
    for i, ch in enumerate(doc.text):
        assert ch.isspace() or ch == page[i] or page[i] == "&", (i, ch, page[i])


def test_build_web_page_gives_the_same_facts_as_its_text(tmp_path, rules):
    from kg.divisions import load_divisions
    from kg.pipeline import process_document

    facts = {}
    for path in (REPORT_TXT, REPORT_HTML):
        doc = read_document(path, rules)
        facts[path.suffix] = process_document(doc, rules, load_divisions())
        for o in facts[path.suffix].observations:
            assert doc.text[o.mention.start:o.mention.end] == o.mention.text
    summary = {s: sorted((o.indicator, o.value, o.unit, o.status) for o in f.observations) for s, f in facts.items()}
    assert summary[".html"] == summary[".txt"] and len(summary[".txt"]) >= 8


def test_build_web_page_and_its_text_are_one_report(tmp_path):
    result = _run("build", str(REPORT_TXT), str(REPORT_HTML), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert _skipped_lines(result.output) == [f"skipped: {REPORT_TXT}: the same report as {REPORT_HTML}; built once"]
    literals = " ".join(str(o) for o in rdflib.Graph().parse(tmp_path / "out" / "kg.ttl").objects() if isinstance(o, rdflib.Literal))
    for hidden in ("脚本里的文字", "写入的段落", "注释里的文字", "99%", "88%", "77%", "66%"):
        assert hidden not in literals, hidden


def test_build_chinese_text_without_a_report_is_built_with_a_warning(tmp_path):
    news = INPUTS / "news.txt"
    result = _run("build", str(news), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert f"warning: {news}: no 政府工作报告 title found; built with what the text holds" in result.output


def test_build_same_report_under_two_names_is_one_report(tmp_path):
    first, second = tmp_path / "2023.txt", tmp_path / "copy of 2023.txt"
    first.write_text(REPORT, "utf-8")
    second.write_text(REPORT, "utf-8")
    result = _run("build", str(second), str(first), str(first), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert _skipped_lines(result.output) == [f"skipped: {second}: the same report as {first}; built once"]
    graph = rdflib.Graph().parse(tmp_path / "out" / "kg.ttl")
    assert len(list(graph.subjects(rdflib.RDF.type, KG.Report))) == 1


def test_build_does_not_read_its_own_outputs(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.txt").write_text(REPORT, "utf-8")
    for _ in range(2):
        result = _run("build", str(folder), "--out", str(folder / "output"))
        assert result.exit_code == 0, result.output
        assert "reports: 1   skipped: 0" in result.output and "warning" not in result.output


def test_build_failure_inside_one_file_does_not_stop_the_rest(tmp_path, monkeypatch):
    import kg.pipeline

    real = kg.pipeline.process_document

    def fail_on_news(doc, *args):
        if doc.source == "news.txt":
            raise RuntimeError("boom")
        return real(doc, *args)

    monkeypatch.setattr(kg.pipeline, "process_document", fail_on_news)
    result = _run("build", str(INPUTS / "news.txt"), str(REPORT_TXT), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"skipped: {INPUTS / 'news.txt'}: kg failed on this file (RuntimeError: boom); please report it with the file" in result.output
    assert "reports: 1" in result.output


# --- the output folder -------------------------------------------------------------------------


def test_build_output_folder_that_is_a_file_fails_before_reading(tmp_path, monkeypatch):
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "read_document", lambda *a: pytest.fail("read an input"))
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", "utf-8")
    result = _run("build", str(REPORT_TXT), "--out", str(blocker))
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"Error: {blocker}: is a file, not a folder; choose another output folder with --out"
    nested = blocker / "graphs"
    result = _run("build", str(REPORT_TXT), "--out", str(nested))
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: {nested}: cannot be created: {blocker} is a file; choose another output folder with --out")
    assert blocker.read_text("utf-8") == "not a folder"


@pytest.mark.skipif(IS_ROOT, reason="root writes into a read-only folder")
def test_build_read_only_output_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = _run("build", str(REPORT_TXT), "--out", str(out))
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"Error: {out}: the folder is not writable; choose another output folder with --out"


def test_build_write_failure_leaves_previous_outputs_and_no_temporary_files(tmp_path, monkeypatch):
    import tempfile

    out = tmp_path / "out"
    assert build(BuildOptions(paths=(str(REPORT_TXT),), out_dir=str(out))).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = tempfile.mkstemp

    def disk_full(*args, **kwargs):
        if kwargs.get("prefix", "").startswith(".graph.html"):
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", disk_full)
    result = _run("build", str(INPUTS / "news.txt"), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert re.search(rf"^Error: {re.escape(str(out / 'graph.html'))}: cannot be written \(No space left on device\)$",
                     result.output, re.M), result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # kg.ttl too: nothing renamed, no .tmp left


def test_build_file_over_the_size_limit_is_skipped_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    result = _run("build", str(REPORT_TXT), "--max-mb", "0.0005", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert _skipped_lines(result.output) == [
        f"skipped: {REPORT_TXT}: the file is {REPORT_TXT.stat().st_size / 1e6:.3g} MB, over the 0.0005 MB limit; "
        "split it, or raise the limit with --max-mb"
    ]


def test_readme_says_what_goes_wrong_with_the_exit_codes_of_build_help():
    from kg.cli import BUILD_EPILOG

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    section = readme.split("## When things go wrong", 1)[1].split("\n## ", 1)[0]
    codes = re.findall(r"^\s+(\d+)\s+\w", BUILD_EPILOG, re.M)
    assert codes == ["0", "1", "2", "130"]
    assert re.findall(r"^\| (\d+) \|", section, re.M) == codes
    for reason in ("no such file or folder", "the folder holds no report files", "the file is empty; nothing to build",
                   "not text; convert it to text first", "the same report as", "is a file, not a folder"):
        assert reason in section, reason


def test_build_report_without_year_or_region_says_so_and_writes_no_year(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("各位代表：\n现在，我代表政府，向大会报告工作。\n全年地区生产总值增长5.2%，固定资产投资增长8%。\n", "utf-8")
    result = _run("build", str(source), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {source}: no region and no report year found in the header, the file name or the section "
        "headings; its observations have no place and carry a year only where their sentence gives one"
    ) in result.output
    assert "notes.txt: (region unknown), (year unknown)" in result.output
    graph = rdflib.Graph().parse(tmp_path / "out" / "kg.ttl")
    observations = set(graph.subjects(rdflib.RDF.type, KG.Observation))
    assert len(observations) == 2
    assert not list(graph.triples((None, KG.year, None)))
    assert not any("/year/0" in str(node) for node in graph.all_nodes())
