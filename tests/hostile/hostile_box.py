"""Hostile inputs run as a user runs them: ``python -m deckgen`` in a subprocess, bounded (the ``box`` fixture).

Each case gets 60 s of CPU and 1 GB of address space (``resource.setrlimit`` in the
child), its own $TMPDIR and deckgen state folder, so what a case leaves behind is
seen and a runaway case is killed by the limit instead of hanging CI. The files are
made by the tests, small, at test time: no committed bombs.
"""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import deckgen

JIEBA_CACHE = "jieba.cache"
CPU_SECONDS = int(os.environ.get("HOSTILE_CPU_SECONDS", 60))  # lower it to check old code quickly
ADDRESS_SPACE = 1024**3
SRC = str(Path(deckgen.__file__).resolve().parent.parent)
ARTICLE = ("党建引领基层治理\n\n□张三\n\n建立“社区吹哨，部门报到”工作机制，推进“五治融合”。"
           "我们要增强“四个意识”，坚定“四个自信”，做到“两个维护”。"
           "一是加强组织建设。二是完善服务体系。三是强化队伍建设。\n")

SPEC_TXT = "key: k13\nsources: [article.txt]\n"
# 1 KB of YAML whose aliases stand for 9^9 nodes (the "billion laughs")
LAUGHS = "l0: &l0 lol\n" + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))


def _limits(fsize: int | None):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
        if fsize is not None:  # a full disk: writes past it fail with EFBIG instead of killing
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return apply


@dataclass
class Sandbox:
    root: Path

    @property
    def tmpdir(self) -> Path:
        return self.root / "tmpdir"

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": SRC, "TMPDIR": str(self.tmpdir),
                "DECKGEN_STATE_DIR": str(self.root / "state"),
                "DECKGEN_CACHE_DIR": str(self.root / "cache"), "COLUMNS": "200"}

    def popen(self, *args: str | Path, prelude: str = "", fsize: int | None = None) -> subprocess.Popen:
        """``deckgen ARGS`` in a bounded child; ``prelude`` is Python run first (to slow a step down)."""
        code = f"{prelude}\nimport sys\nfrom deckgen.cli import main\nsys.exit(main(sys.argv[1:]))"
        return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=self.root, env=self.env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=_limits(fsize))

    def run(self, *args: str | Path, **kwargs) -> subprocess.CompletedProcess:
        process = self.popen(*args, **kwargs)
        out, err = process.communicate(timeout=3 * CPU_SECONDS)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def python(self, code: str) -> subprocess.CompletedProcess:
        """Python ``code`` in a bounded child: what a script using deckgen's API does."""
        return subprocess.run([sys.executable, "-c", code], cwd=self.root, env=self.env(), capture_output=True,
                              text=True, timeout=3 * CPU_SECONDS, preexec_fn=_limits(None))

    def deck(self, name: str, spec: str, files: dict[str, str | bytes] | None = None) -> Path:
        """decks/NAME with deck.yaml ``spec`` and ``files`` (default: article.txt)."""
        folder = self.root / "decks" / name
        folder.mkdir(parents=True)
        for file, content in (files if files is not None else {"article.txt": ARTICLE}).items():
            path = folder / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        (folder / "deck.yaml").write_text(spec, encoding="utf-8")
        return folder

    def leftovers(self) -> list[str]:
        """What deckgen left in $TMPDIR and as temporary files anywhere under the root (jieba's
        dictionary cache is jieba's, kept on purpose for the next run)."""
        left = [str(p) for p in self.tmpdir.iterdir() if p.name != JIEBA_CACHE]
        return left + [str(p) for p in self.root.rglob("*.tmp")]


@pytest.fixture
def box(tmp_path: Path) -> Sandbox:
    sandbox = Sandbox(tmp_path)
    sandbox.tmpdir.mkdir()
    cache = Path(tempfile.gettempdir()) / JIEBA_CACHE
    if cache.is_file():  # spares each case the second jieba takes to build it
        shutil.copy(cache, sandbox.tmpdir / JIEBA_CACHE)
    return sandbox


def refused(result: subprocess.CompletedProcess, *needles: str) -> None:
    """Exit 1 with one message holding every needle, and no traceback."""
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr, result.stderr[-2000:]
    for needle in needles:
        assert needle in result.stderr, result.stderr[-2000:]
