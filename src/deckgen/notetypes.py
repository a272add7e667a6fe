"""The note types deckgen packages, their templates and their CSS.

The note types' ids, names, fields (``cards.FIELDS``) and template names never change once a deck is shared:
Anki treats a changed one as a new note type (``ANKI_NOTES.md``). A new card kind gets a new note type.
"""
from __future__ import annotations

import re

import genanki

from .cards import FIELDS

# Every text is at least 4.5:1 against its background in light and night mode (WCAG AA), as measured in
# Chromium by tests/test_card_layout.py. At night Anki desktop and AnkiMobile add the class nightMode to the
# card's body, AnkiDroid night_mode: a selector "@night…" below becomes one for each (not :is(), which older
# webviews do not know).
_NIGHT = re.compile(r"@night([^,{]*?)(\s*[,{])")
CSS = """\
.card {
  font-family: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
    "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  font-size: 21px; line-height: 1.7; text-align: left;
  color: #1f2328; background: #fbfaf7;
  max-width: 34em; margin: 0 auto; padding: 14px 18px;
  text-wrap: pretty; /* no character left alone on a line where the webview supports it (Chromium 117+) */
}
.kicker { font-size: .8em; color: #845a16; margin-bottom: .3em; }
.kicker .count, .cite .author { color: #666; margin-left: .4em; }
.title { font-size: 1.3em; font-weight: 600; }
.prompt { font-size: .85em; color: #57606a; margin-top: .5em; }
.label { font-size: .75em; color: #666; }
.note { font-size: .75em; color: #666; margin-top: .4em; }
ol.items { margin: .3em 0; padding-left: 1.8em; }
ol.items li { margin: .15em 0; }
ol.items li.ask { font-weight: 600; }
.cloze { font-weight: 700; color: #b3261e; }
.hl { color: inherit; background: #fff1a8; font-weight: 600; }
.blank { color: #b3261e; letter-spacing: .1em; }
hr#answer { border: 0; border-top: 1px solid #e3e1dc; margin: .8em 0; }
.source { font-size: .72em; line-height: 1.6; color: #57606a; margin-top: 1.2em;
  border-top: 1px solid #e3e1dc; padding-top: .5em; }
.source .quote { margin: .2em 0 .6em; }
@night.card, @night .card { color: #e6e6e6; background: #1e1f22; }
@night .kicker { color: #d8a657; }
@night .cloze, @night .blank { color: #ff8a80; }
@night .hl { color: #f2e9c9; background: #5c4b00; }
@night .prompt, @night .kicker .count, @night .cite .author, @night .label,
  @night .note { color: #a0a0a0; }
@night .source { color: #a8a8a8; border-top-color: #3a3a3a; }
@night hr#answer { border-top-color: #3a3a3a; }
#typeans { font-family: inherit; }
.typeGood { color: #14532d; background: #d3f2d9; }
.typeBad { color: #7f1d1d; background: #fbd5d5; }
.typeMissed { color: #333; background: #e4e4e4; }
@night .typeGood { color: #d7f5dc; background: #1f4d2b; }
@night .typeBad { color: #ffdada; background: #5c1f1f; }
@night .typeMissed { color: #e6e6e6; background: #3a3a3a; }
@media (max-width: 480px) { .card { font-size: 19px; padding: 10px 12px; } }
"""
CSS = _NIGHT.sub(lambda rule: f".nightMode{rule[1]}, .night_mode{rule[1]}{rule[2]}", CSS)

_ANSWER = '{{FrontSide}}<hr id="answer">'
_SPOKEN = "{{#TTS}}{{tts zh_CN:%s}}{{/TTS}}"
_SOURCE = '<div class="source">{{Source}}</div>'


def _template(name: str, front: str, back: str, spoken: str, gate: str | None = None) -> dict[str, str]:
    """A card template: ``gate`` names the field whose emptiness means "no such card"."""
    qfmt = "{{#%s}}%s{{/%s}}" % (gate, front, gate) if gate else front
    return {"name": name, "qfmt": qfmt, "afmt": back + _SPOKEN % spoken + _SOURCE}


def _note_type(model_id: int, kind: str, templates: list[dict[str, str]], *, cloze: bool = False) -> genanki.Model:
    return genanki.Model(model_id, "deckgen " + kind.replace("_", " "), fields=[{"name": f} for f in FIELDS[kind]],
                         templates=templates, css=CSS,
                         model_type=genanki.Model.CLOZE if cloze else genanki.Model.FRONT_BACK)


_ITEM_CLOZE = '<div class="kicker">{{List}}</div>{{cloze:Text}}'
# Generated once with random.randrange(1 << 30, 1 << 31). Never change them.
NOTE_TYPES: dict[str, genanki.Model] = {
    "list_item": _note_type(1589693383, "list_item", [
        _template("Cloze", _ITEM_CLOZE, _ITEM_CLOZE, "cloze-only:Text")], cloze=True),
    "list": _note_type(1567676165, "list", [
        _template("Recite", '<div class="title">{{Name}}</div><div class="prompt">{{Recite}}</div>',
                  _ANSWER + "{{Items}}", "Items", gate="Recite"),
        _template("Name", '{{Items}}<div class="prompt">{{Naming}}</div>',
                  _ANSWER + '<div class="title">{{Name}}</div>', "Name", gate="Naming")]),
    "list_size": _note_type(1714144074, "list_size", [
        _template("Count", '<div class="title">{{Asked}}</div><div class="prompt">共几条？</div>',
                  _ANSWER + '<div class="title">{{Name}} · 共 {{Count}} 条</div>{{Items}}', "Name")]),
    "term": _note_type(1493550797, "term", [
        _template("Definition", '<div class="title">{{Term}}</div><div class="prompt">这个提法是什么意思？</div>',
                  _ANSWER + "{{Definition}}", "Definition"),
        _template("Reverse", '{{Reverse}}<div class="prompt">这是哪个提法？</div>',
                  _ANSWER + '<div class="title">{{Term}}</div>', "Term", gate="Reverse")]),
    "term_cloze": _note_type(2046876555, "term_cloze", [
        _template("Cloze", "{{cloze:Text}}", "{{cloze:Text}}", "cloze-only:Text")], cloze=True),
    # the item typed into Anki's answer box: the box on the front, Anki's comparison on the back
    "list_item_typed": _note_type(2049842289, "list_item_typed", [
        _template("Typed", _ITEM_CLOZE + "{{type:cloze:Text}}", _ITEM_CLOZE + "{{type:cloze:Text}}",
                  "cloze-only:Text")], cloze=True),
}
