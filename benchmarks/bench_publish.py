"""How long ``hsdt publish`` takes for one newly approved record, as a whole process.

A bare repository with hsdt's hooks, a lesson plan submitted and approved with an SSH-signed
merge (tests/gitworld.py builds it), then in the clerk's clone: ``hsdt publish`` (find the
approval, render, seal with a demo PKCS#12, write, commit signed) timed as a fresh process,
median of N runs, the clone reset between runs. Printed beside ``hsdt render`` of the same record
(fresh process, no cache) measured in the same run. Target: ≤ 3 s.

    .venv/bin/python benchmarks/bench_publish.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.gitworld import World  # noqa: E402
from tests.samples import LESSON_REL, lesson_text  # noqa: E402

from hsdt.load.profile import load_school  # noqa: E402
from hsdt.sign.demopki import generate_demo_pki  # noqa: E402
from hsdt.workflow.approve import approve  # noqa: E402

TARGET_S = 3.0
BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ.update(
            {"HOME": str(base / "home"), "GIT_CONFIG_NOSYSTEM": "1"},
        )
        (base / "home").mkdir()
        world = World(base / "world")
        teacher = world.person("gv-toan-02")
        teacher.write(LESSON_REL, lesson_text())
        when = "2025-10-12T20:00:00+07:00"
        teacher.commit_push(BRANCH, [LESSON_REL], when=when, received=when)
        head = world.person("gv-toan-01")
        os.environ["HSDT_RECEIVE_TIME"] = "2025-10-13T09:00:00+07:00"
        approve(head.root, load_school(head.root), "gv-toan-01", BRANCH)
        clerk = world.admin
        clerk.git("config", "user.name", "hsdt-bot")
        clerk.git("config", "user.email", clerk.email)
        clerk.git("config", "gpg.format", "ssh")
        clerk.git("config", "user.signingkey", str(clerk.key))
        clerk.git("pull", "-q", "--ff-only", "origin", "main")
        pki = generate_demo_pki(base / "pki", "http://127.0.0.1:9")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)} | {
            "HSDT_SEAL_SIGNER": f"pkcs12:{pki.identity('con_dau').p12}",
            "HSDT_SIGNER_PASSPHRASE": pki.passphrase,
        }
        hsdt = [sys.executable, "-m", "hsdt"]
        head_sha = clerk.git("rev-parse", "HEAD").stdout.strip()

        def reset() -> None:
            clerk.git("reset", "-q", "--hard", head_sha)
            clerk.git("clean", "-q", "-fdx", "signatures")

        times = []
        for _ in range(args.runs + 1):
            reset()
            start = time.perf_counter()
            done = subprocess.run([*hsdt, "publish"], cwd=clerk.root, env=env,
                                  capture_output=True, text=True, check=False)  # fmt: skip
            if done.returncode != 0:
                raise SystemExit(f"hsdt publish failed:\n{done.stdout}{done.stderr}")
            times.append(time.perf_counter() - start)
        made = clerk.git("show", "--name-only", "--format=%s", "HEAD").stdout.split("\n")[0]
        publish_s = statistics.median(times[1:])
        render = []
        for _ in range(max(3, args.runs // 2)):
            start = time.perf_counter()
            subprocess.run(
                [*hsdt, "render", LESSON_REL, "--no-cache", "-o", str(base / "out")],
                cwd=clerk.root,
                env=env,
                check=True,
                capture_output=True,
            )
            render.append(time.perf_counter() - start)
        render_s = statistics.median(render)
        verdict = "OK" if publish_s <= TARGET_S else "SLOW"
        print(f"last commit: {made}")
        print(
            f"hsdt publish, one newly approved record (render + seal + commit), whole process: "
            f"median {publish_s:.2f} s over {args.runs} runs (target ≤ {TARGET_S} s) {verdict}; "
            f"hsdt render of the same record, fresh process: {render_s:.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
