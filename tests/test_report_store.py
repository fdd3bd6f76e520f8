"""The facts files: the self-hosted server's post-receive hook writes them after each merge
into main (``hsdt.factsDir``), and a year with no row any more loses its file."""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.errors import UsageError
from hsdt.report.facts import Fact
from hsdt.report.store import parquet_files, write_facts
from tests.gitworld import World
from tests.test_archive_expected import submit_schedule
from tests.test_workflow_e2e import do_approve

AS_OF = datetime.fromisoformat("2025-10-20T12:00:00+07:00")


def test_the_post_receive_hook_writes_the_facts_after_a_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    world = World(tmp_path / "world")
    out = tmp_path / "srv-facts"
    subprocess.run(["git", "config", "hsdt.factsDir", str(out)], cwd=world.bare, check=True)
    branch = submit_schedule(world, "gv-toan-02")
    assert not out.exists()  # a submission is no merge: nothing written yet
    assert do_approve(world, monkeypatch, "gv-toan-01", branch, "2025-10-11T08:00:00+07:00") == (
        "merge"
    )
    (written,) = parquet_files([out])
    assert written.relative_to(out).as_posix() == (
        "district=ubnd-huyen-an-lao/school=le-khac-can/year=2025-2026/facts.parquet"
    )
    rows = pq.read_table(written).to_pylist()
    (schedule,) = [r for r in rows if r["path"]]
    assert (schedule["teacher"], schedule["timeliness"], schedule["state"]) == (
        "gv-toan-02",
        "on_time",
        "da_duyet",
    )
    assert schedule["as_of"].isoformat() == "2025-10-11T01:00:00+00:00"  # the merge's receipt


def _fact(year: str) -> Fact:
    return Fact(
        district="d", school="s", year=year, group="g", teacher="t", type="bao-giang",
        path=None, week=1, period_first=None, period_last=None, expected="yes",
        expected_why=None, state="thieu", submitted_at=None, due_at=None, extension=None,
        timeliness="missing", sendback_rounds=0, corrections=0, approved_at=None,
        approval_delay_s=None, signatures_pending=0, pending_reviewer=None,
        pending_since=None, as_of=AS_OF,
    )  # fmt: skip


def test_a_year_without_rows_loses_its_file(tmp_path: Path) -> None:
    first = write_facts([_fact("2024-2025"), _fact("2025-2026")], tmp_path, "d", "s")
    assert [p.parent.name for p in first] == ["year=2024-2025", "year=2025-2026"]
    again = write_facts([dataclasses.replace(_fact("2025-2026"), week=2)], tmp_path, "d", "s")
    assert parquet_files([tmp_path]) == again
    other = write_facts([_fact("2024-2025")], tmp_path, "d", "s2")  # another school stays
    assert sorted(parquet_files([tmp_path])) == sorted([*again, *other])


def test_no_facts_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        parquet_files([tmp_path])
    assert caught.value.render() == (
        f"không tìm thấy tệp dữ kiện (.parquet) nào trong {tmp_path}; mỗi trường ghi tệp của "
        "mình bằng 'hsdt report facts'"
    )
