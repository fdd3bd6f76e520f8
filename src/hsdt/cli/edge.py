"""The one place where errors become messages and exit codes.

Exit codes: 0 ok; 1 the records have problems (or an operation failed for a reason the
message gives); 2 usage; 3 unexpected error (a bug: traceback only with --verbose);
130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from hsdt.errors import HsdtError
from hsdt.i18n import tr

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def run(command: click.Command, args: list[str] | None = None) -> int:
    """Run ``command`` and translate every outcome into an exit code."""
    verbose = "--verbose" in (args if args is not None else sys.argv[1:])
    with library_logging(verbose):
        return _run(command, args, verbose)


def _run(command: click.Command, args: list[str] | None, verbose: bool) -> int:
    try:
        result = command.main(args=args, standalone_mode=False, prog_name="hsdt")
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    except click.UsageError as e:
        e.show()
        return EXIT_USAGE
    except click.Abort:
        click.echo(tr("cli.interrupted"), err=True)
        return EXIT_INTERRUPTED
    except HsdtError as e:
        click.echo(f"hsdt: {e.render()}", err=True)
        if verbose:
            _print_traceback()
        return e.exit_code
    except KeyboardInterrupt:
        click.echo(tr("cli.interrupted"), err=True)
        return EXIT_INTERRUPTED
    except Exception as e:  # the last line of defence: no traceback reaches a user
        click.echo(f"hsdt: {tr('cli.internal', error=type(e).__name__)}", err=True)
        if verbose:
            _print_traceback()
        return EXIT_INTERNAL
    return result if isinstance(result, int) else EXIT_OK


LIBRARY_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "bagit")
"""Libraries that log their own failures, with tracebacks (pyHanko logs every signature it
cannot validate; bagit logs a traceback when it cannot make a bag). hsdt reports those failures
itself, in Vietnamese."""


@contextmanager
def library_logging(verbose: bool) -> Iterator[None]:
    """The libraries' log lines go to stderr with --verbose only; otherwise nowhere (without a
    handler of their own, Python's last-resort handler would print them, tracebacks included).
    The loggers are restored afterwards, so running the CLI in-process leaves no trace."""
    import logging

    saved = []
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.handlers[:], logger.propagate, logger.level))
        handler: logging.Handler
        if verbose:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(name)s: %(levelname)s: %(message)s"))
            logger.setLevel(logging.INFO)
        else:
            handler = logging.NullHandler()
        logger.handlers = [handler]
        logger.propagate = False
    try:
        yield
    finally:
        for logger, handlers, propagate, level in saved:
            logger.handlers = handlers
            logger.propagate = propagate
            logger.setLevel(level)


def _print_traceback() -> None:
    import traceback

    traceback.print_exc()
