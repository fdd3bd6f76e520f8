"""Creating things: a school repository (``hsdt init``) and a record (``hsdt new``)."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from hsdt import __version__
from hsdt.errors import ConfigError, RecordError, UsageError
from hsdt.fsutil import TEMP_GLOB, atomic_write_text
from hsdt.generated import (
    MANIFEST,
    Manifest,
    Settings,
    digest,
    generated_files,
    write_generated,
    write_manifest,
)
from hsdt.i18n import msg
from hsdt.load.profile import RULES_FILE, SCHOOL_FILE, load_profile_dir, load_school
from hsdt.load.types import DATA_DIR
from hsdt.model.record_type import FieldKind, RecordType
from hsdt.model.school import Calendar, School
from hsdt.rules.paths import expected_folder
from hsdt.rules.schema import convert
from hsdt.templates import HsdtSource

HOOKS_REPO = "https://github.com/hsdt-vn/hsdt"
"""Where school repositories fetch hsdt's pre-commit hooks from; ``--hooks-repo`` overrides."""

RELEASED_VERSIONS: frozenset[str] = frozenset()
"""Versions published as a tag ``v<version>`` at :data:`HOOKS_REPO`. The release process adds
the version here when it pushes the tag; until then a generated ``.pre-commit-config.yaml``
never names a tag that does not exist (see :func:`hooks_source`)."""

_LAYOUT_READMES = {
    "records/README.md": "# Hồ sơ\n\nMỗi hồ sơ là một tệp Markdown: "
    "`records/<năm học>/<tổ>/<giáo viên>/<loại>/<tên>.md`. Tạo bằng `hsdt new`.\n",
    "signatures/README.md": "# Chữ ký số\n\nChứng thư công khai (CA, cán bộ) và các tệp PDF đã ký. "
    "Không bao giờ để khóa bí mật ở đây.\n",
    "hooks/README.md": "# Git hooks phía máy chủ\n\n"
    "Dành cho trường tự quản kho Git (pre-receive).\n",
}
_GITIGNORE = (
    "build/\n.cache/\nsite/\n.venv/\n__pycache__/\n*.p12\n*.pfx\n*.key\n"
    f"# hsdt's temporary files (a write killed half-way)\n{TEMP_GLOB}\n"
)


def builtin_profiles() -> list[str]:
    """Names of the demo profiles shipped with hsdt."""
    folder = DATA_DIR / "profiles"
    return sorted(e.name for e in folder.iterdir() if (e / SCHOOL_FILE).is_file())


def _profile_source(profile: str) -> Path:
    given = Path(profile)
    if (given / SCHOOL_FILE).is_file():
        return given
    if profile in builtin_profiles():
        return DATA_DIR / "profiles" / profile
    raise UsageError(msg("init.unknown_profile", name=profile, known=", ".join(builtin_profiles())))


@dataclass(frozen=True)
class InitResult:
    """What ``hsdt init`` made."""

    root: Path
    """The repository."""
    school: School
    """The school as loaded from its new profile."""
    written: tuple[str, ...]
    """Files written, relative to ``root``."""


def init_school(
    dest: Path,
    profile: str,
    hooks_repo: str = HOOKS_REPO,
    hooks_rev: str | None = None,
    hsdt_source: HsdtSource | None = None,
    templates: Path | None = None,
) -> InitResult:
    """Make ``dest`` a school repository from ``profile`` (a built-in name or a folder).

    Besides the profile and the layout it writes every generated file
    (:func:`hsdt.generated.generated_files`: workflows for GitHub and Gitea installing
    ``hsdt_source``, default the installed version; both CODEOWNERS; the pre-commit config;
    ``mkdocs.yml``; the server hooks) and records them in ``.hsdt/generated.json`` for
    ``hsdt upgrade``. A file already there is left alone. ``templates`` replaces the
    installed workflow templates (another hsdt version's)."""
    from hsdt.git.files import init_repository

    source = _profile_source(profile)
    load_profile_dir(source, str(source))  # refuse a bad profile before writing anything
    if dest.exists() and (dest / "schools").exists() and any((dest / "schools").iterdir()):
        raise UsageError(msg("init.exists", path=str(dest)))
    settings = Settings(
        hsdt_source or HsdtSource.installed(),
        None if hooks_repo == HOOKS_REPO else hooks_repo,
        hooks_rev,
    )
    dest.mkdir(parents=True, exist_ok=True)
    init_repository(dest)
    school_dir = dest / "schools" / source.name
    school_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in (SCHOOL_FILE, RULES_FILE):
        shutil.copyfile(source / name, school_dir / name)
        written.append(f"schools/{source.name}/{name}")
    school = load_school(dest)
    files = dict(_LAYOUT_READMES)
    files[".gitignore"] = _GITIGNORE
    files["docs/index.md"] = _school_home(school)
    for rel, text in files.items():
        if not (dest / rel).exists():
            atomic_write_text(dest / rel, text)
            written.append(rel)
    recorded = {}
    for rel, text in generated_files(school, settings, templates).items():
        if not (dest / rel).exists():
            write_generated(dest, rel, text)
            written.append(rel)
            recorded[rel] = digest(text)
    write_manifest(dest, Manifest(settings, recorded))
    written.append(MANIFEST)
    return InitResult(dest, school, tuple(written))


def _school_home(school: School) -> str:
    """``docs/index.md``: the school's own front page, under the generated home (the school's
    own to edit)."""
    return (
        "<!-- Trang riêng của trường: sửa tự do. Phần trên (tên trường, quy chế, hồ sơ mới\n"
        "     công bố) do hsdt sinh khi dựng trang. -->\n\n"
        "## Giới thiệu\n\n"
        f"Trang lưu trữ hồ sơ chuyên môn đã được duyệt và công khai của {school.name}.\n"
    )


def hooks_source(repo: str, rev: str | None) -> tuple[str, str | None]:
    """Where the generated ``.pre-commit-config.yaml`` takes hsdt's hooks from: (repo, rev),
    or (``local``, None) for hooks that call the installed ``hsdt``.

    - ``rev`` given (``--hooks-rev``): that, as the administrator asked.
    - ``repo`` a local checkout of hsdt: its absolute path at its current HEAD commit (a rev
      that exists, so pre-commit works offline from that checkout).
    - ``repo`` a URL and the installed version released as ``v<version>``
      (:data:`RELEASED_VERSIONS`): that tag.
    - otherwise: no rev can be named that surely exists, so the hooks run the ``hsdt`` already
      installed on the machine (``repo: local``, ``language: system``): offline, and always
      the version the teacher installed.
    """
    if rev is not None:
        return repo, rev
    folder = Path(repo).expanduser()
    if folder.is_dir():
        from hsdt.git.run import rev_parse

        head = rev_parse(folder, "HEAD") if (folder / ".git").exists() else None
        if head is None:
            raise UsageError(msg("init.hooks_not_git", path=repo))
        return str(folder.resolve()), head
    if __version__ in RELEASED_VERSIONS:
        return repo, f"v{__version__}"
    return "local", None


def local_pre_commit_config() -> str:
    """``.pre-commit-config.yaml`` whose hooks call the installed ``hsdt`` (``repo: local``);
    the same hooks as hsdt's ``.pre-commit-hooks.yaml``."""
    return (
        "# Kiểm tra hồ sơ trước mỗi lần commit (https://pre-commit.com): pre-commit install\n"
        "# Các hook gọi lệnh hsdt đã cài trên máy (pipx install hsdt): không cần mạng.\n"
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: hsdt-check\n"
        "        name: hsdt — kiểm tra hồ sơ theo quy chế (check records)\n"
        "        entry: hsdt check\n"
        "        language: system\n"
        "        files: ^records/.*\\.md$\n"
        "        exclude: (^|/)(README|index)\\.md$\n"
        "        require_serial: true\n"
        "        verbose: true\n"
        "      - id: hsdt-secrets\n"
        "        name: hsdt — chặn khóa bí mật (no private keys)\n"
        "        entry: hsdt check-secrets\n"
        "        language: system\n"
    )


def pre_commit_config(repo: str, rev: str) -> str:
    """``.pre-commit-config.yaml`` that runs hsdt's hooks."""
    return (
        "# Kiểm tra hồ sơ trước mỗi lần commit (https://pre-commit.com): pre-commit install\n"
        "repos:\n"
        f"  - repo: {repo}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: hsdt-check\n"
        "      - id: hsdt-secrets\n"
    )


def slugify(text: str, limit: int = 60) -> str:
    """ASCII file-name part: ``Phân số (tiết 2)`` → ``phan-so-tiet-2``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "ho-so"


def _slug_part(key: str, value: object) -> str:
    """``tuan=6`` → ``tuan-06`` (numbers say what they count); text is slugified."""
    if isinstance(value, int):
        return f"{key.replace('_', '-')}-{value:02d}"
    return slugify(str(value))


def _yaml_scalar(value: str) -> str:
    plain = re.match(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:\n]*$", value)
    special = value.lower() in {"true", "false", "null", "~", "yes", "no", "on", "off"}
    if plain and not special and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def front_matter_text(record_type: RecordType, values: Mapping[str, object]) -> str:
    """Front matter in the type's key order; empty required keys are left for the author."""
    lines = ["---"]
    for spec in record_type.fields:
        value = values.get(spec.key)
        if value is None:
            if spec.required:
                lines.append(f"{spec.key}:  # {spec.label}")
            continue
        if isinstance(value, tuple):
            lines.append(f"{spec.key}:")
            lines.extend(f"  - {_yaml_scalar(str(v))}" for v in value)
        elif isinstance(value, int):
            lines.append(f"{spec.key}: {value}")
        else:
            lines.append(f"{spec.key}: {_yaml_scalar(str(value))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _parse_set(record_type: RecordType, pairs: Mapping[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, text in pairs.items():
        spec = record_type.field(key)
        if spec is None:
            raise UsageError(
                msg(
                    "new.unknown_key",
                    key=key,
                    type=record_type.id,
                    keys=", ".join(f.key for f in record_type.fields),
                )
            )
        raw: object = text
        if spec.kind is FieldKind.INT and re.match(r"^[-+]?\d+$", text.strip()):
            raw = int(text)
        elif spec.kind in (FieldKind.STAFF_LIST, FieldKind.TEXT_LIST):
            raw = [part.strip() for part in text.split(",") if part.strip()]
        value = convert(spec, raw)
        if value is None:
            raise UsageError(msg("new.bad_value", key=key, value=text))
        if isinstance(value, time):
            out[key] = value.strftime("%H:%M")
        else:
            out[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def record_school_year(
    school: School, record_type: RecordType, values: Mapping[str, object]
) -> str:
    """The school year a new record belongs to: the one its main date falls in; for a type
    without a main date (a year plan), the newest year the profile describes (the one being
    planned once the administrator has added it), never a guess from the clock. A date in a
    year the profile does not describe is refused with what to add: a record filed there
    could not pass the check."""
    key = record_type.date_key
    given = values.get(key) if key else None
    if not isinstance(given, str):
        return school.calendars[-1].year
    day = date.fromisoformat(given)
    year = school.year_of(day)
    if school.calendar_for(year) is None:
        spec = record_type.field(key or "")
        raise ConfigError(
            msg(
                "new.year_missing",
                label=spec.label if spec is not None else str(key),
                value=day.isoformat(),
                year=year,
                profile=f"{school.profile_dir}/{SCHOOL_FILE}",
            )
        )
    return year


def week_calendar(school: School, values: Mapping[str, object], today: date) -> Calendar:
    """The school year a week number given to ``hsdt new`` counts in: ``nam_hoc`` when given,
    else the described year holding ``today``, else the first one starting after it (the
    summer before a year), else the newest."""
    year = values.get("nam_hoc")
    if isinstance(year, str):
        chosen = school.calendar_for(year)
        if chosen is None:
            raise ConfigError(
                msg(
                    "calendar.year_missing",
                    year=year,
                    profile=f"{school.profile_dir}/{SCHOOL_FILE}",
                )
            )
        return chosen
    for calendar in school.calendars:
        if today <= calendar.end:
            return calendar
    return school.calendars[-1]


def fill_week(
    school: School, record_type: RecordType, values: dict[str, object], today: date
) -> None:
    """``--set tuan=14`` on a type with ``tu_ngay`` and ``den_ngay`` (a weekly schedule, a
    weekly plan): the week's dates from the calendar (Monday to Saturday, Monday to Friday for
    preschool types) and a title naming them, each unless given."""
    week = values.get("tuan")
    if not isinstance(week, int) or week < 1:
        return
    if record_type.field("tu_ngay") is None or record_type.field("den_ngay") is None:
        return
    if "tu_ngay" in values and "den_ngay" in values and "tieu_de" in values:
        return
    calendar = week_calendar(school, values, today)
    last = calendar.week_of(calendar.end)
    if last is not None and week > last:
        raise UsageError(msg("calendar.week_past", week=week, last=last, year=calendar.year))
    monday = calendar.week_monday(week)
    preschool = record_type.levels == ("mam_non",)
    end = monday + timedelta(days=4 if preschool else 5)
    values.setdefault("tu_ngay", monday.isoformat())
    values.setdefault("den_ngay", end.isoformat())
    values.setdefault("nam_hoc", calendar.year)
    if record_type.field("tieu_de") is not None and "tieu_de" not in values:
        name = record_type.name.split(" (")[0].removesuffix(" tuần")
        values["tieu_de"] = msg(
            "new.week_title",
            name=name,
            week=week,
            start=monday.strftime("%d/%m/%Y"),
            end=end.strftime("%d/%m/%Y"),
        ).render("vi")  # the record's own text, Vietnamese whatever the interface language


def author_from_email(school: School, email: str | None) -> str | None:
    """The staff id whose e-mail is ``email`` (git's user.email), if any."""
    if not email:
        return None
    wanted = email.strip().lower()
    return next((s.id for s in school.staff.values() if s.email.lower() == wanted), None)


def plan_record(
    root: Path,
    school: School,
    type_id: str,
    pairs: Mapping[str, str],
    author_email: str | None = None,
    today: date | None = None,
) -> tuple[RecordType, dict[str, object], Path]:
    """Where a new record of ``type_id`` goes and its front-matter values, without writing:
    (type, values, path). The path is the conventional one, or the first free ``-2``, ``-3``…
    beside it: an existing record is never overwritten.

    The record is filed in the school year its own date falls in (``nam_hoc``, and so its
    folder ``records/<nam_hoc>/``): see :func:`record_school_year`. A week number (``tuan``)
    fills the week's dates and title (:func:`fill_week`; ``today`` picks the school year when
    ``nam_hoc`` is not given)."""
    record_type = school.types.get(type_id)
    if record_type is None:
        raise UsageError(
            msg("check.unknown_type", value=type_id, known=", ".join(sorted(school.types)))
        )
    values: dict[str, object] = {"loai": type_id}
    values.update(_parse_set(record_type, pairs))
    fill_week(school, record_type, values, today or date.today())
    values["nam_hoc"] = values.get("nam_hoc") or record_school_year(school, record_type, values)
    if record_type.author_key not in values:
        author = author_from_email(school, author_email)
        if author is not None:
            values[record_type.author_key] = author
    author_id = values.get(record_type.author_key)
    if record_type.field("to") is not None and "to" not in values and isinstance(author_id, str):
        groups = [g.id for g in school.groups.values() if author_id in g.members]
        if len(groups) == 1:
            values["to"] = groups[0]
    folder = expected_folder(record_type, values)
    if folder is None:
        missing = [
            k
            for k in ("nam_hoc", "to", record_type.author_key)
            if record_type.field(k) is not None and not values.get(k)
        ]
        raise UsageError(msg("new.need_keys", keys=", ".join(missing)))
    parts = [_slug_part(k, values[k]) for k in record_type.slug_keys if values.get(k)]
    stem = "-".join(parts) or "ho-so-moi"
    target = root / folder / f"{stem}.md"
    counter = 2
    while target.exists():
        target = root / folder / f"{stem}-{counter}.md"
        counter += 1
    return record_type, values, target


def new_record(
    root: Path,
    school: School,
    type_id: str,
    pairs: Mapping[str, str],
    author_email: str | None = None,
    body: str | None = None,
    today: date | None = None,
) -> Path:
    """Write a new record of ``type_id`` at its conventional path (:func:`plan_record`);
    returns the path."""
    record_type, values, target = plan_record(
        root, school, type_id, pairs, author_email, today=today
    )
    text = front_matter_text(record_type, values) + "\n" + (body or record_type.template)
    if not text.endswith("\n"):
        text += "\n"
    try:
        atomic_write_text(target, text)
    except OSError as e:
        raise RecordError(
            msg("new.write_failed", path=str(target), error=e.strerror or str(e))
        ) from e
    return target


def parse_pairs(record_type: RecordType, pairs: Mapping[str, str]) -> dict[str, object]:
    """``--set`` values checked and converted for ``record_type`` (as ``hsdt new`` takes
    them); a bad key or value raises :class:`UsageError`."""
    return _parse_set(record_type, pairs)
