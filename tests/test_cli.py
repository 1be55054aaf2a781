"""CLI: the commands a user types, and a one-line error with non-zero exit for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ROOT, SAMPLE, SAMPLE_QUESTION

from crosscheck.cli import build_parser, main

ARTICLE = "The mill burned down on 3 May 1931. Workers rebuilt it because the town needed flour."


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "CROSSCHECK_EMBEDDER": "hash", **(env or {})}
    return subprocess.run([sys.executable, "-m", "crosscheck.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env=full_env, timeout=300)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("crosscheck: error:")
    return lines[0]


@pytest.fixture()
def store_with_doc(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert main(["add", "-q", "--store", str(tmp_path / "s.db"), str(tmp_path / "a.txt")]) == 0
    return tmp_path / "s.db"


def test_add_ask_and_parts(tmp_path: Path, store_with_doc: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CROSSCHECK_EMBEDDER", "hash")
    store = str(store_with_doc)
    assert main(["ask", "--store", store, "Why was the mill rebuilt?", "-f", "json",
                 "-o", str(tmp_path / "b.json")]) == 0
    assert json.loads((tmp_path / "b.json").read_text())["schema"] == "crosscheck.brief/1"
    for part in ("sources", "timeline", "conflicts", "entities"):
        assert main([part, "--store", store]) == 0
    assert main(["timeline", "--store", store, "-f", "json"]) == 0
    out = capsys.readouterr().out
    assert "1931-05-03" in out
    assert main(["search", "--store", store, "flour"]) == 0
    assert "flour" in capsys.readouterr().out


def test_store_from_environment(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("add", "-q", "a.txt", cwd=tmp_path, env={"CROSSCHECK_STORE": "env.db"})
    assert result.returncode == 0 and (tmp_path / "env.db").exists()


def test_add_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00\x00")
    result = run("add", "--store", "s.db", "bad.txt", cwd=tmp_path)
    assert result.returncode == 1 and "binary" in result.stderr
    result = run("add", "--store", "s.db", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "no such file or directory: missing.txt" in one_line_error(result)


@pytest.mark.parametrize(("args", "expected"), [
    (["ask", "--store", "s.db", "   "], "question has no words"),
    (["ask", "--store", "s.db", "?!? ..."], "question has no words"),
    (["search", "--store", "s.db", ""], "question has no words"),
    (["ask", "--store", "empty.db", "Why?"], "holds no documents"),
    (["ask", "--store", "s.db", "Why?", "--format", "pdf"], "unknown format 'pdf'"),
    (["timeline", "--store", "s.db", "--format", "xml"], "unknown format 'xml'"),
    (["sources", "--store", "empty.db"], "holds no documents"),
    (["ask"], "the following arguments are required"),
])
def test_bad_input_one_line_errors(tmp_path: Path, store_with_doc: Path, args: list[str],
                                   expected: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode != 0
    assert expected in one_line_error(result)


def test_demo_writes_three_briefs(tmp_path: Path) -> None:
    result = run("demo", "-q", "--corpus", str(SAMPLE), cwd=tmp_path,
                 env={"CROSSCHECK_EMBEDDER": "minilm"})
    assert result.returncode == 0, result.stderr
    for name in ("brief.md", "brief.html", "brief.json"):
        assert (tmp_path / name).stat().st_size > 1000
    data = json.loads((tmp_path / "brief.json").read_text())
    assert data["question"].startswith("Why did Japan stay neutral")
    assert "## Answer" in result.stdout


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"crosscheck {name}" in readme, f"README does not document `crosscheck {name}`"
    assert SAMPLE_QUESTION in readme


def test_extract_prints_kept_text_and_removals(capsys: pytest.CaptureFixture[str]) -> None:
    page = next(SAMPLE.glob("004_*.txt"))
    assert main(["extract", str(page)]) == 0
    kept = capsys.readouterr().out
    assert "Upvote:0" not in kept and "Related post" not in kept
    assert "The army backed Hokushin-ron" in kept
    assert main(["extract", "--show-removed", str(page)]) == 0
    removed = capsys.readouterr().out
    assert "boilerplate (vote count)\tUpvote:0" in removed
    assert "Hokushin-ron aimed" not in removed


def test_extract_jsonl_goes_on_past_bad_files(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.bin").write_bytes(b"\x00\x01")
    (tmp_path / "empty.txt").write_text("")
    raw = (SAMPLE / next(SAMPLE.glob("000_*.txt")).name).read_text(encoding="utf-8")
    status = main(["extract", "--jsonl", str(tmp_path / "missing.txt"), str(tmp_path / "bad.bin"),
                   str(tmp_path / "empty.txt"), str(next(SAMPLE.glob("000_*.txt")))])
    assert status == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [set(r) for r in records[:3]] == [{"path", "error"}] * 3
    page = records[3]
    assert set(page) == {"path", "text", "removed"}
    assert "bridesmaid" not in page["text"]
    for r in page["removed"]:
        assert r["text"] == raw[r["start"]:r["end"]]
    assert any(r["reason"] == "spam" for r in page["removed"])


def test_extract_fails_when_nothing_could_be_read(tmp_path: Path) -> None:
    result = run("extract", "missing.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "missing.txt: no such file or directory" in result.stderr
