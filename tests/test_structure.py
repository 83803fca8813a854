"""The code stays in functions one can read whole: none of the extraction, resolution or relation
modules has a function over 50 lines (issue 14)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
MODULES = sorted([*(KG / "extract").glob("*.py"), KG / "resolve.py", KG / "relate.py"])
LONGEST = 50


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_function_is_longer_than_fifty_lines(path):
    tree = ast.parse(path.read_text("utf-8"))
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > LONGEST]
    assert long == [], f"{path.name}: functions over {LONGEST} lines: {long}"
