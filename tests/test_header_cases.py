"""Golden cases for report headers: one TOML file per form of header in tests/cases/headers/.

Each case gives the start of a report as a real copy might begin (and the file's name), and
what the header says: title, region, report and review year, delivery date, speaker. A field
a case does not state must be unknown (None), so a case is also a negative for the rest.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.read import parse_document

CASES = sorted((Path(__file__).parent / "cases" / "headers").glob("*.toml"))
FIELDS = ("region", "report_year", "review_year", "delivered", "speaker", "speaker_role")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_header_case(path: Path, rules):
    case = tomllib.loads(path.read_text("utf-8"))
    meta = parse_document(case["text"].encode("utf-8"), case["source"], rules).meta
    expected = case["expected"]
    found = {name: getattr(meta, name) for name in FIELDS}
    wanted = {name: expected.get(name) for name in FIELDS}
    assert found == wanted
    if "title" in expected:
        assert meta.title == expected["title"]
    assert list(meta.missing) == expected.get("missing", [])

