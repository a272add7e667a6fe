#!/usr/bin/env python3
"""Glossary recall: how many of the terms a report's own glossary explains deckgen finds in the report's body.

    python eval/score_glossary.py [SET_DIR] [--show] [--with-glossary]

SET_DIR (default ``eval/glossary``) holds ``texts/NAME.txt`` (a report's body, its glossary cut off) and
``gold/NAME.yaml`` (that glossary, annotated against the body; schema in ``eval/glossary/README.md``). Each body is
extracted once with deckgen's library API and its packaged defaults; per report and pooled it prints:

- ``default``: glossary recall of the default output (terms at or above ``extract.min_confidence``);
- ``all``: glossary recall of every term (what ``deckgen extract --all`` shows);
- ``quoted``: the baseline — recall of a plain regex for the “…” strings of the body;
- ``defined``: the share of glossary terms whose matching term of the default output carries a definition.

``--with-glossary`` extracts each body with its glossary put back at its end (a 名词解释 heading and the gold's notes,
numbered), as the report was published: what a user who feeds deckgen the whole report gets.

Only terms the body contains count (``occurs`` not ``absent``). A glossary term is found when a candidate string
matches one of its ``forms`` by ``score.py``'s rule: both are compared after NFKC normalisation with whitespace,
quotes, brackets and punctuation removed (so full- and half-width forms, “四上”企业 and 四上企业 are equal), and a
candidate matches when it equals a form or contains the head's full form without being longer than 1.5 times it.
Only extracted *terms* count: a list of the same name is not a term (``--show`` marks such misses).
Pooled figures count every glossary term of every report once. ``--show`` lists the misses of the default output.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score import matches, norm  # noqa: E402

from deckgen.api import extract_sources  # noqa: E402
from deckgen.config import packaged_defaults  # noqa: E402
from deckgen.models import Extraction  # noqa: E402

DEFAULT_SET = Path(__file__).resolve().parent / "glossary"
OCCURS = ("quoted", "unquoted", "variant", "absent")
QUOTED = re.compile(r"“([^“”]+)”")
# how a glossary entry starts: "1.“两重”：…", "1.“四上”企业：" or "［1］一降三减："
ENTRY_START = re.compile(r"^\s*(?:\d+\s*[.．、]|［\d+］)\s*(.+?)：")


@dataclass(frozen=True)
class Report:
    name: str
    path: Path  # the body, the file deckgen extracts
    body: str
    gold: dict

    @property
    def present(self) -> list[dict]:
        """The glossary terms the body contains: the ones recall counts."""
        return [entry for entry in self.gold["entries"] if entry["occurs"] != "absent"]


@dataclass
class Figures:
    """Counts for one report (or pooled); the figures are shares of ``present``."""

    entries: int = 0
    present: int = 0
    found_default: int = 0
    found_all: int = 0
    found_quoted: int = 0
    defined: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, count: int) -> float:
        return count / self.present if self.present else 0.0

    def row(self) -> dict[str, float]:
        return {"default": self.share(self.found_default), "all": self.share(self.found_all),
                "quoted": self.share(self.found_quoted), "defined": self.share(self.defined)}

    def add(self, other: Figures) -> None:
        for name in ("entries", "present", "found_default", "found_all", "found_quoted", "defined"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def load_set(folder: Path = DEFAULT_SET) -> list[Report]:
    """Every report of the set that has both its body and its gold file, by name."""
    reports = []
    for gold_path in sorted((folder / "gold").glob("*.yaml")):
        body_path = folder / "texts" / f"{gold_path.stem}.txt"
        if body_path.exists():
            reports.append(Report(gold_path.stem, body_path, body_path.read_text(encoding="utf-8"),
                                  yaml.safe_load(gold_path.read_text(encoding="utf-8"))))
    return reports


def gold_problems(report: Report) -> list[str]:
    """What is wrong with a gold file, or a body that still carries its glossary; empty when all is well."""
    gold, problems = report.gold, []
    if gold.get("text") != f"{report.name}.txt":
        problems.append(f"text: {gold.get('text')!r} is not {report.name}.txt")
    if not gold.get("glossary") or not gold.get("entries"):
        problems.append("no glossary heading or no entries")
        return problems
    bare_body = norm(report.body)
    lines = [line.strip() for line in report.body.splitlines()]
    if gold["glossary"] in lines:
        problems.append(f"the body still has the glossary heading {gold['glossary']!r}")
    entry_heads = {match.group(1) for match in map(ENTRY_START.match, lines) if match}
    for entry in gold["entries"]:
        label = entry.get("head", "?")
        if not all(entry.get(key) for key in ("head", "definition", "forms", "occurs", "body_form")):
            problems.append(f"{label}: head, definition, forms, occurs and body_form are all required")
            continue
        if entry["occurs"] not in OCCURS:
            problems.append(f"{label}: occurs {entry['occurs']!r} is not one of {', '.join(OCCURS)}")
        if entry["head"] in entry_heads:
            problems.append(f"{label}: the body still has this glossary entry")
        if entry["occurs"] == "absent":
            continue
        if norm(entry["body_form"]) not in bare_body:
            problems.append(f"{label}: body_form {entry['body_form']!r} is not in the body")
        must_occur = entry["forms"][1:] if entry["occurs"] == "variant" else entry["forms"]
        problems += [f"{label}: form {form!r} is not in the body" for form in must_occur if norm(form) not in bare_body]
    return problems


def quoted_strings(text: str) -> list[str]:
    """The baseline's candidates: every “…” string of the text."""
    return QUOTED.findall(text)


def found(entry: dict, candidates: list[str]) -> bool:
    forms = [norm(form) for form in entry["forms"]]
    return any(matches(candidate, forms) for candidate in candidates)


def score_report(report: Report, extraction: Extraction, min_confidence: float) -> Figures:
    """Glossary recall of one report's extraction (every term, confidence kept) and of the quoted-string baseline."""
    default_terms = [term for term in extraction.terms if term.confidence >= min_confidence]
    all_names = [term.term for term in extraction.terms]
    list_names = [lst.name for lst in extraction.lists]
    quoted = quoted_strings(report.body)
    figures = Figures(entries=len({entry["head"] for entry in report.gold["entries"]}), present=len(report.present))
    for entry in report.present:
        hits = [term for term in default_terms if found(entry, [term.term])]
        figures.found_default += bool(hits)
        figures.found_all += found(entry, all_names)
        figures.found_quoted += found(entry, quoted)
        figures.defined += any(term.definition for term in hits)
        if not hits:
            notes = [note for note, where in (("in --all", all_names), ("a list name", list_names),
                                              ("quoted regex finds it", quoted)) if found(entry, where)]
            term = entry["forms"][0] + ("" if entry["forms"][0] == entry["head"] else f" (of {entry['head']})")
            figures.misses.append(f"{term} [{entry['occurs']}: {entry['body_form']} ×{entry['count']}]"
                                  + (f" ({'; '.join(notes)})" if notes else ""))
    return figures


def with_glossary(report: Report) -> str:
    """The body with its glossary put back at the end, as published: a 名词解释 heading and one numbered note per
    head (a head that names several things once)."""
    heads = {entry["head"]: entry["definition"] for entry in report.gold["entries"]}
    notes = [f"{i}.{head}：{definition}" for i, (head, definition) in enumerate(heads.items(), 1)]
    return report.body.rstrip("\n") + "\n\n名词解释\n" + "\n".join(notes) + "\n"


def score_set(reports: list[Report], config: dict | None = None, glossary: bool = False) -> dict[str, Figures]:
    """Figures per report name and, under ``"pooled"``, over all of them; with ``glossary``, of each body with its
    glossary put back (``with_glossary``)."""
    config = config if config is not None else packaged_defaults()
    min_confidence = config["extract"]["min_confidence"]
    results, pooled = {}, Figures()
    for report in reports:
        if glossary:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / report.path.name
                path.write_text(with_glossary(report), encoding="utf-8")
                extraction = extract_sources([path], config)
        else:
            extraction = extract_sources([report.path], config)
        results[report.name] = score_report(report, extraction, min_confidence)
        pooled.add(results[report.name])
    results["pooled"] = pooled
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--show", action="store_true", help="list the glossary terms the default output misses")
    parser.add_argument("--with-glossary", action="store_true",
                        help="extract each body with its glossary put back at the end, as published")
    args = parser.parse_args(argv)
    reports = load_set(args.set_dir)
    problems = [f"{report.name}: {problem}" for report in reports for problem in gold_problems(report)]
    if problems or not reports:
        print("\n".join(problems) or f"{args.set_dir}: no report with both texts/NAME.txt and gold/NAME.yaml",
              file=sys.stderr)
        return 1
    results = score_set(reports, glossary=args.with_glossary)
    width = max(map(len, results))
    print(f"{'report':<{width}}  entries  terms  default   all  quoted  defined")
    for name, figures in results.items():
        row = figures.row()
        print(f"{name:<{width}}  {figures.entries:>7}  {figures.present:>5}  {row['default']:>7.2f}  {row['all']:>4.2f}"
              f"  {row['quoted']:>6.2f}  {row['defined']:>7.2f}")
    if args.show:
        for name, figures in results.items():
            if name != "pooled" and figures.misses:
                print(f"\n{name}: missed by the default output")
                print("\n".join(f"  {miss}" for miss in figures.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
