"""kg validate: a built graph conforms to ontology/shapes.ttl; a broken one is named, node by node."""

from __future__ import annotations

import re

from click.testing import CliRunner

from kg.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_samples_graph_and_trig_conform(sample_build):
    _, out = sample_build
    for name in ("kg.ttl", "kg.trig"):
        result = _run("validate", str(out / name))
        assert result.exit_code == 0, result.output
        assert result.output == f"{out / name}: conforms to the shapes of ontology/shapes.ttl\n"


def test_a_broken_observation_and_mention_fail_with_a_clear_message(sample_build, tmp_path):
    _, out = sample_build
    text = (out / "kg.ttl").read_text("utf-8")
    text = text.replace('kg:unit "%"', 'kg:unit "%", "个"', 1)  # an observation with two units
    m = re.search(r"kg:endIndex (\d+)", text)
    text = text[: m.start()] + f"kg:endIndex {int(m.group(1)) + 3}" + text[m.end():]  # offsets past the anchor
    broken = tmp_path / "broken.ttl"
    broken.write_text(text, "utf-8")
    result = _run("validate", str(broken))
    assert result.exit_code == 1, result.output
    assert f"{broken}: 2 violations of ontology/shapes.ttl" in result.output
    assert "1 × an observation has exactly one kg:unit, a string" in result.output
    assert "1 × a mention's offsets do not span its anchor, or its anchor is not in its sentence" in result.output


def test_a_missing_graph_exits_2(tmp_path):
    result = _run("validate", str(tmp_path / "none.ttl"))
    assert result.exit_code == 2, result.output
    assert result.output == f"Error: {tmp_path / 'none.ttl'}: no such file; build the graph first with kg build\n"


def test_the_viewer_page_given_for_the_graph_is_one_sentence(sample_build):
    _, out = sample_build
    result = _run("validate", str(out / "graph.html"))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {out / 'graph.html'}: is not a readable Turtle file"), lines
