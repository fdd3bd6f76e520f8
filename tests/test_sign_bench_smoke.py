"""The signing benchmark runs end to end with a tiny N (timings are printed, never asserted).

In a fresh process: a PKCS#11 library reads its configuration once per process, so the
benchmark's own SoftHSM2 token cannot share a process with the test session's.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import PROJECT


def test_bench_sign_runs() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOFTHSM2_CONF"}
    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "bench_sign.py"), "--runs", "1"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name in ("pyhanko-stock-sign", "hsdt-sign-pkcs12", "hsdt-sign-softhsm2", "hsdt-verify"):
        assert name in done.stdout
    assert "ok=True" in done.stdout
