"""The code stays in functions one can read whole: none of the extraction, resolution or relation
modules has a function over 50 lines (issue 14)."""

from __future__ import annotations

import ast
import re
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


# Chinese in code is grammar only (kg/grammar.py); words are data in the rule tables. Docstrings and
# comments may quote the language freely (issue 14).
CJK = re.compile(r"[\u2014-\u201f\u2460-\u24ff\u3000-\u303f\u3200-\u32ff\u4e00-\u9fff\uff00-\uffef]")
GRAMMAR = KG / "grammar.py"


def _cjk_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and CJK.search(node.value)]


CODE = sorted(p for p in KG.rglob("*.py") if p != GRAMMAR)


@pytest.mark.parametrize("path", CODE, ids=[str(p.relative_to(KG)) for p in CODE])
def test_no_chinese_word_is_written_in_code(path):
    found = _cjk_literals(path)
    assert found == [], f"{path.relative_to(KG)}: Chinese in code, not in a table or kg/grammar.py: {found[:10]}"


def test_the_checker_sees_a_literal_and_passes_over_docstrings_and_comments(tmp_path):
    source = tmp_path / "m.py"
    source.write_text('"""模块。"""\n# 注释\ndef f():\n    """函数。"""\n    return "项目"\n', "utf-8")
    assert _cjk_literals(source) == [(5, "项目")]
