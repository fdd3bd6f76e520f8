"""The report benchmarks run end to end, tiny (figures are their business, not ours)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def test_bench_report_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module("bench_report")
    assert module.main(["--records", "60", "--commits", "10", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "lịch sử: 60 hồ sơ, 11 commit"
    assert lines[1].startswith("hsdt report (cả năm, ")
    assert "git log --name-status thô: " in lines[1]
    assert lines[2].startswith("  lần đầu (chưa có bộ nhớ đệm nào: mọi hồ sơ đọc bằng cat-file")
    assert lines[3].startswith("hsdt report --format html (3 biểu đồ SVG): ")
    assert lines[4].startswith(
        "bản sao mới (git clone --no-local, kèm ghi chú giờ nhận), lần đầu: "
    )
    assert "(trung vị 1 lần" in lines[4]
    for name in ("bench_report", "bench_workflow", "generate_year"):
        sys.modules.pop(name, None)


def test_bench_district_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module("bench_district")
    out = tmp_path / "facts"
    assert module.main(["--schools", "3", "--rows", "50", "--out", str(out), "--keep"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("dữ kiện: 3 trường, 150 dòng, 3 tệp, ")
    assert lines[1].startswith("hsdt report district (")
    assert "DuckDB count(*) thô (150 dòng)" in lines[1]
    # the generated files follow the facts schema: the district report reads them as a school's
    from hsdt.report.aggregate import district_report

    schools = district_report([out]).table("schools").as_dicts()
    assert sorted(r["school"] for r in schools) == ["truong-0000", "truong-0001", "truong-0002"]
    # every generated row is either a record (a path) or an expected one missing
    assert sum(r["submitted"] + r["missing"] for r in schools) == 150
    sys.modules.pop("bench_district", None)
