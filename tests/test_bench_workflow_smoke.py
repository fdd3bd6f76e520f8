"""The workflow benchmark runs end to end on a tiny year (figures are its business, not ours)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def test_bench_workflow_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module("bench_workflow")
    assert module.main(["--records", "60", "--commits", "10", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "lịch sử: 60 hồ sơ, 11 commit"
    assert lines[1].startswith("git push 5 hồ sơ có móc pre-receive: ")
    assert lines[2].startswith("cùng lần đẩy với móc trước khi gia cố (") or lines[2].startswith(
        "(không có commit "
    )
    assert lines[3].startswith("hsdt status --all: ")
    assert lines[3].split("(")[1].startswith("60 hồ sơ")
    sys.modules.pop("bench_workflow", None)
