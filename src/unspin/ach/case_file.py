"""Case files: reading a case from YAML or JSON (every error names the file, the line and what to write
instead), and writing one back so that it round-trips.  :mod:`unspin.ach.model` holds the data."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..user_data import BadJSON, compose_yaml, parse_json
from .model import (
    CREDIBILITIES,
    RATINGS,
    RELEVANCES,
    RELIABILITIES,
    Case,
    Evidence,
    Hypothesis,
    Perspective,
    QuoteLink,
    Source,
    case_to_dict,
    trusted,
)

__all__ = ["case_from_dict", "dump_case", "load_case", "loads_case"]

_RATING_HINT = "use CC (very consistent), C, N (neutral), I, II (very inconsistent) or NA (not applicable)"
_RELIABILITY_HINT = "A = completely reliable, B usually, C fairly, D not usually, E unreliable, F = cannot be judged"
_CREDIBILITY_HINT = "1 = confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 = cannot be judged"


def case_from_dict(data: Mapping[str, Any], where: str = "case") -> Case:
    """Validate a case-file dictionary and build the :class:`Case` (``where`` names it in errors)."""
    return _build(data, _Lines(where))


def _build(data: object, lines: _Lines) -> Case:
    parts = _Parser(lines).parse(data)
    with trusted():
        return Case(**parts)


def loads_case(text: str, fmt: str = "yaml", where: str = "case") -> Case:
    """Parse case-file text in ``fmt`` ("yaml" or "json"); errors name ``where`` and the line."""
    if fmt == "json":
        try:
            data = parse_json(text, object_pairs_hook=_no_duplicate_keys)
        except BadJSON as exc:
            raise ConfigError(f"{exc.at(where)}: not valid JSON ({exc.reason})", "fix the file") from None
        except _DuplicateKey as dup:
            _compose_lines(text, where)  # raises with the line where PyYAML can compose the JSON
            raise ConfigError(f"{where}: key {dup.key!r} appears twice in one mapping", "keep one of them") from None
        # JSON is located lazily, through the YAML composer, only when there is an error to report.
        return _build(data, _Lines(where, compute=lambda: _compose_lines(text, where)))
    if fmt == "yaml":
        root, data = compose_yaml(text, where)
        return _build(data, _Lines(where, _node_lines(root, where)))
    raise ConfigError(f"unknown case format {fmt!r}", "use yaml or json")


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def load_case(path: str | Path, fmt: str | None = None) -> Case:
    """Read a case file; the format comes from the suffix (.json is JSON, anything else YAML) unless given."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read the case file ({exc.strerror})", "check the path") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: the case file is not UTF-8 text", "save it as UTF-8") from None
    if fmt is None:
        fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    return loads_case(text, fmt, str(p))


def dump_case(case: Case, fmt: str = "yaml") -> str:
    """The case as file text in ``fmt`` ("yaml" or "json"); loading it gives an equal case."""
    data = case_to_dict(case)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        dumper: Any = yaml.CSafeDumper if yaml.__with_libyaml__ else _Dumper
        return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    raise ConfigError(f"unknown case format {fmt!r}", "use yaml or json")


class _Dumper(yaml.SafeDumper):
    """Pure-Python SafeDumper that double-quotes text with NEL (U+0085), which it would otherwise read back as a space.

    (libyaml's emitter gets NEL right, and is used where PyYAML has it.)
    """


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\x85" in value else None)


_Dumper.add_representer(str, _represent_str)


# -- locating errors ----------------------------------------------------------

_Path = tuple[str | int, ...]


def _compose_lines(text: str, where: str) -> dict[_Path, int]:
    """Lines of a text PyYAML may not be able to compose (JSON): none when it cannot."""
    try:
        root, _ = compose_yaml(text, where)
    except ConfigError:
        return {}  # e.g. JSON that PyYAML cannot compose: errors name items, not lines
    return _node_lines(root, where)


def _node_lines(root: yaml.Node | None, where: str) -> dict[_Path, int]:
    """Line (1-based) of every mapping key and sequence item, by path; duplicate keys are errors."""
    out: dict[_Path, int] = {}
    if root is None:
        return out
    out[()] = root.start_mark.line + 1
    stack: list[tuple[_Path, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = str(key_node.value)
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise ConfigError(
                        f"{where}:{line}: key {key!r} appears twice in one mapping (first on line {seen[key]})",
                        "keep one of them",
                    )
                seen[key] = line
                out[(*path, key)] = line
                stack.append(((*path, key), value_node))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                out[(*path, i)] = item.start_mark.line + 1
                stack.append(((*path, i), item))
    return out


class _Lines:
    """``file:line`` for a path into the case dictionary (the nearest located ancestor).

    ``compute`` gives the lines on first use (so valid JSON is never composed as YAML).
    """

    def __init__(
        self, where: str, lines: dict[_Path, int] | None = None, compute: Callable[[], dict[_Path, int]] | None = None
    ) -> None:
        self.where = where
        self._lines = lines
        self._compute = compute

    @property
    def lines(self) -> dict[_Path, int]:
        if self._lines is None:
            self._lines = self._compute() if self._compute is not None else {}
        return self._lines

    def at(self, path: _Path) -> str:
        lines = self.lines
        p = path
        while True:
            line = lines.get(p)
            if line is not None:
                return f"{self.where}:{line}"
            if not p:
                return self.where
            p = p[:-1]


# -- validation ---------------------------------------------------------------

_TOP_FIELDS = ("title", "hypotheses", "sources", "evidence", "priors", "perspectives")
_HYPOTHESIS_FIELDS = ("id", "text")
_SOURCE_FIELDS = ("id", "name", "reliability")
_EVIDENCE_FIELDS = (
    "id",
    "text",
    "source",
    "credibility",
    "relevance",
    "ratings",
    "likelihoods",
    "base_rate",
    "quote",
    "notes",
)
_QUOTE_FIELDS = ("report", "start", "end", "document", "sha256")
_QUOTE_REQUIRED = ("report", "start", "end")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_PERSPECTIVE_FIELDS = ("id", "name", "trust")


class _Parser:
    """Checks a case dictionary and returns the canonical constructor arguments of :class:`Case`."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines

    def fail(self, path: _Path, message: str, hint: str | None = None) -> ConfigError:
        return ConfigError(f"{self.lines.at(path)}: {message}", hint)

    # -- helpers --
    def mapping(self, value: object, path: _Path, what: str, example: str) -> Mapping[Any, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, f"{what} must be a mapping", f"e.g. {example}")
        return value

    def fields(self, item: Mapping[Any, Any], path: _Path, what: str, allowed: tuple[str, ...]) -> None:
        for key in item:
            if key not in allowed:
                raise self.fail((*path, str(key)), f"{what} has unknown field {key!r}", f"known: {', '.join(allowed)}")

    def sequence(self, data: Mapping[Any, Any], key: str, example: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail((key,), f"{key!r} must be a list", f"e.g. {key}: [{example}]")
        return value

    def text(self, item: Mapping[Any, Any], path: _Path, key: str, what: str, example: str) -> str:
        if key not in item or item[key] is None:
            raise self.fail(path, f"{what} needs {key!r}", f"e.g. {example}")
        value = item[key]
        if not isinstance(value, str):
            raise self.fail((*path, key), f"{what}: {key!r} must be text, not {value!r}", "put it in quotes")
        return value

    def ident(self, value: object, path: _Path, what: str) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(path, f"{what}: id {value!r} must be text", "e.g. H1, S2, E3")
        ident = str(value)
        if not ident.strip():
            raise self.fail(path, f"{what}: id must not be empty", "e.g. H1, S2, E3")
        return ident

    def item_id(self, item: Mapping[Any, Any], path: _Path, what: str, example: str) -> str:
        if "id" not in item:
            raise self.fail(path, f"{what} needs 'id'", f"e.g. {example}")
        return self.ident(item["id"], (*path, "id"), what)

    def unique(self, ids: dict[str, _Path], ident: str, path: _Path, kind: str) -> None:
        first = ids.get(ident)
        if first is not None:
            raise self.fail(
                path, f"{kind} id {ident} is used twice (first at {self.lines.at(first)})", "give each one its own id"
            )
        ids[ident] = path

    def probability(self, value: object, path: _Path, message: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= float(value) <= 1.0:
            raise self.fail(path, f"{message} {value!r} is not a probability between 0 and 1", "e.g. 0.7")
        return float(value)

    def keyed(
        self, value: object, path: _Path, what: str, known: Mapping[str, object], unknown: str, example: str
    ) -> list[tuple[str, object, _Path]]:
        """Entries of a mapping whose keys must be known ids: (id, value, path); ``unknown`` ends the error."""
        mapping = self.mapping(value, path, what, example)
        out = []
        for key, v in mapping.items():
            kpath = (*path, str(key))
            ident = self.ident(key, kpath, what)
            if ident not in known:
                raise self.fail(kpath, f"{unknown} {ident}", f"known: {', '.join(known) or 'none'}")
            out.append((ident, v, kpath))
        return out

    # -- the case --
    def parse(self, data: object) -> dict[str, Any]:
        top = self.mapping(data, (), "a case", "{title: ..., hypotheses: [...], evidence: [...]}")
        self.fields(top, (), "the case", _TOP_FIELDS)
        title = self.text(top, (), "title", "the case", "title: Who is responsible for the attack?")
        hypotheses = self.hypotheses(top)
        hids = {h.id: i for i, h in enumerate(hypotheses)}
        sources = self.sources(top)
        sids = {s.id: i for i, s in enumerate(sources)}
        evidence = self.evidence(top, hids, sids)
        priors = self.priors(top, hids)
        perspectives = self.perspectives(top, sids)
        return {
            "title": title,
            "hypotheses": hypotheses,
            "sources": sources,
            "evidence": evidence,
            "priors": priors,
            "perspectives": perspectives,
        }

    def hypotheses(self, top: Mapping[Any, Any]) -> tuple[Hypothesis, ...]:
        example = "{id: H1, text: The Brotherhood acted on its own}"
        items = self.sequence(top, "hypotheses", example)  # none yet is fine: a new case is filled in later
        out = []
        ids: dict[str, _Path] = {}
        for i, raw in enumerate(items):
            path: _Path = ("hypotheses", i)
            item = self.mapping(raw, path, f"hypothesis {i + 1}", example)
            hid = self.item_id(item, path, f"hypothesis {i + 1}", example)
            what = f"hypothesis {hid}"
            self.fields(item, path, what, _HYPOTHESIS_FIELDS)
            self.unique(ids, hid, path, "hypothesis")
            out.append(Hypothesis(hid, self.text(item, path, "text", what, example)))
        return tuple(out)

    def sources(self, top: Mapping[Any, Any]) -> tuple[Source, ...]:
        example = "{id: S1, name: Meridian Ledger, reliability: B}"
        out = []
        ids: dict[str, _Path] = {}
        for i, raw in enumerate(self.sequence(top, "sources", example)):
            path: _Path = ("sources", i)
            item = self.mapping(raw, path, f"source {i + 1}", example)
            sid = self.item_id(item, path, f"source {i + 1}", example)
            what = f"source {sid}"
            self.fields(item, path, what, _SOURCE_FIELDS)
            self.unique(ids, sid, path, "source")
            name = self.text(item, path, "name", what, example) if item.get("name") is not None else sid
            reliability = self.reliability(item.get("reliability", "F"), (*path, "reliability"), what)
            out.append(Source(sid, name, reliability))
        return tuple(out)

    def reliability(self, value: object, path: _Path, what: str) -> str:
        grade = value.strip().upper() if isinstance(value, str) else None
        if grade not in RELIABILITIES:
            raise self.fail(path, f"{what}: reliability {value!r} is not one of A–F", _RELIABILITY_HINT)
        return grade

    def evidence(self, top: Mapping[Any, Any], hids: dict[str, int], sids: dict[str, int]) -> tuple[Evidence, ...]:
        example = "{id: E1, text: ..., credibility: '2', ratings: {H1: C, H2: I}}"
        out = []
        ids: dict[str, _Path] = {}
        for i, raw in enumerate(self.sequence(top, "evidence", example)):
            path: _Path = ("evidence", i)
            item = self.mapping(raw, path, f"evidence item {i + 1}", example)
            eid = self.item_id(item, path, f"evidence item {i + 1}", example)
            what = f"evidence {eid}"
            self.fields(item, path, what, _EVIDENCE_FIELDS)
            self.unique(ids, eid, path, "evidence")
            text = self.text(item, path, "text", what, example)
            source = None
            if item.get("source") is not None:
                source = self.ident(item["source"], (*path, "source"), what)
                if source not in sids:
                    raise self.fail(
                        (*path, "source"),
                        f"{what} cites unknown source {source}",
                        f"add it under 'sources' (known: {', '.join(sids) or 'none'})",
                    )
            credibility = self.credibility(item.get("credibility", "6"), (*path, "credibility"), what)
            relevance = self.relevance(item.get("relevance", "medium"), (*path, "relevance"), what)
            ratings = self.ratings(item.get("ratings"), (*path, "ratings"), what, hids)
            likelihoods = self.likelihoods(item.get("likelihoods"), (*path, "likelihoods"), what, hids)
            base_rate = None
            if item.get("base_rate") is not None:
                base_rate = self.probability(item["base_rate"], (*path, "base_rate"), f"{what}: base_rate")
            if likelihoods and not base_rate and not any(likelihoods.values()):
                raise self.fail(
                    (*path, "likelihoods"),
                    f"{what}: every likelihood is 0 and there is no base_rate above 0, so it rules out every "
                    "hypothesis",
                    "give P(E|H) above 0 for the hypotheses under which this evidence could appear",
                )
            quote = self.quote(item.get("quote"), (*path, "quote"), what)
            notes = (
                self.text(item, path, "notes", what, "notes: checked with the port authority")
                if item.get("notes") is not None
                else ""
            )
            out.append(
                Evidence(eid, text, source, credibility, relevance, ratings, likelihoods, base_rate, quote, notes)
            )
        return tuple(out)

    def credibility(self, value: object, path: _Path, what: str) -> str:
        digit = None
        if isinstance(value, str):
            digit = value.strip()
        elif isinstance(value, int) and not isinstance(value, bool):
            digit = str(value)
        if digit not in CREDIBILITIES:
            raise self.fail(path, f"{what}: credibility {value!r} is not one of 1–6", _CREDIBILITY_HINT)
        return digit

    def relevance(self, value: object, path: _Path, what: str) -> str:
        level = value.strip().lower() if isinstance(value, str) else None
        if level not in RELEVANCES:
            raise self.fail(path, f"{what}: relevance {value!r} is not one of high, medium, low", "e.g. high")
        return level

    def ratings(self, value: object, path: _Path, what: str, hids: dict[str, int]) -> dict[str, str]:
        if value is None:
            return {}
        given: dict[str, str] = {}
        for hid, raw, kpath in self.keyed(
            value, path, f"{what} ratings", hids, f"{what} rates unknown hypothesis", "{H1: C, H2: I}"
        ):
            rating = raw.strip().upper() if isinstance(raw, str) else None
            if rating not in RATINGS:
                raise self.fail(
                    kpath, f"{what} rates {hid} {raw!r}, which is not one of {' '.join(RATINGS)}", _RATING_HINT
                )
            if rating != "NA":
                given[hid] = rating
        return {h: given[h] for h in hids if h in given}

    def likelihoods(self, value: object, path: _Path, what: str, hids: dict[str, int]) -> dict[str, float]:
        if value is None:
            return {}
        given: dict[str, float] = {}
        for hid, raw, kpath in self.keyed(
            value, path, f"{what} likelihoods", hids, f"{what} gives a likelihood for unknown hypothesis", "{H1: 0.9}"
        ):
            given[hid] = self.probability(raw, kpath, f"{what}: likelihood P(E|{hid})")
        return {h: given[h] for h in hids if h in given}

    def quote(self, value: object, path: _Path, what: str) -> QuoteLink | None:
        if value is None:
            return None
        example = "{report: station_bombing.md, start: 120, end: 480}"
        item = self.mapping(value, path, f"{what} quote", example)
        self.fields(item, path, f"{what} quote", _QUOTE_FIELDS)
        for key in _QUOTE_REQUIRED:
            if key not in item:
                raise self.fail(path, f"{what} quote needs {key!r}", f"e.g. quote: {example}")
        report = item["report"]
        if isinstance(report, bool) or not isinstance(report, str | int) or not str(report).strip():
            raise self.fail(
                (*path, "report"), f"{what} quote: report {report!r} must name an article", "a path or a report id"
            )
        report = str(report)
        start, end = item["start"], item["end"]
        for key, v in (("start", start), ("end", end)):
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise self.fail(
                    (*path, key), f"{what} quote: {key} {v!r} is not a character offset", "a whole number, 0 or more"
                )
        if end < start:
            raise self.fail((*path, "end"), f"{what} quote ends ({end}) before it starts ({start})", "swap them")
        document = item.get("document")
        if document is not None and (isinstance(document, bool) or not isinstance(document, str | int)):
            raise self.fail((*path, "document"), f"{what} quote: document {document!r} must be an id", "e.g. art-17")
        sha = item.get("sha256")
        if sha is not None and not (isinstance(sha, str) and _SHA256.match(sha)):
            raise self.fail(
                (*path, "sha256"), f"{what} quote: sha256 {sha!r} is not a SHA-256", "64 lower-case hex digits"
            )
        return QuoteLink(report, start, end, None if document is None else str(document), sha)

    def priors(self, top: Mapping[Any, Any], hids: dict[str, int]) -> dict[str, float] | None:
        if top.get("priors") is None:
            return None
        path: _Path = ("priors",)
        given: dict[str, float] = {}
        for hid, raw, kpath in self.keyed(
            top["priors"], path, "priors", hids, "priors name unknown hypothesis", "{H1: 0.5, H2: 0.5}"
        ):
            if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw) or raw < 0:
                raise self.fail(kpath, f"prior {raw!r} for {hid} is not a number of 0 or more", "e.g. 0.25")
            given[hid] = float(raw)
        for hid in hids:
            if hid not in given:
                raise self.fail(path, f"priors give no value for {hid}", "give every hypothesis a prior, or none")
        total = math.fsum(given.values())
        if not total > 0 or not math.isfinite(total):
            raise self.fail(
                path, f"priors sum to {total}, not to a positive number", "give some hypothesis a prior > 0"
            )
        if abs(total - 1.0) > 1e-9:  # normalise; a second pass leaves the result as it is
            given = {h: v / total for h, v in given.items()}
        return {h: given[h] for h in hids}

    def perspectives(self, top: Mapping[Any, Any], sids: dict[str, int]) -> tuple[Perspective, ...]:
        example = "{id: P1, name: Trusts the Ledger, trust: {S1: A}}"
        out = []
        ids: dict[str, _Path] = {}
        for i, raw in enumerate(self.sequence(top, "perspectives", example)):
            path: _Path = ("perspectives", i)
            item = self.mapping(raw, path, f"perspective {i + 1}", example)
            pid = self.item_id(item, path, f"perspective {i + 1}", example)
            what = f"perspective {pid}"
            self.fields(item, path, what, _PERSPECTIVE_FIELDS)
            self.unique(ids, pid, path, "perspective")
            name = self.text(item, path, "name", what, example) if item.get("name") is not None else pid
            trust: dict[str, str] = {}
            if item.get("trust") is not None:
                tpath: _Path = (*path, "trust")
                for sid, raw_grade, kpath in self.keyed(
                    item["trust"], tpath, f"{what} trust", sids, f"{what} trusts unknown source", "{S1: A}"
                ):
                    trust[sid] = self.reliability(raw_grade, kpath, f"{what} trust in {sid}")
            out.append(Perspective(pid, name, {s: trust[s] for s in sids if s in trust}))
        return tuple(out)
