"""``hsdt render``"""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.cli.options import jobs_option, open_school, school_option, timeout_option
from hsdt.i18n import tr


@click.command("render")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--all", "all_records", is_flag=True, help="In mọi hồ sơ trong records/.")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Thư mục ghi PDF (mặc định: build/pdf trong kho, git bỏ qua).",
)
@jobs_option
@click.option("--no-cache", is_flag=True, help="In lại kể cả hồ sơ không đổi.")
@timeout_option
@school_option
def command(
    paths: tuple[Path, ...],
    all_records: bool,
    output: Path | None,
    jobs: int | None,
    no_cache: bool,
    timeout: int,
    school_id: str | None,
) -> int:
    """In hồ sơ ra PDF/A theo thể thức Nghị định 30/2020 (giáo án theo CV 5512/2345).

    Render records to PDF/A in the official layout. PATHS are record files or folders.
    Exit 0 when every record printed, 1 when one could not be or prints a marked error (a
    formula that cannot be typeset), 2 on usage errors.
    """
    try:
        from hsdt.render.api import collect_records, render_paths
        from hsdt.render.pool import Limits
    except ImportError as e:  # pragma: no cover - the extra is part of the test environment
        from hsdt.errors import RenderError
        from hsdt.i18n import msg

        raise RenderError(msg("render.missing_extra")) from e
    root, school = open_school(school_id)
    rels = collect_records(root, list(paths), all_records)
    out = output.resolve() if output is not None else None
    import contextlib
    import sys

    with contextlib.ExitStack() as stack:
        progress = None
        if sys.stderr.isatty():  # pragma: no cover - tests do not run on a terminal
            bar = stack.enter_context(
                click.progressbar(length=len(rels), label=tr("render.progress"), file=sys.stderr)
            )

            def progress(done: int, total: int) -> None:
                bar.update(1)

        report = render_paths(
            root,
            rels,
            school,
            out_dir=out,
            jobs=jobs,
            use_cache=not no_cache,
            limits=Limits(timeout=timeout),
            progress=progress,
        )
    for outcome in report.outcomes:
        if outcome.error is not None:
            click.echo(
                tr(
                    "render.failed",
                    where=outcome.error_where or outcome.path,
                    error=outcome.error.render(),
                ),
                err=True,
            )
        elif outcome.output is not None:
            shown_path = _shown(outcome.output)
            key = "render.cached" if outcome.cached else "render.written"
            click.echo(tr(key, path=shown_path))
            for problem in outcome.problems:
                click.echo(problem.render(), err=True)
    if report.font:
        click.echo(tr("render.font_used", font=report.font), err=True)
    done = len(report.outcomes) - len(report.failed)
    cached = sum(1 for o in report.outcomes if o.cached)
    folder = out if out is not None else root / "build" / "pdf"
    click.echo(
        tr("render.summary", done=done, total=len(rels), cached=cached, folder=_shown(folder)),
        err=True,
    )
    return 1 if report.failed or report.problems else 0


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
