"""Extraction as the JSON contract of ``deckgen extract --format json``, or as a readable table."""
from __future__ import annotations

import json

from .models import Extraction


def extraction_dict(extraction: Extraction) -> dict:
    """The JSON object the quality checks read (see the README's "JSON contract")."""
    sources = [d.source for d in extraction.documents]
    return {
        "source": sources[0] if len(sources) == 1 else sources,
        "articles": [{"index": a.index, "title": a.title, "author": a.author, "untitled": a.untitled,
                      "source": a.source, "line": a.line} for a in extraction.articles],
        "lists": [{"id": l.id, "name": l.name, "count": l.count, "kind": l.kind, "items": list(l.items),
                   "article": l.article, "context": l.context, "confidence": l.confidence, "rule": l.rule,
                   "count_mismatch": l.count_mismatch, "line": l.line} for l in extraction.lists],
        "terms": [{"id": t.id, "term": t.term, "article": t.article, "context": t.context,
                   "definition": t.definition, "definition_source": t.definition_source,
                   "confidence": t.confidence, "rule": t.rule, "line": t.line}
                  for t in extraction.terms],
        "warnings": list(extraction.warnings),
    }


def extraction_json(extraction: Extraction) -> str:
    return json.dumps(extraction_dict(extraction), ensure_ascii=False, indent=2)


def extraction_table(extraction: Extraction) -> str:
    """Per article: its lists (name, count, items) and terms, each with confidence and rule."""
    lines = []
    for article in extraction.articles:
        lists = [l for l in extraction.lists if l.article == article.index]
        terms = [t for t in extraction.terms if t.article == article.index]
        byline = f" — {article.author}" if article.author else ""
        untitled = " (untitled)" if article.untitled else ""
        lines.append(f"[{article.index}] {article.title}{byline}{untitled}   {article.source}:{article.line}")
        if not lists and not terms:
            lines.append("    (nothing to study)")
        for l in lists:
            count = f" ({l.count})" if l.count is not None else ""
            flag = f"  ! names {l.count}, found {len(l.items)}" if l.count_mismatch else ""
            lines.append(f"  list {l.name}{count}  [{l.kind}, {l.confidence:.2f} {l.rule}]{flag}")
            lines += [f"      {i}. {item}" for i, item in enumerate(l.items, 1)]
        for t in terms:
            definition = f"  = {_shortened(t.definition, 40)}" if t.definition else ""
            if t.definition_source:
                definition += f" ({t.definition_source})"
            lines.append(f"  term {t.term}  [{t.confidence:.2f} {t.rule}]{definition}")
        lines.append("")
    lines.append(f"{len(extraction.articles)} articles, {len(extraction.lists)} lists, {len(extraction.terms)} terms")
    return "\n".join(lines)


def _shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with "…" only where something was cut."""
    return text if len(text) <= limit else text[:limit] + "…"
