"""Explain what the rules make of a piece of text: every candidate mention with the rule that
found it, the vetoes that removed candidates (kg.trace), and what survived resolution.

`kg explain` calls `explain_text`; the text is built as a report body of its own (no header),
with the region, year and report part given, if any.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from kg import trace
from kg.grammar import EM_DASH
from kg.model import Document, Entity, Mention, Observation, Part, ReportMeta, ReportFacts

SOURCE = "<explain>"


@dataclass(frozen=True)
class Candidate:
    """A mention an extractor yielded, and what became of it in resolution."""

    mention: Mention
    entity: Entity | None  # the entity it is a mention of, None when resolution dropped it
    why: str  # how it was dropped (the named policy), empty when kept

    @property
    def kept(self) -> bool:
        return self.entity is not None


@dataclass(frozen=True)
class ObservationCandidate:
    """An observation the extractor yielded, and the observation it became (indicator named by
    the scheme, place given), None when it was dropped."""

    found: Observation
    kept: Observation | None


@dataclass(frozen=True)
class Explanation:
    """Everything `kg explain` prints about one text."""

    text: str
    meta: ReportMeta
    part: Part | None
    facts: ReportFacts
    candidates: tuple[Candidate, ...]
    observations: tuple[ObservationCandidate, ...]
    vetoes: tuple[trace.Veto, ...]




def explain_text(text: str, *, region: str | None = None, year: int | None = None,
                 part: Part | None = None) -> Explanation:
    """Run the extraction pipeline on `text` as a report body of its own.

    `region` (保定市) and `year` (the report's year; the year reviewed is the one before) set the
    report's context as its header would; `part` (review or plan) puts the text in that part of a
    report, else its own headings decide, as in a build. Offsets are into `text`.
    """
    from kg.divisions import load_divisions
    from kg.pipeline import _Clock, process_document
    from kg.rules import load_rules

    rules, divisions = load_rules(), load_divisions()
    meta = ReportMeta(region=region, report_year=year, review_year=year - 1 if year else None)
    # A level-1 heading (kg/rules/report.toml [explain]) is put before the text when a part is asked
    # for: the pipeline reads the part (review or plan) from the headings, which a sentence given
    # alone does not have.
    heading = rules.table("report")["explain"].get(part or "")
    heading = heading + "\n" if heading else ""
    body = heading + text
    doc = Document(SOURCE, body, 0, len(body), meta, hashlib.sha256(body.encode("utf-8")).hexdigest())
    mentions, found = _candidates(doc, rules, divisions)
    # Vetoes are collected from the pipeline's own run, so that those of resolution count too.
    with trace.tracing() as vetoes:
        facts = process_document(doc, rules, divisions, _Clock())
    if heading:
        shift = _Shift(len(heading), sum(s.start < len(heading) for s in facts.sentences))
        doc = replace(doc, text=text, body_end=len(text))
        mentions = [shift.mention(m) for m in mentions if m.start >= shift.by]
        found = [shift.observation(o) for o in found if o.mention.start >= shift.by]
        vetoes = [replace(v, start=v.start - shift.by, end=v.end - shift.by) for v in vetoes if v.start >= shift.by]
        facts = shift.facts(facts, doc)
    return Explanation(
        text, meta, part, facts,
        tuple(_fate(m, mentions, facts.entities) for m in mentions),
        _observation_fates(found, facts.observations),
        tuple(vetoes),
    )


def _candidates(doc: Document, rules: Any, divisions: Any) -> tuple[list[Mention], list[Observation]]:
    """The extraction stage of kg.pipeline.process_document (the same kg.pipeline.extract_all),
    keeping what it yields before resolution."""
    from kg.extract.tokens import SentenceTokens, tokenizer
    from kg.pipeline import _region, extract_all, extraction_words
    from kg.structure import find_sections, split_sentences

    meta = doc.meta
    sentences = split_sentences(doc, find_sections(doc, rules), rules.words("report", "part", "notes"))
    region = _region(meta.region, divisions, meta.report_year)
    tok = SentenceTokens(tokenizer(extraction_words(rules, divisions)))
    mentions, observations = extract_all(sentences, meta, rules, divisions, tok, region.code if region else None)
    return sorted(mentions, key=lambda m: (m.start, m.end, m.kind, m.rule)), list(observations)


@dataclass(frozen=True)
class _Shift:
    """Moves what was found in heading + text back to offsets into the text alone."""

    by: int  # the heading's length
    sentences: int  # the sentences the heading made

    def mention(self, m: Mention) -> Mention:
        return replace(m, start=m.start - self.by, end=m.end - self.by, sentence=m.sentence - self.sentences)

    def observation(self, o: Observation) -> Observation:
        return replace(
            o, mention=self.mention(o.mention),
            indicator_start=None if o.indicator_start is None else o.indicator_start - self.by,
            indicator_end=None if o.indicator_end is None else o.indicator_end - self.by,
        )

    def facts(self, facts: ReportFacts, doc: Document) -> ReportFacts:
        sentences = tuple(replace(s, index=s.index - self.sentences, start=s.start - self.by, end=s.end - self.by)
                          for s in facts.sentences[self.sentences:])
        entities = tuple(replace(e, mentions=tuple(self.mention(m) for m in e.mentions if m.start >= self.by))
                         for e in facts.entities)
        observations = tuple(self.observation(o) for o in facts.observations if o.mention.start >= self.by)
        relations = tuple(replace(r, mention=self.mention(r.mention) if r.mention else None) for r in facts.relations)
        return ReportFacts(doc, sentences, entities, observations, relations)


def _fate(m: Mention, mentions: list[Mention], entities: tuple[Entity, ...]) -> Candidate:
    """The entity `m` is a mention of, or the policy that dropped it (kg.resolve's named ones where
    they tell; resolve_entities drops some more, inside other names)."""
    from kg.resolve import prefer_kind, prefer_longest

    owner = {(k.start, k.end, k.kind, k.rule): e for e in entities for k in e.mentions}
    if (m.start, m.end, m.kind, m.rule) in owner:
        return Candidate(m, owner[(m.start, m.end, m.kind, m.rule)], "")
    longest = set(prefer_longest(mentions))
    twin = next((k for k in mentions if k is not m and (k.start, k.end, k.kind) == (m.start, m.end, m.kind)
                 and k in longest), None)
    if m.rule == "place.scope":
        why = f"the report's own region ({m.text}), not a place of its own"
    elif twin is not None:
        why = f"the same {m.kind} span is kept once, from {twin.rule} (prefer_longest)"
    elif m not in longest:
        outer = next((k for k in longest if k.kind == m.kind and k.start <= m.start and m.end <= k.end), None)
        why = f"inside the longer {outer.kind} {outer.text} (prefer_longest)" if outer else "prefer_longest"
    elif m not in set(prefer_kind(longest)):
        kept = next((k for k in prefer_kind(longest) if (k.start, k.end) == (m.start, m.end)), None)
        why = f"the same span is kept as a {kept.kind} (prefer_kind)" if kept else "prefer_kind"
    else:
        holder = next((k for k in mentions if (k.start, k.end) != (m.start, m.end) and k.start <= m.start
                       and m.end <= k.end and (k.start, k.end, k.kind, k.rule) in owner), None)
        why = (f"inside the name of the {holder.kind} {holder.text}, not one of its own" if holder
               else "dropped in resolution (a name inside another name, or a part of a route or work)")
    return Candidate(m, None, why)


def _observation_fates(found: list[Observation], kept: tuple[Observation, ...]) -> tuple[ObservationCandidate, ...]:
    # Resolution renames indicators and places observations; it keeps their anchors and values.
    pool = list(kept)
    out = []
    for o in found:
        match = next((k for k in pool if (k.mention.start, k.mention.end, k.value, k.rule) ==
                      (o.mention.start, o.mention.end, o.value, o.rule)), None)
        if match is not None:
            pool.remove(match)
        out.append(ObservationCandidate(o, match))
    return tuple(out)


# ---------------------------------------------------------------- output


def _number(value: Decimal) -> str:
    return format(value, "f")


def _describe(o: Observation) -> str:
    return (f"{o.indicator or '?'} {_number(o.value)}{o.unit} ({o.year}, {o.status}, {o.qualifier}, {o.measure})")


def render_text(ex: Explanation) -> str:
    """The explanation for a reader: context, candidates with their fate, vetoes, observations,
    the entities and links the text gives."""
    context = ", ".join(f"{k} {v}" for k, v in (("region", ex.meta.region), ("year", ex.meta.report_year),
                                               ("part", ex.part)) if v) or "no region, year or part given"
    lines = [f"text: {len(ex.text)} characters, {len(ex.facts.sentences)} sentence(s); {context}"]
    width = max([4, *(len(c.mention.text) for c in ex.candidates)])
    lines += ["", f"candidates ({len(ex.candidates)}):"]
    for c in ex.candidates:
        m = c.mention
        fate = f"kept: {c.entity.kind} {c.entity.label}" if c.entity else f"not kept: {c.why}"
        lines.append(f"  {m.kind:<11} {_pad(m.text, width)} {m.start:>4}-{m.end:<4} {m.rule:<24} {fate}")
    if ex.vetoes:
        lines += ["", f"vetoes ({len(ex.vetoes)}):"]
        for v in ex.vetoes:
            lines.append(f"  {v.kind:<11} {_pad(v.text, width)} {v.start:>4}-{v.end:<4} removed by veto {v.rule}")
    lines += ["", f"observations ({len(ex.observations)}):"]
    for oc in ex.observations:
        o = oc.found
        if oc.kept is None:
            fate = "not kept"
        else:
            renamed = "" if _describe(oc.kept) == _describe(o) else f" as {_describe(oc.kept)}"
            fate = f"kept{renamed}, place {oc.kept.place or '-'}"
        lines.append(f"  {_describe(o)} {o.mention.start}-{o.mention.end} «{o.mention.text}» {o.rule}; {fate}")
    lines += ["", f"entities ({len(ex.facts.entities)}):"]
    for e in ex.facts.entities:
        extra = ", ".join(x for x in (e.subtype, e.adcode, f"part of {e.part_of}" if e.part_of else None) if x)
        aliases = f" (also {', '.join(e.aliases)})" if e.aliases else ""
        mentioned = "" if e.mentions else " [not written: a parent or the report's region]"
        lines.append(f"  {e.kind:<11} {e.label}{aliases}{f' {EM_DASH} ' + extra if extra else ''}{mentioned}")
    if ex.facts.relations:
        lines += ["", f"links ({len(ex.facts.relations)}):"]
        for r in ex.facts.relations:
            lines.append(f"  {r.subject.label} {r.predicate} {r.object.label} ({r.rule})")
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int) -> str:
    # Chinese characters take two columns in a terminal.
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(0, 2 * width - shown)


def to_dict(ex: Explanation) -> dict[str, Any]:
    """A JSON-ready view of the explanation."""

    def obs(o: Observation) -> dict[str, Any]:
        return {"indicator": o.indicator, "value": _number(o.value), "unit": o.unit, "year": o.year,
                "status": o.status, "qualifier": o.qualifier, "measure": o.measure, "place": o.place,
                "start": o.mention.start, "end": o.mention.end, "anchor": o.mention.text, "rule": o.rule}

    return {
        "text": ex.text,
        "region": ex.meta.region, "year": ex.meta.report_year, "part": ex.part,
        "candidates": [
            {"kind": c.mention.kind, "text": c.mention.text, "start": c.mention.start, "end": c.mention.end,
             "rule": c.mention.rule, "kept": c.kept, "entity": c.entity.label if c.entity else None,
             "entity_kind": c.entity.kind if c.entity else None, "why": c.why or None}
            for c in ex.candidates
        ],
        "vetoes": [{"kind": v.kind, "text": v.text, "start": v.start, "end": v.end, "rule": v.rule} for v in ex.vetoes],
        "observations": [{**obs(oc.found), "kept": oc.kept is not None,
                          "as": obs(oc.kept) if oc.kept is not None else None} for oc in ex.observations],
        "entities": [{"kind": e.kind, "label": e.label, "aliases": list(e.aliases), "subtype": e.subtype,
                      "adcode": e.adcode, "part_of": e.part_of, "mentions": len(e.mentions)} for e in ex.facts.entities],
        "links": [{"subject": r.subject.label, "predicate": r.predicate, "object": r.object.label, "rule": r.rule}
                  for r in ex.facts.relations],
    }
