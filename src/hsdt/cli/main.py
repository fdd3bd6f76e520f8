"""Entry point and the lazily loaded command group.

Each command lives in its own module, imported only when it runs, so ``hsdt check`` pays
neither for GitPython nor for the heavy extras.
"""

from __future__ import annotations

import importlib
import sys

import click

from hsdt import __version__
from hsdt.cli.edge import run
from hsdt.cli.help_en import SHORT, localise
from hsdt.i18n import current_language, set_language

COMMANDS: dict[str, tuple[str, str]] = {
    "approve": ("hsdt.cli.approve", "Duyệt hoặc trả về nhánh nộp (ký SSH, gộp vào main)."),
    "backup": (
        "hsdt.cli.backup",
        "Sao lưu cả kho (git bundle đã kiểm tra) ra nhiều nơi; kiểm tra tệp sao lưu.",
    ),
    "check": ("hsdt.cli.check", "Kiểm tra hồ sơ theo quy chế của trường."),
    "ci": ("hsdt.cli.ci", "Kiểm tra pull request trên GitHub/Gitea (quy chế, chuỗi duyệt)."),
    "check-secrets": ("hsdt.cli.secrets", "Chặn khóa bí mật (khóa riêng, .p12/.pfx) vào kho."),
    "codeowners": (
        "hsdt.cli.codeowners",
        "Sinh CODEOWNERS (GitHub hoặc Gitea) từ danh sách nhân sự.",
    ),
    "export": (
        "hsdt.cli.export",
        "Xuất gói lưu trữ BagIt của một thẻ; kiểm tra lại gói (export verify).",
    ),
    "hooks": ("hsdt.cli.hooks", "Cài và chạy móc pre-receive cho kho trần của trường."),
    "import": (
        "hsdt.cli.import_",
        "Nhập giáo án, kế hoạch, biên bản từ tệp Word (.docx) thành hồ sơ.",
    ),
    "init": ("hsdt.cli.init", "Tạo kho hồ sơ của trường từ hồ sơ nhà trường mẫu."),
    "ky-duyet-ky": (
        "hsdt.cli.signoff",
        "Lập bản tổng hợp để hiệu trưởng ký duyệt một lần cả một tuần hồ sơ.",
    ),
    "nam-hoc": ("hsdt.cli.years", "Các năm học của trường: liệt kê, thêm năm học mới."),
    "new": ("hsdt.cli.new", "Tạo hồ sơ mới từ mẫu, đúng vị trí quy ước."),
    "publish": (
        "hsdt.cli.publish",
        "Công bố hồ sơ đã duyệt: in PDF, đóng dấu số, commit vào signatures/.",
    ),
    "queue": (
        "hsdt.cli.queue",
        "Việc chờ bạn: bản nộp chờ duyệt, hồ sơ bị trả về, chờ ký, hồ sơ phải nộp tuần này.",
    ),
    "report": (
        "hsdt.cli.report",
        "Báo cáo tiến độ (đúng hạn, muộn, thiếu, chờ duyệt); dữ kiện cho Phòng GD&ĐT.",
    ),
    "render": ("hsdt.cli.render", "In hồ sơ ra PDF/A theo thể thức Nghị định 30/2020."),
    "site": (
        "hsdt.cli.site",
        "Trang web của trường: dựng (site build) hoặc xem thử (site serve) kho hồ sơ công khai.",
    ),
    "sign": ("hsdt.cli.sign", "Ký số hồ sơ PDF (PAdES) ở vị trí của người ký."),
    "roster": ("hsdt.cli.roster", "Sinh tệp từ danh sách nhân sự (allowed_signers)."),
    "status": ("hsdt.cli.status", "Trạng thái hồ sơ: nháp, đã gửi, đã duyệt, đã ký…"),
    "submit": ("hsdt.cli.submit", "Nộp hồ sơ: commit lên nhánh nộp, đẩy lên, mở pull request."),
    "tag": ("hsdt.cli.tag", "Gắn thẻ lưu trữ (tuần, học kỳ, năm học) có chữ ký SSH."),
    "types": ("hsdt.cli.types", "Liệt kê các loại hồ sơ của trường."),
    "upgrade": (
        "hsdt.cli.upgrade",
        "Cập nhật workflow, CODEOWNERS, pre-commit… lên bản hsdt đang cài, giữ phần trường sửa.",
    ),
    "verify": ("hsdt.cli.verify", "Kiểm tra chữ ký số và bản gốc của hồ sơ PDF."),
}
"""Command name → (module defining ``command``, one-line help shown in the listing)."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        command: click.Command = module.command
        localise(command, cmd_name, current_language())
        return command

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        localise(self, "", current_language())
        super().format_help(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if current_language() == "en":
            rows = [(name, SHORT[name]) for name in self.list_commands(ctx)]
            title = "Commands"
        else:
            rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
            title = "Lệnh / Commands"
        with formatter.section(title):
            formatter.write_dl(rows)


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        set_language(value)
    return value


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hsdt")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    callback=_language,
    is_eager=True,
    expose_value=False,
    help="Ngôn ngữ thông báo (mặc định: vi, hoặc HSDT_LANG).",
)
@click.option(
    "--verbose",
    is_flag=True,
    expose_value=False,
    help="In chi tiết lỗi (traceback) khi có lỗi không mong đợi.",
)
def cli() -> None:
    """hsdt — hồ sơ chuyên môn điện tử trên Git.

    Electronic professional records for Vietnamese schools, built on Git.
    Exit codes: 0 ok, 1 problems found, 2 usage error, 3 unexpected error, 130 interrupted.
    """


def main(args: list[str] | None = None) -> int:
    """Console-script entry point."""
    code = run(cli, args)
    if args is None:
        sys.exit(code)
    return code
