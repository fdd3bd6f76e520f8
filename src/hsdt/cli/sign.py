"""``hsdt sign``: sign record PDFs in a signer's place, or extend their signatures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from hsdt.errors import UsageError
from hsdt.i18n import msg, tr

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")
SECRET_ENV = {"pkcs12": "HSDT_SIGNER_PASSPHRASE", "pkcs11": "HSDT_PKCS11_PIN"}
PROMPT_KEY = {"pkcs12": "sign.passphrase_prompt", "pkcs11": "sign.pin_prompt"}
MISSING_KEY = {"pkcs12": "sign.no_passphrase", "pkcs11": "sign.no_pin"}


def _can_prompt() -> bool:
    """Whether someone can type a secret: standard input is a terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or replaced standard input
        return False


def require_secret(kind: str) -> None:
    """Refuse (usage error, exit 2) when the secret can come neither from the environment nor
    from a terminal: a prompt on a pipe would only read end-of-file and look "interrupted"."""
    if SECRET_ENV[kind] not in os.environ and not _can_prompt():
        raise UsageError(msg(MISSING_KEY[kind], variable=SECRET_ENV[kind]))


def read_secret(kind: str) -> str | None:
    """The passphrase or PIN from the environment, else a hidden prompt (never an argument)."""
    value = os.environ.get(SECRET_ENV[kind])
    if value is not None:
        return value
    require_secret(kind)
    entered: str = click.prompt(tr(PROMPT_KEY[kind]), hide_input=True, err=True)
    return entered


def _jobs(
    pdfs: tuple[Path, ...], output: Path | None, output_dir: Path | None, extend: bool
) -> list[tuple[Path, Path]]:
    if output is not None:
        if len(pdfs) != 1:
            raise UsageError(msg("sign.need_output"))
        return [(pdfs[0], output)]
    if output_dir is not None:
        return [(p, output_dir / p.name) for p in pdfs]
    if extend:
        return [(p, p) for p in pdfs]
    raise UsageError(msg("sign.need_output"))


def _trust(path: Path | None, required: bool) -> list[object]:
    from hsdt.sign.trust import default_trust_path, load_certificates

    if path is None:
        if not required:
            return []
        path = default_trust_path(Path.cwd())
    return load_certificates(path)


@click.command("sign")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--signer",
    metavar="pkcs12:TỆP|pkcs11:THƯ_VIỆN",
    help="Khóa ký: tệp PKCS#12 (.p12/.pfx) hoặc thư viện PKCS#11 của USB token.",
)
@click.option("--token", metavar="NHÃN", help="Nhãn (tên) USB token (PKCS#11).")
@click.option("--slot", type=int, metavar="SỐ", help="Số khe của token (PKCS#11).")
@click.option("--key", "key_label", metavar="NHÃN", help="Nhãn khóa ký trên token (PKCS#11).")
@click.option("--key-id", metavar="HEX", help="Mã (ID) khóa ký trên token, dạng hex (PKCS#11).")
@click.option(
    "--role", metavar="VỊ_TRÍ", help="Vị trí ký: nguoi_lap, to_truong, hieu_truong, con_dau…"
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Tệp PDF đã ký (một tệp vào)."
)
@click.option(
    "--output-dir", type=click.Path(path_type=Path), help="Thư mục ghi các tệp đã ký (nhiều tệp)."
)
@click.option("--tsa", metavar="URL", help="Máy chủ dấu thời gian RFC 3161 (PAdES B-T trở lên).")
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default=None,
    help="Mức PAdES (mặc định: B-T khi có --tsa, nếu không B-B).",
)
@click.option("--image", type=click.Path(path_type=Path), help="Ảnh chữ ký hoặc con dấu (PNG).")
@click.option(
    "--trust",
    type=click.Path(path_type=Path),
    help="Chứng thư tin cậy (tệp PEM hoặc thư mục) cho B-LT/B-LTA và --extend "
    "(mặc định: signatures/ của kho).",
)
@click.option(
    "--extend",
    is_flag=True,
    help="Bổ sung dữ liệu kiểm tra và dấu thời gian tài liệu (B-LTA) cho tệp đã ký.",
)
def command(
    pdfs: tuple[Path, ...],
    signer: str | None,
    token: str | None,
    slot: int | None,
    key_label: str | None,
    key_id: str | None,
    role: str | None,
    output: Path | None,
    output_dir: Path | None,
    tsa: str | None,
    level: str | None,
    image: Path | None,
    trust: Path | None,
    extend: bool,
) -> int:
    """Ký số hồ sơ PDF ở vị trí của người ký (PAdES), hoặc gia hạn chữ ký (--extend).

    Sign record PDFs in the signer's place, or extend signatures (--extend). The passphrase
    comes from HSDT_SIGNER_PASSPHRASE, the token PIN from HSDT_PKCS11_PIN, else a prompt
    (without a terminal one of them must be set). Inputs are checked before the secret is
    asked for; exit 2 on a usage error.
    """
    from hsdt.sign.batch import check_jobs, extend_files, sign_files
    from hsdt.sign.signers import check_signer_spec, open_signer
    from hsdt.sign.signing import Level, SignOptions, check_options

    jobs = _jobs(pdfs, output, output_dir, extend)
    check_jobs(jobs)
    if extend:
        if not tsa:
            raise UsageError(msg("sign.extend_needs_tsa"))
        for path in extend_files(jobs, tsa, _trust(trust, True)):
            click.echo(tr("sign.extended", path=path))
        return 0
    if not signer:
        raise UsageError(msg("sign.bad_signer", value=""))
    if not role:
        raise UsageError(msg("sign.need_role"))
    spec = check_signer_spec(signer)
    chosen = Level(level) if level else (Level.B_T if tsa else Level.B_B)
    try:
        key_bytes = bytes.fromhex(key_id) if key_id else None
    except ValueError as e:
        raise UsageError(msg("sign.bad_signer", value=key_id)) from e
    options = SignOptions(
        role=role,
        level=chosen,
        tsa_url=tsa,
        image=image,
        trust=tuple(_trust(trust, chosen.embeds_validation)),
    )
    check_options(options)
    require_secret(spec.kind)  # the last check: nothing else wrong once it is typed
    with open_signer(
        signer, read_secret, token=token, slot=slot, key_label=key_label, key_id=key_bytes
    ) as loaded:
        for path in sign_files(jobs, loaded, options):
            click.echo(tr("sign.done", path=path, role=role, level=chosen.value))
    return 0
