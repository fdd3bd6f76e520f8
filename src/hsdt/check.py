"""``hsdt check``: read records, run the rules, return the problems.

Per file: size → bytes → text → NFC and secrets → front matter → schema → record rules. Then,
for a submission (explicit paths), the rules about the submission as a whole: deadlines, locks,
one topic. ``--all`` checks every record in parallel worker processes, without the submission
rules (the submission time of old records is the server's business, not the clock's).

A folder given as a path stands for every record under it, the files ``--all`` would select
there, checked like ``--all`` (record rules only); the files named one by one are the
submission. A path that is neither a record file nor a folder is a usage error; a folder with
no record is reported in :attr:`CheckReport.empty` (a warning, not an error: an empty school
year or group folder is normal at the start of a year).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdt.errors import HsdtError, UsageError
from hsdt.fsutil import atomic_write_text
from hsdt.i18n import msg
from hsdt.load.frontmatter import parse_front_matter
from hsdt.load.outline import headings
from hsdt.load.profile import load_school
from hsdt.load.text import decode_text
from hsdt.model.problem import Problem, Severity
from hsdt.model.record import Record
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ
from hsdt.repo import all_record_paths, is_record_path, relative
from hsdt.rules import secrets, text
from hsdt.rules.context import CheckContext
from hsdt.rules.registry import RECORD_RULES, SUBMISSION_RULES
from hsdt.rules.schema import validate_meta

PARALLEL_MIN = 400
"""Below this many records one process is faster than starting workers."""


@dataclass(frozen=True)
class CheckReport:
    """The outcome of a check."""

    problems: tuple[Problem, ...]
    """Every finding, sorted by file and line."""
    checked: int
    """How many records were read."""
    fixed: tuple[str, ...] = ()
    """Files rewritten by ``--fix``."""
    empty: tuple[str, ...] = ()
    """Folders given that hold no record (as the caller wrote them)."""

    @property
    def errors(self) -> int:
        """How many problems refuse records."""
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """True when nothing refuses a record (warnings allowed)."""
        return self.errors == 0


def read_record(
    root: Path, rel: str, ctx: CheckContext, fix: bool = False
) -> tuple[Record | None, list[Problem], bool]:
    """Read and check one record with the record rules: (record or None, problems, fixed)."""
    school = ctx.school
    file = root / rel
    problems: list[Problem] = []
    try:
        size = file.stat().st_size
    except OSError as e:
        return (
            None,
            [Problem(rel, 1, "doc-tep", msg("check.unreadable", error=e.strerror or str(e)))],
            False,
        )
    limit = school.policy.max_file_kb * 1024
    if size > limit:
        return (
            None,
            [
                Problem(
                    rel, 1, "kich-thuoc", msg("check.too_big", size=_kib(size), limit=_kib(limit))
                )
            ],
            False,
        )
    data = file.read_bytes()
    problems.extend(secrets.scan_bytes(data, rel))
    try:
        content = decode_text(data, rel)
    except HsdtError as e:
        return None, [*problems, Problem(rel, e.line or 1, "ma-hoa", e.msg)], False
    fixed = False
    nfd = list(text.check(content, rel))
    if nfd and fix:
        content = unicodedata.normalize("NFC", content)
        atomic_write_text(file, content)
        fixed = True
    else:
        problems.extend(nfd)
    try:
        raw = parse_front_matter(content, rel)
    except HsdtError as e:
        rule = "yaml" if e.msg.key.startswith("yaml.") else "front-matter"
        return None, [*problems, Problem(rel, e.line or 1, rule, e.msg)], fixed
    type_id = raw.meta.get("loai")
    record_type = school.types.get(type_id) if isinstance(type_id, str) else None
    if record_type is None:
        key = "check.no_type" if type_id is None else "check.unknown_type"
        problems.append(
            Problem(
                rel,
                raw.located.line("loai") if type_id is not None else 2,
                "loai",
                msg(key, value=str(type_id), known=", ".join(sorted(school.types))),
            )
        )
        return None, problems, fixed
    meta, schema_problems = validate_meta(raw, record_type)
    problems.extend(schema_problems)
    lines = {str(k[0]): v for k, v in raw.located.lines.items() if len(k) == 1}
    record = Record(
        rel, record_type.id, meta, lines, raw.body, raw.body_line, headings(raw.body, raw.body_line)
    )
    for _family, record_rule in RECORD_RULES:
        problems.extend(record_rule(record, record_type, ctx))
    return record, problems, fixed


def _kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB".replace(",", ".")


_WORKER_STATE: tuple[Path, CheckContext] | None = None


def _worker(chunk: list[str]) -> list[Problem]:
    assert _WORKER_STATE is not None
    root, ctx = _WORKER_STATE
    out: list[Problem] = []
    for rel in chunk:
        out.extend(read_record(root, rel, ctx)[1])
    return out


def _check_many(root: Path, rels: list[str], ctx: CheckContext, jobs: int) -> list[Problem]:
    global _WORKER_STATE
    import multiprocessing

    size = max(50, len(rels) // (jobs * 8))
    chunks = [rels[i : i + size] for i in range(0, len(rels), size)]
    _WORKER_STATE = (root, ctx)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return [p for part in pool.imap_unordered(_worker, chunks) for p in part]
    finally:
        _WORKER_STATE = None


def check_paths(
    root: Path,
    paths: Sequence[Path],
    *,
    all_records: bool = False,
    at: datetime | None = None,
    school: School | None = None,
    jobs: int | None = None,
    fix: bool = False,
) -> CheckReport:
    """Check the records at ``paths`` (a submission) or, with ``all_records``, every record.

    ``at`` is the submission time; given, deadlines refuse (the server's run); absent, the
    clock is used and missed deadlines only warn (a teacher's machine).
    """
    if not paths and not all_records:
        raise UsageError(msg("check.nothing"))
    school = school or load_school(root)
    server = at is not None
    moment = at if at is not None else datetime.now(VN_TZ)
    ctx = CheckContext(school, moment, server)
    if all_records:
        rels = all_record_paths(root)
        problems, fixed = _check_records(root, rels, ctx, jobs, fix)
        problems.extend(_scan_other_files(root, set(rels)))
        return CheckReport(tuple(sorted(problems, key=Problem.sort_key)), len(rels), tuple(fixed))
    named: list[str] = []
    in_folders: set[str] = set()
    empty: list[str] = []
    for path in paths:
        rel = relative(root, path)
        if (root / rel).is_dir():
            under = records_under(root, rel)
            in_folders.update(under)
            if not under:
                empty.append(str(path))
            continue
        if not (root / rel).exists():
            raise UsageError(msg("check.no_such_file", path=str(path)))
        if not is_record_path(rel):
            raise UsageError(msg("check.not_a_record", path=str(path)))
        if rel not in named:
            named.append(rel)
    folder_only = sorted(in_folders - set(named))
    problems, fixed = _check_records(root, folder_only, ctx, jobs, fix)
    records: list[Record] = []
    for rel in named:
        record, found, was_fixed = read_record(root, rel, ctx, fix)
        problems.extend(found)
        if was_fixed:
            fixed.append(rel)
        if record is not None:
            records.append(record)
    if named:
        for _name, rule in SUBMISSION_RULES:
            problems.extend(rule(records, ctx))
    return CheckReport(
        tuple(sorted(problems, key=Problem.sort_key)),
        len(named) + len(folder_only),
        tuple(sorted(fixed)),
        tuple(empty),
    )


def records_under(root: Path, rel: str) -> list[str]:
    """The records ``--all`` selects under the folder ``rel`` (``.``: the whole repository)."""
    prefix = "" if rel == "." else rel.rstrip("/") + "/"
    return [r for r in all_record_paths(root) if r.startswith(prefix)]


def _check_records(
    root: Path, rels: list[str], ctx: CheckContext, jobs: int | None, fix: bool
) -> tuple[list[Problem], list[str]]:
    """The record rules over ``rels``, in worker processes when there are many."""
    problems: list[Problem] = []
    fixed: list[str] = []
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if len(rels) >= PARALLEL_MIN and workers > 1 and not fix:
        problems.extend(_check_many(root, rels, ctx, workers))
        return problems, fixed
    for rel in rels:
        _record, found, was_fixed = read_record(root, rel, ctx, fix)
        problems.extend(found)
        if was_fixed:
            fixed.append(rel)
    return problems, fixed


def _scan_other_files(root: Path, records: set[str]) -> list[Problem]:
    from hsdt.git.files import repository_files

    out: list[Problem] = []
    for rel in repository_files(root):
        if rel not in records:
            out.extend(secrets.scan_file(root / rel, rel))
    return out


def scan_secrets(root: Path, paths: Sequence[Path]) -> CheckReport:
    """The secrets rule alone, over any files (the ``hsdt-secrets`` pre-commit hook)."""
    problems: list[Problem] = []
    for path in paths:
        rel = relative(root, path)
        problems.extend(secrets.scan_file(root / rel, rel))
    return CheckReport(tuple(sorted(problems, key=Problem.sort_key)), len(paths))
