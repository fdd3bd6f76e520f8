"""School profiles: ``schools/<id>/truong.yml`` (who) and ``schools/<id>/quy-che.yml`` (rules).

The two files are split because different people change them through different approvals: the
roster changes every year, the rules when the principal issues a new regulation (quy chế).
Both are validated completely here; everything downstream gets frozen model objects.
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from hsdt.errors import ConfigError
from hsdt.i18n import msg
from hsdt.load.fields import Section
from hsdt.load.types import builtin_type, builtin_type_ids, parse_type
from hsdt.load.yamlsafe import load_yaml
from hsdt.model.fingerprint import normalise_fingerprint
from hsdt.model.policy import (
    ApprovalStep,
    Cadence,
    CorrectionPolicy,
    CutoffReading,
    DeadlineKind,
    DeadlineRule,
    Extension,
    Lock,
    Policy,
    PushLimits,
    TypePolicy,
    Visibility,
    WeekdayReading,
)
from hsdt.model.record_type import FieldKind, RecordType
from hsdt.model.school import (
    ACTING_ROLES,
    LEVELS,
    RECORD_LEVELS,
    Calendar,
    Group,
    Holiday,
    Role,
    School,
    Staff,
    VicePrincipal,
)
from hsdt.model.timeutil import WEEKDAYS

SCHOOL_FILE = "truong.yml"
RULES_FILE = "quy-che.yml"
ROLES = tuple(r.value for r in ACTING_ROLES)
"""Roles a profile may name in nguoi_nop, duyet, chu_ky and cho_phep (never a read-only one)."""
SIGNERS = (*ROLES, "nguoi_lap", "con_dau")
WITNESSES = (*ROLES, "nguoi_de_nghi", "gvcn")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SSH_KEY = re.compile(
    r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com)"
    r" [A-Za-z0-9+/]{40,}={0,3}( .*)?$"
)


def find_school_dir(root: Path, school_id: str | None = None) -> Path:
    """The profile folder of the repository at ``root``.

    A school repository holds one school; with several, ``school_id`` (``--school`` or
    ``HSDT_SCHOOL``) chooses.
    """
    schools = root / "schools"
    if school_id is not None:
        chosen = schools / school_id
        if not (chosen / SCHOOL_FILE).is_file():
            raise ConfigError(msg("profile.not_found_id", id=school_id, root=str(root)))
        return chosen
    found = sorted(p.parent for p in schools.glob(f"*/{SCHOOL_FILE}"))
    if not found:
        raise ConfigError(msg("profile.none", root=str(root)))
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise ConfigError(msg("profile.several", names=names))
    return found[0]


def _read(path: Path, shown: str) -> Section:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise ConfigError(msg("profile.missing_file", file=shown)) from e
    except UnicodeDecodeError as e:
        raise ConfigError(msg("text.not_utf8", byte="?"), shown, 1) from e
    return parse_profile_text(text, shown)


def parse_profile_text(text: str, shown: str) -> Section:
    """A profile file's text as a :class:`Section` (messages name it ``shown``)."""
    located = load_yaml(text.replace("\r\n", "\n"), shown)
    if not isinstance(located.value, dict):
        raise ConfigError(msg("cfg.not_mapping", key="(gốc)"), shown, 1)
    return Section(located.value, located, shown)


def load_school(root: Path, school_id: str | None = None) -> School:
    """Read and validate the school profile of the repository at ``root``."""
    folder = find_school_dir(root, school_id)
    return load_profile_dir(folder, folder.relative_to(root).as_posix())


def load_profile_dir(folder: Path, shown: str) -> School:
    """Read the profile in ``folder``; messages name its files as ``shown/<file>``."""
    top = _read(folder / SCHOOL_FILE, f"{shown}/{SCHOOL_FILE}")
    rules = _read(folder / RULES_FILE, f"{shown}/{RULES_FILE}")
    return build_school(top, rules, shown, folder.name)


def build_school(top: Section, rules: Section, rel: str, folder_name: str) -> School:
    """A :class:`School` from the two parsed files."""
    top.only(
        frozenset(
            {
                "ma",
                "ten",
                "co_quan_chu_quan",
                "dia_danh",
                "cap_hoc",
                "nam_hoc",
                "nhan_su",
                "to_chuyen_mon",
                "lanh_dao",
                "van_thu",
                "ban_quan_tri",
                "phong_gd",
                "thanh_tra",
                "van_tay_con_dau",
                "ky_so",
                "in_an",
            }
        )
    )
    school_id = top.ident("ma")
    if school_id != folder_name:
        raise top.error(msg("profile.id_mismatch", id=school_id, folder=folder_name), "ma")
    levels = top.choices_list("cap_hoc", LEVELS, required=True)
    staff = _staff(top)
    groups = _groups(top, staff, levels)
    lead = top.req_section("lanh_dao")
    lead.only(frozenset({"hieu_truong", "pho_hieu_truong"}))
    principal = _known(lead, "hieu_truong", staff)
    vices = []
    for item in lead.sections("pho_hieu_truong"):
        item.only(frozenset({"ma", "phu_trach"}))
        vices.append(VicePrincipal(_known(item, "ma", staff), item.texts("phu_trach")))
    clerks = _known_list(top, "van_thu", staff)
    admins = _known_list(top, "ban_quan_tri", staff)
    inspectors = _known_list(top, "phong_gd", staff) + _known_list(top, "thanh_tra", staff)
    calendars = _calendars(top)
    types = _types(rules)
    areas = frozenset(a for v in vices for a in v.responsible_for)
    policy = _policy(rules, types, levels, staff, principal, areas)
    used = {type_id: types[type_id] for type_id in policy.types}
    return School(
        id=school_id,
        name=top.text("ten"),
        parent_body=top.text("co_quan_chu_quan"),
        place=top.text("dia_danh"),
        levels=levels,
        calendars=calendars,
        staff=staff,
        groups=groups,
        principal=principal,
        vice_principals=tuple(vices),
        clerks=clerks,
        admins=admins,
        policy=policy,
        types=used,
        profile_dir=rel,
        seal_fingerprints=_fingerprints(top, "van_tay_con_dau"),
        tsa_url=_tsa_url(top),
        font_dir=_font_dir(top),
        inspectors=tuple(dict.fromkeys(inspectors)),
    )


def _font_dir(top: Section) -> str | None:
    """``in_an.thu_muc_phong``: a folder of the repository holding the Times New Roman files
    the school prints with (Nghị định 30/2020); a relative path that stays inside."""
    printing = top.section("in_an", required=False)
    if printing is None:
        return None
    printing.only(frozenset({"thu_muc_phong"}))
    folder = printing.text("thu_muc_phong", required=False).strip().strip("/")
    if not folder:
        return None
    parts = folder.split("/")
    if folder.startswith(("/", "\\")) or ":" in folder or ".." in parts or ".git" in parts:
        raise printing.error(msg("profile.font_dir", value=folder), "thu_muc_phong")
    return folder


def _tsa_url(top: Section) -> str | None:
    """``ky_so.tsa_url``: the school's RFC 3161 timestamp authority (B-T signing, B-LTA
    archives), an http(s) URL."""
    signing = top.section("ky_so", required=False)
    if signing is None:
        return None
    signing.only(frozenset({"tsa_url"}))
    url = signing.text("tsa_url", required=False).strip()
    if not url:
        return None
    if not re.match(r"^https?://[^\s/]+", url):
        raise signing.error(msg("profile.tsa_url", value=url), "tsa_url")
    return url


def _known(section: Section, key: str, staff: dict[str, Staff]) -> str:
    staff_id = section.ident(key)
    if staff_id not in staff:
        raise section.error(msg("profile.unknown_staff", key=section.dotted(key), id=staff_id), key)
    return staff_id


def _known_list(section: Section, key: str, staff: dict[str, Staff]) -> tuple[str, ...]:
    ids = section.idents(key)
    for staff_id in ids:
        if staff_id not in staff:
            raise section.error(
                msg("profile.unknown_staff", key=section.dotted(key), id=staff_id), key
            )
    return ids


def _staff(top: Section) -> dict[str, Staff]:
    out: dict[str, Staff] = {}
    usernames: dict[str, str] = {}
    for item in top.sections("nhan_su", required=True):
        item.only(
            frozenset(
                {
                    "ma",
                    "ho_ten",
                    "email",
                    "tai_khoan",
                    "chuc_danh",
                    "khoa_ssh",
                    "van_tay_chung_thu",
                    "chu_nhiem",
                }
            )
        )
        staff_id = item.ident("ma")
        if staff_id in out:
            raise item.error(msg("cfg.duplicate_item", key="nhan_su", value=staff_id), "ma")
        email = item.text("email")
        if not _EMAIL.match(email):
            raise item.error(
                msg("profile.bad_email", key=item.dotted("email"), value=email), "email"
            )
        username = item.text("tai_khoan", required=False) or None
        if username is not None:
            if not re.match(r"^[A-Za-z0-9](?:[A-Za-z0-9-_.]*[A-Za-z0-9])?$", username):
                raise item.error(msg("profile.bad_username", value=username), "tai_khoan")
            if username.lower() in usernames:
                raise item.error(
                    msg("cfg.duplicate_item", key="tai_khoan", value=username), "tai_khoan"
                )
            usernames[username.lower()] = staff_id
        ssh_key = item.text("khoa_ssh", required=False) or None
        if ssh_key is not None and not _SSH_KEY.match(ssh_key.strip()):
            raise item.error(msg("profile.bad_ssh_key", value=ssh_key[:40]), "khoa_ssh")
        out[staff_id] = Staff(
            staff_id,
            item.text("ho_ten"),
            email,
            username,
            item.text("chuc_danh", required=False) or None,
            " ".join(ssh_key.split()[:2]) if ssh_key else None,
            cert_fingerprints=_fingerprints(item, "van_tay_chung_thu"),
            homeroom=item.texts("chu_nhiem"),
        )
    if not out:
        raise top.error(msg("cfg.missing", key="nhan_su"), "nhan_su")
    return out


def _fingerprints(section: Section, key: str) -> tuple[str, ...]:
    """A fingerprint or a list of them (a renewed certificate), each in canonical form."""
    out = []
    for text in section.texts(key):
        canonical = normalise_fingerprint(text)
        if canonical is None:
            raise section.error(
                msg("profile.bad_fingerprint", key=section.dotted(key), value=text[:80]), key
            )
        out.append(canonical)
    return tuple(dict.fromkeys(out))


def _groups(top: Section, staff: dict[str, Staff], levels: tuple[str, ...]) -> dict[str, Group]:
    out: dict[str, Group] = {}
    for item in top.sections("to_chuyen_mon", required=True):
        item.only(
            frozenset({"ma", "ten", "cap_hoc", "to_truong", "to_pho", "nhom_truong", "thanh_vien"})
        )
        group_id = item.ident("ma")
        if group_id in out or group_id == "truong":
            raise item.error(msg("cfg.duplicate_item", key="to_chuyen_mon", value=group_id), "ma")
        group_levels = item.choices_list("cap_hoc", LEVELS) or levels
        for level in group_levels:
            if level not in levels:
                raise item.error(msg("profile.level_not_taught", level=level), "cap_hoc")
        head = _known(item, "to_truong", staff) if item.has("to_truong") else None
        deputies = _known_list(item, "to_pho", staff)
        leads = _known_list(item, "nhom_truong", staff)
        members = list(_known_list(item, "thanh_vien", staff))
        for staff_id in (head, *deputies, *leads):
            if staff_id is not None and staff_id not in members:
                members.append(staff_id)
        out[group_id] = Group(
            group_id, item.text("ten"), group_levels, head, deputies, leads, tuple(members)
        )
    return out


def _calendars(top: Section) -> tuple[Calendar, ...]:
    """``nam_hoc``: a list of school years, or (the form before several years) one mapping."""
    value = top.raw("nam_hoc")
    if isinstance(value, dict):
        years = [_calendar(top.req_section("nam_hoc"), "nam_hoc")]
    else:
        items = top.sections("nam_hoc", required=True)
        if not items:
            raise top.error(msg("cfg.missing", key="nam_hoc"), "nam_hoc")
        years = [_calendar(item, item.dotted()) for item in items]
        seen: set[str] = set()
        for item, calendar in zip(items, years, strict=True):
            if calendar.year in seen:
                raise item.error(
                    msg("cfg.duplicate_item", key="nam_hoc", value=calendar.year), "ma"
                )
            seen.add(calendar.year)
        for i, (item, calendar) in enumerate(zip(items, years, strict=True)):
            other = overlapping(calendar, years[:i])
            if other is not None:
                raise item.error(
                    msg(
                        "profile.years_overlap",
                        year=calendar.year,
                        other=other.year,
                        start=other.start.isoformat(),
                        end=other.end.isoformat(),
                    ),
                    "bat_dau",
                )
    return tuple(sorted(years, key=lambda c: c.start))


def overlapping(calendar: Calendar, others: list[Calendar]) -> Calendar | None:
    """The first of ``others`` whose span shares a day with ``calendar``'s, or None."""
    return next((c for c in others if c.start <= calendar.end and calendar.start <= c.end), None)


def _calendar(year: Section, key: str) -> Calendar:
    year.only(frozenset({"ma", "bat_dau", "ket_thuc", "tuan_1", "nghi", "hoc_ky_2"}))
    code = year.text("ma")
    found = re.match(r"^(\d{4})-(\d{4})$", code)
    if not found or int(found[2]) != int(found[1]) + 1:
        raise year.error(msg("schema.school_year", key=f"{key}.ma", value=code), "ma")
    start = year.req_day("bat_dau")
    end = year.req_day("ket_thuc")
    week1 = year.req_day("tuan_1")
    if end <= start:
        raise year.error(msg("profile.end_before_start"), "ket_thuc")
    if week1.weekday() != 0:
        raise year.error(msg("profile.week1_not_monday", value=week1.isoformat()), "tuan_1")
    if not start - timedelta(days=7) <= week1 <= end:
        raise year.error(msg("profile.week1_outside"), "tuan_1")
    semester2 = year.day("hoc_ky_2", required=False)
    if semester2 is not None and not start < semester2 <= end:
        raise year.error(msg("profile.semester_outside"), "hoc_ky_2")
    holidays = []
    for item in year.sections("nghi"):
        item.only(frozenset({"tu", "den", "ly_do", "bo_qua_tuan"}))
        first = item.req_day("tu")
        last = item.req_day("den")
        if last < first:
            raise item.error(msg("profile.end_before_start"), "den")
        holidays.append(
            Holiday(first, last, item.text("ly_do"), item.boolean("bo_qua_tuan", False))
        )
    return Calendar(code, start, end, week1, tuple(holidays), semester2)


def _types(rules: Section) -> dict[str, RecordType]:
    """The types the rules use: built-in ones parsed on demand, plus the school's own."""
    per_type = rules.raw("loai_ho_so")
    wanted = set(per_type) if isinstance(per_type, dict) else set()
    builtin = set(builtin_type_ids())
    types = {type_id: builtin_type(type_id) for type_id in sorted(wanted & builtin)}
    for item in rules.sections("loai_rieng"):
        record_type = parse_type(item, None, rules.file)
        if record_type.id in types or record_type.id in builtin:
            raise item.error(
                msg("cfg.duplicate_item", key="loai_rieng", value=record_type.id), "ma"
            )
        types[record_type.id] = record_type
    return types


def _weekdays(section: Section, key: str) -> tuple[int, ...]:
    return tuple(WEEKDAYS.index(d) for d in section.choices_list(key, WEEKDAYS))


def _deadlines(section: Section, key: str, record_type: RecordType) -> tuple[DeadlineRule, ...]:
    out = []
    kinds = tuple(k.value for k in DeadlineKind)
    for item in section.sections(key):
        item.only(
            frozenset(
                {"kieu", "moc", "so_ngay", "thu", "gio", "ngay", "cach_tinh", "gio_moc", "so_gio"}
            )
        )
        kind = DeadlineKind(item.choice("kieu", kinds))
        anchor = None
        if kind not in (DeadlineKind.FIXED_DATE, DeadlineKind.NOT_BEFORE_DATE):
            anchor = item.text("moc")
            spec = record_type.field(anchor)
            wanted = (
                (FieldKind.DATE, FieldKind.INT)
                if kind is DeadlineKind.BEFORE_WEEK
                else (FieldKind.DATE,)
            )
            if spec is None or spec.kind not in wanted:
                raise item.error(
                    msg("profile.bad_anchor", type=record_type.id, value=anchor), "moc"
                )
        days = item.integer("so_ngay", -1, 0, 366)
        if kind is DeadlineKind.LEAD_DAYS and days < 0:
            raise item.error(msg("cfg.missing", key=item.dotted("so_ngay")))
        weekdays = _weekdays(item, "thu")
        if kind is DeadlineKind.WEEKLY_CUTOFF and not weekdays:
            raise item.error(msg("cfg.missing", key=item.dotted("thu")))
        clock = time(23, 59, 59)
        if item.has("gio"):
            from hsdt.load.fields import parse_clock

            parsed = parse_clock(str(item.raw("gio")))
            if parsed is None:
                raise item.error(
                    msg("schema.time", key=item.dotted("gio"), value=item.raw("gio")), "gio"
                )
            clock = parsed
        reading, anchor_time, hours = _rule_options(item, kind, record_type, days)
        day_month = None
        if kind in (DeadlineKind.FIXED_DATE, DeadlineKind.NOT_BEFORE_DATE):
            text = item.text("ngay")
            found = re.match(r"^(\d{1,2})/(\d{1,2})$", text)
            if not found or not _valid_day_month(int(found[1]), int(found[2])):
                raise item.error(msg("profile.bad_day_month", value=text), "ngay")
            day_month = (int(found[1]), int(found[2]))
        out.append(
            DeadlineRule(
                kind,
                anchor,
                None if days < 0 else days,
                weekdays,
                clock,
                day_month,
                item.line(),
                reading,
                anchor_time,
                hours,
            )
        )
    return tuple(out)


def _rule_options(
    item: Section, kind: DeadlineKind, record_type: RecordType, days: int
) -> tuple[CutoffReading, str | None, int | None]:
    """``cach_tinh`` (weekly cut-offs), ``gio_moc`` and ``so_gio`` (after an anchor): each
    only where it means something, so a misplaced key is an error, not silently ignored."""
    for key, owner in (
        ("cach_tinh", DeadlineKind.WEEKLY_CUTOFF),
        ("gio_moc", DeadlineKind.AFTER_ANCHOR),
        ("so_gio", DeadlineKind.AFTER_ANCHOR),
    ):
        if item.has(key) and kind is not owner:
            raise item.error(
                msg("profile.option_kind", key=item.dotted(key), kind=owner.value), key
            )
    reading = CutoffReading(
        item.choice("cach_tinh", tuple(r.value for r in CutoffReading), CutoffReading.NEAREST.value)
    )
    if reading is CutoffReading.WITH_LEAD and days < 0:
        raise item.error(msg("profile.cutoff_needs_lead", key=item.dotted("so_ngay")), "cach_tinh")
    anchor_time = item.text("gio_moc", required=False) or None
    if anchor_time is not None:
        spec = record_type.field(anchor_time)
        if spec is None or spec.kind is not FieldKind.TIME:
            raise item.error(
                msg("profile.bad_anchor_time", type=record_type.id, value=anchor_time), "gio_moc"
            )
    hours = item.integer("so_gio", -1, 1, 24 * 60) if item.has("so_gio") else None
    if hours is not None and anchor_time is None:
        raise item.error(msg("cfg.missing", key=item.dotted("gio_moc")), "so_gio")
    return reading, anchor_time, hours


def _valid_day_month(day: int, month: int) -> bool:
    from datetime import date

    try:
        date(2024, month, day)  # a leap year admits 29/02
    except ValueError:
        return False
    return True


def _chain(section: Section, areas: frozenset[str]) -> tuple[ApprovalStep, ...]:
    value = section.raw("duyet")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise section.error(msg("profile.bad_chain"), "duyet")
    steps = []
    for i, step in enumerate(value):
        if isinstance(step, dict):
            steps.append(_chain_step(Section(step, section.located, section.file,
                                             (*section.where, "duyet", i)), areas))  # fmt: skip
            continue
        roles = [step] if isinstance(step, str) else step
        if not isinstance(roles, list) or not roles or not all(r in ROLES for r in roles):
            raise section.error(
                msg("profile.bad_chain_step", index=i + 1, roles=", ".join(ROLES)), "duyet"
            )
        steps.append(ApprovalStep(tuple(Role(r) for r in roles)))
    return tuple(steps)


def _chain_step(step: Section, areas: frozenset[str]) -> ApprovalStep:
    """``{vai_tro: [...], phu_trach: [...]}``: a step whose vice-principals must answer for
    levels or areas (``phu_trach``); ``cap_hoc`` stands for the record's own levels."""
    step.only(frozenset({"vai_tro", "phu_trach"}))
    roles = tuple(Role(r) for r in step.choices_list("vai_tro", ROLES, required=True))
    needs = step.texts("phu_trach")
    if needs and Role.VICE_PRINCIPAL not in roles:
        raise step.error(msg("profile.responsibility_without_vice"), "phu_trach")
    known = sorted({RECORD_LEVELS, *LEVELS, *areas})
    for need in needs:
        if need not in known:
            raise step.error(
                msg("profile.unknown_responsibility", value=need, choices=", ".join(known)),
                "phu_trach",
            )
    return ApprovalStep(roles, needs)


def _policy(
    rules: Section,
    types: dict[str, RecordType],
    levels: tuple[str, ...],
    staff: dict[str, Staff],
    principal: str,
    areas: frozenset[str] = frozenset(),
) -> Policy:
    rules.only(
        frozenset(
            {
                "van_ban",
                "gioi_han",
                "loai_ho_so",
                "khoa_so",
                "sua_du_lieu",
                "loai_rieng",
                "ten_trang_thai",
                "gia_han",
                "ky_so",
            }
        )
    )
    limits = rules.section("gioi_han", required=False)
    max_kb, warn_hours, push = 1024, 24, PushLimits()
    if limits is not None:
        limits.only(
            frozenset(
                {
                    "kich_thuoc_toi_da_kb",
                    "canh_bao_truoc_gio",
                    "so_tep_moi_lan_day",
                    "so_ho_so_moi_lan_day",
                    "dung_luong_moi_lan_day_mb",
                    "so_commit_moi_lan_day",
                }
            )
        )
        max_kb = limits.integer("kich_thuoc_toi_da_kb", 1024, 1, 10 * 1024)
        warn_hours = limits.integer("canh_bao_truoc_gio", 24, 0, 24 * 14)
        push = PushLimits(
            files=limits.integer("so_tep_moi_lan_day", push.files, 1, 100_000),
            records=limits.integer("so_ho_so_moi_lan_day", push.records, 1, 100_000),
            megabytes=limits.integer("dung_luong_moi_lan_day_mb", push.megabytes, 1, 10_000),
            commits=limits.integer("so_commit_moi_lan_day", push.commits, 1, 1_000_000),
        )
    per_type = rules.req_section("loai_ho_so")
    policies: dict[str, TypePolicy] = {}
    for type_id in per_type.value:
        if type_id not in types:
            raise per_type.error(msg("profile.unknown_type", id=type_id), type_id)
        record_type = types[type_id]
        if not set(record_type.levels) & set(levels):
            raise per_type.error(
                msg("profile.type_level", id=type_id, levels=", ".join(record_type.levels)), type_id
            )
        item = per_type.req_section(type_id)
        item.only(
            frozenset(
                {
                    "nguoi_nop",
                    "duyet",
                    "han_nop",
                    "han_duyet",
                    "nop_vao_thu",
                    "duyet_vao_thu",
                    "mot_chu_de",
                    "nop_lai",
                    "nop_lai_trong_ngay",
                    "cong_khai",
                    "chu_ky",
                    "tan_suat",
                    "cach_hieu_thu",
                    "ten_trang_thai",
                }
            )
        )
        submitters = tuple(Role(r) for r in item.choices_list("nguoi_nop", ROLES, required=True))
        chain = _chain(item, areas)
        policies[type_id] = TypePolicy(
            type_id=type_id,
            submitters=submitters,
            approval_chain=chain,
            deadlines=_deadlines(item, "han_nop", record_type),
            approval_deadlines=_deadlines(item, "han_duyet", record_type),
            submit_weekdays=_weekdays(item, "nop_vao_thu"),
            approve_weekdays=_weekdays(item, "duyet_vao_thu"),
            one_topic=item.boolean("mot_chu_de", False),
            resubmission=item.boolean("nop_lai", True),
            resubmit_days=(
                item.integer("nop_lai_trong_ngay", 0, 0, 366)
                if "nop_lai_trong_ngay" in item.value
                else None
            ),
            visibility=Visibility(
                item.choice(
                    "cong_khai", tuple(v.value for v in Visibility), Visibility.INTERNAL.value
                )
            ),
            signatures=item.choices_list("chu_ky", SIGNERS),
            cadence=(
                Cadence(item.choice("tan_suat", tuple(c.value for c in Cadence)))
                if item.has("tan_suat")
                else None
            ),
            weekday_reading=WeekdayReading(
                item.choice(
                    "cach_hieu_thu",
                    tuple(r.value for r in WeekdayReading),
                    WeekdayReading.NO_LATER_THAN.value,
                )
            ),
            state_names=_state_names(item, len(chain)),
        )
        if policies[type_id].one_topic and record_type.field("chu_de") is None:
            raise item.error(msg("profile.one_topic_field", id=type_id), "mot_chu_de")
    locks = []
    seen: set[str] = set()
    for item in rules.sections("khoa_so"):
        item.only(
            frozenset(
                {"ma", "loai", "tu_ngay", "den_ngay", "khoa_luc", "mo_luc", "nguoi_khoa", "ly_do"}
            )
        )
        lock_id = item.ident("ma")
        if lock_id in seen:
            raise item.error(msg("cfg.duplicate_item", key="khoa_so", value=lock_id), "ma")
        seen.add(lock_id)
        lock_types = item.idents("loai")
        for type_id in lock_types:
            if type_id not in policies:
                raise item.error(msg("profile.unknown_type", id=type_id), "loai")
        decided_by = _known(item, "nguoi_khoa", staff)
        if decided_by != principal:
            raise item.error(msg("profile.lock_not_principal", id=decided_by), "nguoi_khoa")
        locked_at = item.req_moment("khoa_luc")
        unlocked_at = item.moment("mo_luc", required=False)
        if unlocked_at is not None and unlocked_at <= locked_at:
            raise item.error(msg("profile.end_before_start"), "mo_luc")
        locks.append(
            Lock(
                lock_id,
                lock_types,
                item.day("tu_ngay", False),
                item.day("den_ngay", False),
                locked_at,
                unlocked_at,
                decided_by,
                item.line(),
            )
        )
    correction = None
    fix = rules.section("sua_du_lieu", required=False)
    if fix is not None:
        fix.only(frozenset({"cho_phep", "chung_kien"}))
        correction = CorrectionPolicy(
            tuple(Role(r) for r in fix.choices_list("cho_phep", ROLES, required=True)),
            fix.choices_list("chung_kien", WITNESSES),
        )
    return Policy(
        regulation=rules.text("van_ban"),
        types=policies,
        locks=tuple(locks),
        correction=correction,
        max_file_kb=max_kb,
        warn_hours=warn_hours,
        push=push,
        state_names=_state_names(rules, None),
        extensions=_extensions(rules, policies, staff, principal),
        **_signing(rules),
    )


STATE_KEYS = (
    "nhap",
    "da_gui_kiem_tra",
    "yeu_cau_chinh_sua",
    "da_kiem_tra",
    "da_duyet",
    "da_ky",
    "da_cong_bo",
)
"""State spellings a school may rename (:class:`hsdt.workflow.status.State`'s values)."""
MAX_STEPS = 9
"""``buoc_1`` … ``buoc_9``: names of the state after each step of a longer chain."""


def _state_names(section: Section, steps: int | None) -> dict[str, str]:
    """``ten_trang_thai``: state spelling or ``buoc_N`` → the school's words. ``steps`` is
    the type's chain length (None: the school-wide names, good for any chain)."""
    names = section.section("ten_trang_thai", required=False)
    if names is None:
        return {}
    step_keys = tuple(f"buoc_{n}" for n in range(1, MAX_STEPS + 1))
    names.only(frozenset((*STATE_KEYS, *step_keys)))
    out: dict[str, str] = {}
    for key in names.value:
        out[key] = names.text(key)
        if steps is not None and key in step_keys and int(key.removeprefix("buoc_")) > steps:
            raise names.error(msg("profile.state_step", key=names.dotted(key), steps=steps), key)
    return out


SEAL_WHEN = ("sau_khi_ky", "khi_cong_bo")
"""``ky_so.dong_dau``: the seal after the people's signatures (default) or at publication."""


def _signing(rules: Section) -> dict[str, Any]:
    """``ky_so``: when the seal is applied and the signing deadline."""
    section = rules.section("ky_so", required=False)
    if section is None:
        return {}
    section.only(frozenset({"dong_dau", "han_ky_ngay"}))
    return {
        "seal_last": section.choice("dong_dau", SEAL_WHEN, SEAL_WHEN[0]) == SEAL_WHEN[0],
        "sign_days": (
            section.integer("han_ky_ngay", 0, 0, 366) if section.has("han_ky_ngay") else None
        ),
    }


def _extensions(
    rules: Section, policies: dict[str, TypePolicy], staff: dict[str, Staff], principal: str
) -> tuple[Extension, ...]:
    """``gia_han``: the principal's deadline extensions (see :class:`Extension`)."""
    out = []
    seen: set[str] = set()
    for item in rules.sections("gia_han"):
        item.only(
            frozenset(
                {"ma", "ho_so", "giao_vien", "tuan", "nam_hoc", "loai", "den", "ly_do",
                 "nguoi_cho_phep"}
            )
        )  # fmt: skip
        ext_id = item.ident("ma")
        if ext_id in seen:
            raise item.error(msg("cfg.duplicate_item", key="gia_han", value=ext_id), "ma")
        seen.add(ext_id)
        granted_by = _known(item, "nguoi_cho_phep", staff)
        if granted_by != principal:
            raise item.error(
                msg("profile.extension_not_principal", id=granted_by), "nguoi_cho_phep"
            )
        record = item.text("ho_so", required=False) or None
        if record is not None and not (record.startswith("records/") and record.endswith(".md")):
            raise item.error(msg("profile.extension_bad_record", value=record), "ho_so")
        teacher = _known(item, "giao_vien", staff) if item.has("giao_vien") else None
        week = item.integer("tuan", 0, 1, 60) if item.has("tuan") else None
        year = item.text("nam_hoc", required=week is not None) or None
        if record is None and teacher is None and week is None:
            raise item.error(msg("profile.extension_scope"), None)
        types = item.idents("loai")
        for type_id in types:
            if type_id not in policies:
                raise item.error(msg("profile.unknown_type", id=type_id), "loai")
        out.append(
            Extension(
                ext_id,
                item.req_moment("den"),
                item.text("ly_do"),
                granted_by,
                record,
                teacher,
                week,
                year,
                types,
                item.line(),
            )
        )
    return tuple(out)
