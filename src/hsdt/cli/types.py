"""``hsdt types``"""

from __future__ import annotations

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import current_language


@click.command("types")
@school_option
def command(school_id: str | None) -> int:
    """Liệt kê các loại hồ sơ của trường: mã, rồi tên tiếng Việt.

    List the school's record types: the id, then the name.
    """
    _root, school = open_school(school_id)
    english = current_language() == "en"
    width = max((len(t) for t in school.types), default=0)
    for type_id in sorted(school.types):
        record_type = school.types[type_id]
        click.echo(
            f"{type_id.ljust(width)}  {record_type.name_en if english else record_type.name}"
        )
    return 0
