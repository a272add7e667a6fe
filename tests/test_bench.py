"""The benchmark script runs on its sample and reports; the process pool gives what a serial run gives.

No timing is asserted: the numbers depend on the machine and its load.
"""
import json
import subprocess
import sys
from pathlib import Path

from deckgen import api
from deckgen.config import load_config
from deckgen.read import read_source

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
SAMPLE = sorted((BENCH / "sample").glob("*.txt"))
DATA = Path(__file__).parent / "data"


def test_bench_prints_its_table_and_writes_json(tmp_path):
    out = tmp_path / "bench.json"
    command = [sys.executable, str(BENCH / "bench.py"), "--texts", str(BENCH / "sample"), "--sizes", "1",
               "--repeat", "1", "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    for word in ("jieba", "extract", "build", "chars/s", "× jieba", "peak MB", "deckgen --help"):
        assert word in done.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [run["task"] for run in result["runs"]] == ["jieba", "extract", "build"]
    for run in result["runs"]:
        assert run["files"] == len(SAMPLE) and run["chars"] > 0 and run["seconds"] > 0 and run["peak_mb"] > 0
    assert result["jieba_at_startup"] is False
    assert "rebuilds at 1×" in done.stdout and "unchanged" in done.stdout and "one file" in done.stdout
    rebuilt = result["rebuilds"]
    assert len(rebuilt["rounds"]) == 1 and set(rebuilt["median"]) == {"cold", "unchanged", "one file"}
    assert set(rebuilt["share"]) == {"unchanged", "one file"} and all(s > 0 for s in rebuilt["share"].values())


def test_the_one_file_edit_adds_a_sentence_to_the_middle_file(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        import bench
    finally:
        sys.path.remove(str(BENCH))
    for path in SAMPLE:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    edited = bench.edit_one_file(tmp_path)
    assert edited.name == SAMPLE[1].name
    assert edited.read_text(encoding="utf-8").count(bench.EDIT) == 1
    assert edited.read_text(encoding="utf-8").replace(bench.EDIT, "") == SAMPLE[1].read_text(encoding="utf-8")


def test_a_failed_run_stops_the_bench_with_the_reason(tmp_path):
    """Regression: a failing measured run ended in a CalledProcessError traceback that hid the child's error."""
    (tmp_path / "plain.txt").write_text("今天天气很好。", encoding="utf-8")
    command = [sys.executable, str(BENCH / "bench.py"), "--texts", str(tmp_path), "--sizes", "1", "--repeat", "1"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 1
    assert "bench: build at 1x failed:" in done.stderr and "no lists or terms found" in done.stderr
    assert "CalledProcessError" not in done.stderr


def test_bench_sizes_repeat_the_corpus():
    sys.path.insert(0, str(BENCH))
    try:
        import bench
    finally:
        sys.path.remove(str(BENCH))
    assert bench.corpus(BENCH / "sample", 2) == SAMPLE * 2


def test_a_process_pool_extracts_what_a_serial_run_does():
    documents = [read_source(p) for p in (*SAMPLE, DATA / "000_128f51ef0bbf1bd4.txt", DATA / "jianwei_sixiao_gongzuofa.txt")]
    config = load_config()
    serial = api.extract_documents(documents, config, workers=1)
    pooled = api.extract_documents(documents, config, workers=2)
    assert pooled == serial
    assert [a.index for a in pooled.articles] == list(range(len(pooled.articles)))


def test_progress_is_called_before_and_after_every_document():
    documents = [read_source(p) for p in SAMPLE]
    calls = []
    api.extract_documents(documents, load_config(), progress=lambda docs, done: calls.append((len(docs), done)))
    assert calls == [(len(SAMPLE), done) for done in range(len(SAMPLE) + 1)]
