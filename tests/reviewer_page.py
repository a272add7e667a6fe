"""Cards as Anki's reviewer shows them, laid out by headless Chromium and measured there.

Each side (``card.question()``/``card.answer()`` of real Anki: the note type's CSS in a ``<style>`` before the
HTML; ``reviewer_sides`` adds what the reviewer puts in place of a type-answer field) goes into a document built
like the reviewer's, ``<body class="card card1">`` with ``<div id="qa">``: one ``<iframe>`` per side and width,
all in one page so one browser start lays out many sides. A script in each frame measures, from computed styles,
every visible text's contrast against the background behind it and the lines that hold a single character; then
it adds the classes Anki puts on the page at night — desktop's ``nightMode night_mode`` at desktop width,
AnkiDroid's ``night_mode`` at phone width — and measures again. The page collects the figures and
``--dump-dom`` hands them back.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

WIDTHS = {"phone": 375, "desktop": 1024}
MODES = ("light", "night")
# the body's classes at night: Anki desktop's at desktop width, AnkiDroid's (night_mode alone) at phone width
NIGHT_CLASSES = {"phone": "night_mode", "desktop": "nightMode night_mode"}
INSTALL_HINT = ("headless Chromium and a Chinese font are needed to lay out cards: apt-get install -y chromium fonts-noto-cjk "
                "(.ci/run installs them when absent)")

# Runs inside each frame: WCAG contrast of every text node against the composed background of its ancestors,
# and the lines of each block (characters grouped by their boxes' vertical overlap) holding one character, not
# counting punctuation (a cloze's [...] counts) nor Anki's comparison of a typed answer (lines of its own).
_MEASURE = r"""
function rgba(s) { const m = s.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; }
function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); }
function over(top, below) { const a = top[3];
  return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat([1]); }
function background(el) { const layers = [];
  for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  let bg = [255, 255, 255, 1];  // the webview's own white behind everything
  for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
  return bg; }
function block(el) { while (el.parentElement && getComputedStyle(el).display.startsWith("inline")) el = el.parentElement;
  return el; }
const PUNCT = /[\s\p{P}\p{S}]/u;
function measure() {
  const texts = [], blocks = new Map();
  const walker = document.createTreeWalker(document.getElementById("qa"), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement, style = getComputedStyle(el);
    if (!node.data.trim() || ["SCRIPT", "STYLE"].includes(el.tagName) || !el.getClientRects().length) continue;
    const bg = background(el), fg = over(rgba(style.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    texts.push({text: node.data.trim().slice(0, 40), cls: el.className || el.tagName.toLowerCase(),
                ratio: Math.round((a + 0.05) / (b + 0.05) * 100) / 100});
    const chars = blocks.get(block(el)) || [], blank = el.closest(".cloze, .blank");  // [...] is one word
    for (let i = 0; i < (el.closest("#typeans") ? 0 : node.data.length); i++) {
      if (blank ? !node.data[i].trim() : PUNCT.test(node.data[i])) continue;
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      if (r.height) chars.push({ch: node.data[i], top: r.top, bottom: r.bottom});
    }
    blocks.set(block(el), chars);
  }
  const lone = [];
  for (const [el, chars] of blocks) {
    chars.sort((x, y) => x.top - y.top);
    const lines = [];
    for (const c of chars) { const line = lines[lines.length - 1];
      if (line && c.top < line.bottom - 2) { line.chars.push(c.ch); line.bottom = Math.max(line.bottom, c.bottom); }
      else lines.push({chars: [c.ch], bottom: c.bottom}); }
    if (lines.length > 1) lines.forEach((l, i) => { if (l.chars.length === 1)
      lone.push((i ? lines[i - 1].chars.slice(-12).join("") : "") + "|" + l.chars[0]); });
  }
  return {texts, lone};
}
// light first; then the night classes, which change colours only: the layout is the same, restyled
document.fonts.ready.then(() => { let result;
  try { const light = measure(); document.documentElement.classList.add("night-mode");
        document.body.classList.add(...NIGHT); result = {light, night: measure()}; }
  catch (e) { result = {error: String(e)}; }
  parent.postMessage({frame: FRAME, result}, "*"); });
"""

_COLLECT = """
const results = {};
addEventListener("message", e => { results[e.data.frame] = e.data.result;
  document.getElementById("result").textContent = JSON.stringify(results); });
"""


# Anki's type-answer field: the reviewer replaces it with an input box on the front, its comparison on the back
TYPE_ANSWER = re.compile(r"\[\[type:(nc:)?(cloze:)?(.+?)\]\]")


def expected_answer(col, card) -> str:
    """What the reviewer compares a typed answer with: the field, or the asked cloze's text (as aqt does)."""
    found = TYPE_ANSWER.search(card.question())
    assert found, "the card has no type-answer field"
    text = card.note()[found[3]]
    return col._backend.extract_cloze_for_typing(text=text, ordinal=card.ord + 1) if found[2] else text


def reviewer_sides(col, card, typist: Callable[[str], str] = str) -> tuple[str, str]:
    """Front and back as the reviewer shows them: a type-answer field becomes the answer box in front and, on
    the back, Anki's comparison of the expected answer with what ``typist`` types given it (default: the same)."""
    question, answer = card.question(), card.answer()
    if not TYPE_ANSWER.search(question):
        return question, answer
    expected = expected_answer(col, card)
    compared = col.compare_answer(expected, typist(expected))
    return (TYPE_ANSWER.sub('<center><input type="text" id="typeans"></center>', question),
            TYPE_ANSWER.sub(lambda _: f"<div>{compared}</div>", answer))


@dataclass(frozen=True)
class Layout:
    """What one side of a card looks like in one mode at one width."""
    side: int                      # the index of the side in the list given to ``lay_out``
    mode: str                      # light or night
    width: str                     # phone or desktop
    texts: tuple[dict, ...]        # {"text", "cls", "ratio"} per visible text node
    lone: tuple[str, ...]          # per line holding a single character: the line before it | that character


def chromium() -> str:
    """The browser's path; without one, or without a Chinese font, the test fails saying how to install them (it
    is not skipped)."""
    found = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                  if shutil.which(name)), None)
    chinese = shutil.which("fc-list") and subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True,
                                                          text=True).stdout.strip()
    if not found or not chinese:
        pytest.fail(INSTALL_HINT, pytrace=False)
    return found


def reviewer_document(side_html: str, width: str, frame: int) -> str:
    """The reviewer's page for one side, with the measuring script (which turns night mode on after light)."""
    return (f'<!doctype html><html><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f'<body class="card card1"><div id="qa">{side_html}</div>'
            f"<script>const FRAME = {frame}, NIGHT = {json.dumps(NIGHT_CLASSES[width].split())};{_MEASURE}"
            f"</script></body></html>")


def lay_out(sides: list[str], *, batch: int = 60) -> list[Layout]:
    """Every side in every mode at every width, as Chromium lays it out (``batch`` sides per browser start)."""
    return [layout for first in range(0, len(sides), batch) for layout in _lay_out(sides[first:first + batch], first)]


def _lay_out(sides: list[str], first: int, timeout: float = 120) -> list[Layout]:
    frames, plan = [], []
    for side, side_html in enumerate(sides, first):
        for width, px in WIDTHS.items():
            frames.append(f'<iframe width="{px}" height="900" srcdoc="'
                          f'{html.escape(reviewer_document(side_html, width, len(plan)))}"></iframe>')
            plan.append((side, width))
    page = (f'<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="result"></pre>'
            f"<script>{_COLLECT}</script>{''.join(frames)}</body></html>")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reviewer.html"
        path.write_text(page, encoding="utf-8")
        run = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                              f"--user-data-dir={folder}/profile", "--virtual-time-budget=60000",
                              "--dump-dom", path.as_uri()],
                             capture_output=True, text=True, timeout=timeout)
    found = re.search(r'<pre id="result">(.*?)</pre>', run.stdout, re.S)
    results = json.loads(html.unescape(found[1])) if found and found[1] else {}
    missing = [side for i, (side, _) in enumerate(plan) if "light" not in results.get(str(i), {})]
    assert not missing, (f"Chromium measured no layout of sides {sorted(set(missing))[:10]} (exit {run.returncode}): "
                         f"{[r['error'] for r in results.values() if 'error' in r][:3]} {run.stderr[-1000:]}")
    return [Layout(side, mode, width, tuple(results[str(i)][mode]["texts"]), tuple(results[str(i)][mode]["lone"]))
            for i, (side, width) in enumerate(plan) for mode in MODES]
