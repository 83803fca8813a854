"""Frozen values passed between the pipeline's stages; no logic beyond invariants.

Offsets everywhere are half-open code-point offsets into `Document.text`, the
decoded input file, so `doc.text[m.start:m.end] == m.text` always holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["Place", "Enterprise", "Project"]
Part = Literal["review", "plan", "other", "notes"]  # notes: a glossary (名词解释) after the report
Measure = Literal["Growth", "Level", "Ratio", "Change"]
Status = Literal["Actual", "Target"]
Qualifier = Literal["Exact", "About", "AtLeast", "AtMost"]


@dataclass(frozen=True)
class ReportMeta:
    """What the report's header says about it; any field may be unknown."""

    title: str | None = None
    region: str | None = None
    report_year: int | None = None
    review_year: int | None = None
    delivered: str | None = None  # ISO date, yyyy-mm-dd
    speaker: str | None = None
    speaker_role: str | None = None
    missing: tuple[str, ...] = ()  # what neither the header, the file name nor the headings gave


@dataclass(frozen=True)
class Document:
    """One decoded input file and where its report body lies inside it."""

    source: str  # the file's name, as `dcterms:source`
    text: str  # the decoded file (a web page's markup blanked with spaces, so offsets still index it)
    body_start: int
    body_end: int
    meta: ReportMeta
    digest: str  # sha256 of the report body: the report's identity in IRIs
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()  # what reading it noticed (damaged bytes …), said by the build

    def __post_init__(self) -> None:
        if not 0 <= self.body_start <= self.body_end <= len(self.text):
            raise ValueError("body offsets out of range")


@dataclass(frozen=True)
class Section:
    """A numbered heading and the span it governs."""

    level: int  # 1 for 一、, 2 for （一）, 3 for 1.
    title: str
    start: int
    end: int
    part: Part


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body with its place in the report's structure."""

    index: int
    start: int
    end: int
    text: str
    part: Part
    heading: str = ""  # title of the innermost section it stands in
    paragraph: int = 0  # index of the paragraph (line) it stands in: sentences of one line share it


@dataclass(frozen=True)
class PlaceReading:
    """What a place rule read a name as: its type and, for a division, its code. Division levels
    and place types are the contract's (Province, City, County, District; Town, Zone, Area, Region,
    Country …); `of` is the province code a region of one lies in (冀中南 → 130000), the country a
    foreign city is in, or the free-trade zone a city's 片区 is part of (its full name is the zone's
    and its own). An empty type is the report's own scope (全市)."""

    type: str
    code: str = ""  # a division's code
    of: str = ""


@dataclass(frozen=True)
class Mention:
    """One span of text that a rule says names something.

    `norm` is the rule's normalised reading (a name, a number); `place` what a place rule read
    a place as (a division's code, a type); `rule` the id of the rule that made it, so a wrong
    fact can be traced.
    """

    kind: str
    start: int
    end: int
    text: str
    rule: str
    sentence: int
    norm: str = ""
    place: PlaceReading | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"bad mention span {self.start}:{self.end} {self.text!r}")


@dataclass(frozen=True)
class EntityId:
    """What makes one thing one thing, the same in the Turtle (kg.rdf mints the IRI from it) and in
    the viewer (one node per id): a division is its code (湘潭 and 湘潭市 are 430300); another place
    is its name within the division it lies in (城关镇 of 430100 and of 430200 are two); anything
    else is its kind and name. `label` shows it and takes no part in its identity."""

    kind: str
    code: str = ""  # a division's own code; for another place, the code of the division it lies in
    name: str = ""  # the name, for anything but a division
    label: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        """The id as one string (Place:430300:, Place:430100:城关镇, Project::芙蓉大道)."""
        return f"{self.kind}:{self.code}:{self.name}"


@dataclass(frozen=True)
class Entity:
    """One real thing (place, enterprise, project) with all its mentions."""

    kind: Kind
    label: str  # fullest name as written
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    subtype: str | None = None  # Province, City, County, District, Town, Zone, Area, Region, Country …
    adcode: str | None = None
    part_of: str | None = None  # label of the enclosing place entity
    within: str | None = None  # a place that is no division: the code of the division it lies in (kg.resolve.identify)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.label)

    @property
    def id(self) -> EntityId:
        if self.kind == "Place" and self.adcode:
            return EntityId("Place", self.adcode, "", self.label)
        within = (self.within or "") if self.kind == "Place" else ""
        return EntityId(self.kind, within, self.label, self.label)


@dataclass(frozen=True)
class Observation:
    """One quantified statement: what, how much, when, where, achieved or planned."""

    indicator: str
    value: Decimal
    unit: str
    measure: Measure
    status: Status
    qualifier: Qualifier
    year: int | None  # None when neither the report nor the sentence gives it
    place: str  # label of a Place entity
    mention: Mention  # anchor: the number with its unit
    rule: str
    multiplier: int = 1  # 亿 → 100000000, 万 → 10000: the unit's scale
    indicator_start: int | None = None  # where the indicator's name stands, if found
    indicator_end: int | None = None
    period: str | None = None  # 十三五, 过去五年 … when the value is for a multi-year period
    indicator_written: str = ""  # the name as the report wrote it, when normalised to a scheme label
    indicator_alt: tuple[str, ...] = ()  # the scheme's other names of the indicator
    preliminary: bool = False  # an actual the report gives before the year's final figures (预计全年…)


@dataclass(frozen=True)
class Relation:
    """A link between two entities, with the evidence for it."""

    subject: EntityId
    predicate: Literal["locatedIn", "involves", "partOf"]
    object: EntityId
    rule: str
    mention: Mention | None = None


@dataclass(frozen=True)
class ReportFacts:
    """Everything found in one report: the input to the RDF and viewer writers."""

    document: Document
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    observations: tuple[Observation, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Skipped:
    """An input that was not built, and why (one sentence naming the file)."""

    path: str
    reason: str


@dataclass(frozen=True)
class BuildOptions:
    """Everything `kg build` can be told."""

    paths: tuple[str, ...]
    out_dir: str = "output"
    strict: bool = False
    html: bool | None = True  # None: the viewer only for builds of up to pipeline.HTML_LIMIT reports
    max_mb: float = 64.0  # larger inputs are skipped: a build needs ~100 MB of memory per MB of input
    jobs: int | None = None  # worker processes; None: one per core
    cache: bool = False  # reuse the parts of reports built before into OUT/.kg-cache (same bytes, same rules)
    store: bool = False  # load OUT/store, an embedded Oxigraph store of the graph (kg build does both)


def writes_outputs(any_report: bool, any_skipped: bool, strict: bool) -> bool:
    """Whether a build writes: it has a report, and with --strict no input was skipped."""
    return any_report and not (strict and any_skipped)


# Exit codes of kg build (and of the commands whose input cannot be used at all).
EXIT_BUILT = 0
EXIT_SKIPPED = 1
EXIT_NOTHING_BUILT = 2
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class ReportSummary:
    """What a build says of one report, kept while the report's facts stay on disk."""

    source: str  # the file's name
    region: str | None
    report_year: int | None
    kinds: tuple[tuple[str, int], ...]  # entities per kind
    observations: int
    indicators: frozenset[str]


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the reports, what it skipped, where it wrote, how long each stage took.

    `reports` is a sequence whose facts may be read from disk when asked for (a build of a
    thousand reports does not hold them all); `summaries` says what each holds, `extracted`
    how many were extracted rather than taken from the cache."""

    reports: Sequence[ReportFacts]
    skipped: tuple[Skipped, ...]
    outputs: tuple[str, ...]
    timings: tuple[tuple[str, float], ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    summaries: tuple[ReportSummary, ...] = field(default=())
    extracted: int = 0
    strict: bool = False  # built with --strict: a skipped input means nothing was written

    @property
    def written(self) -> bool:
        """Whether the build wrote its outputs."""
        return writes_outputs(bool(self.reports), bool(self.skipped), self.strict)

    @property
    def exit_code(self) -> int:
        """The whole exit policy of a build (kg build --help): 0 every input built, 1 some skipped
        and the rest built, 2 nothing written (no report, or --strict and a skip)."""
        if not self.written:
            return EXIT_NOTHING_BUILT
        return EXIT_SKIPPED if self.skipped else EXIT_BUILT
