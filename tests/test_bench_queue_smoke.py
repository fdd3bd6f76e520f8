"""The queue benchmark runs end to end on a tiny year (figures are its business, not ours)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def test_bench_queue_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module("bench_queue")
    assert module.main(["--records", "60", "--commits", "10", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "lịch sử: 60 hồ sơ, 11 commit, 3 bản nộp đang chờ duyệt"
    assert lines[1].startswith("git log --name-status thô trên main: ")
    # the group head of to-khtn reviews the two pending submissions of his group's teachers
    assert lines[2].startswith("hsdt queue (tổ trưởng gv-toan-01, 10 bản chờ duyệt): ")
    assert lines[3].startswith("hsdt queue (hiệu trưởng, có số trễ hạn toàn trường): ")
    assert lines[4].startswith("hsdt status --history (1 hồ sơ, ")
    assert lines[5].startswith("thời gian CPU (trung vị; ")
    for name in ("bench_queue", "bench_workflow", "generate_year"):
        sys.modules.pop(name, None)
