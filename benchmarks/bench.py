"""Benchmark deckgen's ``extract`` and ``build`` against one plain ``jieba.lcut`` pass over the same text.

    python benchmarks/bench.py                       # the corpus at 1x, 2x and 4x: a table
    python benchmarks/bench.py --sizes 1 --json bench.json
    python benchmarks/bench.py --profile build       # cProfile's top entries for one run
    python benchmarks/bench.py --profile rebuild     # ... for a rebuild with one file changed

The texts are ``../shared/bench/texts`` when present, else the sample beside this
script (``--texts DIR`` for others). Every measurement runs in a fresh Python
process, so each side pays its own imports and jieba's dictionary load, and the
peak memory (``ru_maxrss``, of the process and of its worker processes) is its
own. Size N× is the file list N times over: extraction reads and works through
all of it, while the deck keeps one note per list or term, as for any repeated text.
deckgen's modules are byte-compiled first, as an install compiles them (``compiled``).

Every measured run starts with an empty extraction cache (``$DECKGEN_CACHE_DIR``) of its own, except
the rebuilds: at 1×, a cold build into an empty cache and state folder, the same build again with
nothing changed, and again after one file changed (the middle paragraph of the middle file gets one
more sentence); each the median of ``--repeat`` rounds, each round in a fresh folder.

Targets (issue 7): extract at most 1.5× and build at most 2× the jieba pass, peak
memory under 400 MB, ``deckgen --help`` under 0.3 s without importing jieba.
Targets (issue 12): a rebuild with nothing changed at most 10%, with one file changed at most 15% of
the cold build.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_TEXTS = HERE.parents[1] / "shared" / "bench" / "texts"
SAMPLE_TEXTS = HERE / "sample"
TASKS = ("jieba", "extract", "build")
RATIO_TARGETS = {"extract": 1.5, "build": 2.0}  # at most this many times the jieba pass
REBUILDS = ("cold", "unchanged", "one file")
REBUILD_TARGETS = {"unchanged": 0.10, "one file": 0.15}  # at most this share of the cold build
EDIT = "这一段在基准测试中多了一句话。"  # the sentence the one-file rebuild adds
PEAK_MB_TARGET = 400
HELP_SECONDS_TARGET = 0.3


def corpus(texts: Path, size: int) -> list[Path]:
    """The text files of ``texts``, sorted, ``size`` times over."""
    files = sorted(p for p in texts.iterdir() if p.suffix == ".txt")
    if not files:
        raise SystemExit(f"{texts}: no .txt files to benchmark")
    return files * size


def run_task(task: str, files: list[Path], output: Path | None = None) -> int:
    """Do ``task`` over ``files`` (imports included); return the characters processed.

    ``output``: where ``build`` writes its deck (default: a temporary folder).
    """
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    if task == "jieba":
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for path in files:
            jieba.lcut(path.read_text(encoding="utf-8"))
    elif task == "extract":
        from deckgen.api import extract_sources

        extract_sources(files)
    elif output is not None:
        from deckgen.api import build_deck

        build_deck(files, output=output)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run_task(task, files, Path(tmp) / "bench.apkg")
    return chars


def measure(task: str, texts: Path, size: int, repeat: int) -> dict:
    """Run ``task`` in ``repeat`` fresh processes: the fastest run's seconds, the highest peak memory.

    The fastest run is the one least disturbed by whatever else the machine was doing.
    """
    runs = [_run_child(task, texts, size) for _ in range(repeat)]
    return {**min(runs, key=lambda run: run["seconds"]), "peak_mb": max(run["peak_mb"] for run in runs)}


def _run_child(task: str, texts: Path, size: int, *, output: Path | None = None,
               folder: Path | None = None) -> dict:
    """One measured run in a fresh process; a failed run stops the benchmark with the child's own error.

    ``folder`` holds the run's extraction cache and state (default: empty ones, removed afterwards).
    """
    if folder is None:
        with tempfile.TemporaryDirectory() as tmp:
            return _run_child(task, texts, size, output=output, folder=Path(tmp))
    command = [sys.executable, __file__, "--run", task, "--texts", str(texts), "--sizes", str(size)]
    env = {**os.environ, "DECKGEN_CACHE_DIR": str(folder / "cache"), "DECKGEN_STATE_DIR": str(folder / "state")}
    done = subprocess.run(command + (["--output", str(output)] if output else []), capture_output=True, text=True,
                          env=env)
    if done.returncode:
        raise SystemExit(f"bench: {task} at {size}x failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout)


def _child(task: str, texts: Path, size: int, output: Path | None) -> None:
    files = corpus(texts, size)
    start = time.perf_counter()
    chars = run_task(task, files, output)
    seconds = time.perf_counter() - start
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # kilobytes on Linux
    print(json.dumps({"task": task, "size": size, "files": len(files), "chars": chars, "seconds": seconds,
                      "peak_mb": peak_kb / 1024}))


def edit_one_file(texts: Path) -> Path:
    """Add ``EDIT`` to the middle paragraph of the middle file of ``texts``; return that file."""
    files = corpus(texts, 1)
    path = files[len(files) // 2]
    lines = path.read_text(encoding="utf-8").split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    middle = filled[len(filled) // 2]
    lines[middle] += EDIT
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def rebuild_round(texts: Path) -> dict[str, float]:
    """Seconds of a cold build, a rebuild with nothing changed and one with one file changed, in a fresh folder."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = folder / "texts"
        shutil.copytree(texts, copy)
        output = folder / "out" / "bench.apkg"
        seconds = {}
        for name in REBUILDS:
            if name == "one file":
                edit_one_file(copy)
            seconds[name] = _run_child("build", copy, 1, output=output, folder=folder)["seconds"]
        return seconds


def rebuilds(texts: Path, repeat: int) -> dict:
    """The median seconds of each rebuild over ``repeat`` rounds, and their share of the cold build."""
    rounds = [rebuild_round(texts) for _ in range(repeat)]
    median = {name: statistics.median(r[name] for r in rounds) for name in REBUILDS}
    result = {"rounds": rounds, "median": median}
    result["share"] = {name: median[name] / median["cold"] for name in REBUILD_TARGETS}
    result["ok"] = all(result["share"][name] <= target for name, target in REBUILD_TARGETS.items())
    return result


def startup() -> dict:
    """``deckgen --help``: best of five wall times, and whether the CLI imports jieba to get there."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "deckgen", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    probe = subprocess.run([sys.executable, "-c", "import sys, deckgen.cli; print('jieba' in sys.modules)"],
                           check=True, capture_output=True, text=True)
    return {"help_seconds": min(times), "jieba_at_startup": probe.stdout.strip() == "True"}


def benchmark(texts: Path, sizes: list[int], repeat: int) -> dict:
    runs = []
    for size in sizes:
        base = None
        for task in TASKS:
            run = measure(task, texts, size, repeat)
            base = base or run["seconds"]
            run["chars_per_s"] = run["chars"] / run["seconds"]
            run["ratio"] = run["seconds"] / base
            run["target"] = RATIO_TARGETS.get(task)
            run["ok"] = run["target"] is None or run["ratio"] <= run["target"]
            runs.append(run)
    result = {"texts": str(texts), "sizes": sizes, "repeat": repeat, "runs": runs, **startup(),
              "rebuilds": rebuilds(texts, repeat)}
    result["peak_mb"] = max(run["peak_mb"] for run in runs)
    result["ok"] = (all(run["ok"] for run in runs) and result["peak_mb"] < PEAK_MB_TARGET
                    and result["help_seconds"] < HELP_SECONDS_TARGET and not result["jieba_at_startup"]
                    and result["rebuilds"]["ok"])
    return result


def table(result: dict) -> str:
    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    lines = [f"texts: {result['texts']} (best of {result['repeat']} runs)",
             f"{'size':>4}  {'task':<8}{'files':>6}{'chars':>11}{'seconds':>9}{'chars/s':>10}{'× jieba':>9}"
             f"{'peak MB':>9}  target"]
    for run in result["runs"]:
        target = f"≤ {run['target']}× jieba  {verdict(run['ok'])}" if run["target"] else ""
        lines.append(f"{run['size']:>3}×  {run['task']:<8}{run['files']:>6}{run['chars']:>11,}{run['seconds']:>9.2f}"
                     f"{run['chars_per_s'] / 1000:>9.0f}k{run['ratio']:>9.2f}{run['peak_mb']:>9.0f}  {target}")
    lines.append(f"largest process peak: {result['peak_mb']:.0f} MB (target < {PEAK_MB_TARGET} MB) "
                 f"{verdict(result['peak_mb'] < PEAK_MB_TARGET)}")
    lines.append(f"deckgen --help: {result['help_seconds']:.2f} s (target < {HELP_SECONDS_TARGET} s), jieba imported: "
                 f"{'yes' if result['jieba_at_startup'] else 'no'}  "
                 f"{verdict(result['help_seconds'] < HELP_SECONDS_TARGET and not result['jieba_at_startup'])}")
    for task in TASKS:
        runs = [run for run in result["runs"] if run["task"] == task]
        steps = [f"{(b['seconds'] - a['seconds']) / (b['size'] - a['size']):.2f} ({a['size']}×→{b['size']}×)"
                 for a, b in zip(runs, runs[1:])]
        if steps:  # start-up (imports, jieba's dictionary) is paid once: the cost of more text is the slope
            lines.append(f"{task}: seconds per 1× more text: {', '.join(steps)} (equal: linear)")
    rebuilt = result["rebuilds"]
    lines.append(f"rebuilds at 1× (median of {len(rebuilt['rounds'])} rounds):")
    for name in REBUILDS:
        seconds = rebuilt["median"][name]
        if name in REBUILD_TARGETS:
            share, target = rebuilt["share"][name], REBUILD_TARGETS[name]
            lines.append(f"  {name:<10}{seconds:>7.2f} s  {share:>4.0%} of cold (target ≤ {target:.0%})  "
                         f"{verdict(share <= target)}")
        else:
            lines.append(f"  {name:<10}{seconds:>7.2f} s")
    return "\n".join(lines)


def profile(task: str, texts: Path, size: int, top: int) -> str:
    """cProfile's ``top`` entries by cumulative and by own time, for ``task`` in this process.

    ``rebuild``: a build after a cold one, with one file changed (the cold one is not profiled).
    """
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    if task == "rebuild":
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            shutil.copytree(texts, folder / "texts")
            output = folder / "bench.apkg"
            os.environ["DECKGEN_CACHE_DIR"] = str(folder / "cache")
            os.environ["DECKGEN_STATE_DIR"] = str(folder / "state")
            _run_child("build", folder / "texts", size, output=output, folder=folder)
            edit_one_file(folder / "texts")
            profiler.runcall(run_task, "build", corpus(folder / "texts", size), output)
    else:
        profiler.runcall(run_task, task, corpus(texts, size))
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def compiled() -> None:
    """Byte-compile deckgen's modules, as ``pip install .`` does (jieba's came compiled with it): run from a
    checkout with PYTHONDONTWRITEBYTECODE set, every measured process would compile them all again (0.1 s, 8% of
    a one-file rebuild), which no installed deckgen does."""
    import compileall

    import deckgen

    compileall.compile_dir(Path(deckgen.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=SHARED_TEXTS if SHARED_TEXTS.is_dir() else SAMPLE_TEXTS,
                        help="folder of .txt files (default: ../shared/bench/texts, else benchmarks/sample)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4], help="corpus multiples (default 1 2 4)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per measurement, the fastest counts; rounds of rebuilds, the median counts (default 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--profile", choices=(*TASKS, "rebuild"), help="profile one task at the first size instead")
    parser.add_argument("--top", type=int, default=15, help="profile entries to show (default 15)")
    parser.add_argument("--run", choices=TASKS, help=argparse.SUPPRESS)  # the measured child process
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)  # where its build writes
    args = parser.parse_args(argv)
    if args.run:
        _child(args.run, args.texts, args.sizes[0], args.output)
        return 0
    if args.profile:
        print(profile(args.profile, args.texts, args.sizes[0], args.top))
        return 0
    compiled()
    result = benchmark(args.texts, args.sizes, args.repeat)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
