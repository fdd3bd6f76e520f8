"""One topic per submission, where the school says so (Lê Khắc Cẩn: "không quá 1 chủ đề")."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.rules.context import CheckContext

RULE = "mot-chu-de"


def check(records: Sequence[Record], ctx: CheckContext) -> Iterator[Problem]:
    """A submission whose records of a one-topic type carry more than one ``chu_de``."""
    by_type: dict[str, dict[str, Record]] = {}
    for record in records:
        policy = ctx.school.policy.types.get(record.type_id)
        topic = record.get_str("chu_de")
        if policy is None or not policy.one_topic or topic is None:
            continue
        by_type.setdefault(record.type_id, {}).setdefault(topic.casefold(), record)
    for type_id, topics in by_type.items():
        if len(topics) <= 1:
            continue
        names = ", ".join(sorted(r.get_str("chu_de") or "" for r in topics.values()))
        for record in list(topics.values())[1:]:
            yield Problem(
                record.path,
                record.line_of("chu_de"),
                RULE,
                msg("topics.many", type=type_id, count=len(topics), topics=names),
            )
