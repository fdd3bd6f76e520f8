"""A record state's label in the school's own words.

Schools name the states differently, and sometimes oppositely: in QĐ 309 of Lê Khắc Cẩn (Điều
6e) a lesson plan is "gởi kiểm tra" when submitted and "đã kiểm tra" once the group head has
approved it, whereas hsdt's neutral words call a record part-way through a longer chain "đã
duyệt bước 1/2". The profile's ``ten_trang_thai`` (school-wide in ``quy-che.yml``, and per type
under ``loai_ho_so.<loai>``) maps state spellings to the school's words; everything a school
user reads about a state goes through :func:`state_label`.

Pure: reads only the :class:`~hsdt.model.school.School` it is given.
"""

from __future__ import annotations

from hsdt.model.school import School
from hsdt.workflow.status import RecordStatus, State


def state_label(
    school: School,
    state: State | str,
    done: int = 0,
    total: int = 0,
    type_id: str | None = None,
    lang: str | None = None,
) -> str:
    """The label of ``state`` for ``school``: the one surface every report of a state uses
    (``hsdt status``, the site; queues and reports should call it too).

    ``done`` and ``total`` are the approval steps satisfied and in the chain (they matter for
    :attr:`State.CHECKED`, a record part-way through its chain, and may appear in a name as
    ``{buoc}`` and ``{tong}``); ``type_id`` picks the type's own names first. The lookup order:
    for :attr:`State.CHECKED` ``buoc_<done>`` of the type, then of the school, then
    ``da_kiem_tra`` of the type, then of the school; for the other states the state's spelling
    (``da_duyet``…) of the type, then of the school; else the neutral catalog label ("đã duyệt
    bước 1/2" for CHECKED). The school's words are Vietnamese: in English (``lang`` or the
    current language ``en``) the catalog's English label is given.
    """
    from hsdt.i18n import current_language, msg

    state = State(state)
    language = lang or current_language()
    keys = [state.value]
    if state is State.CHECKED:
        keys = [f"buoc_{done}", state.value]
    if language != "en":
        policy = school.policy.types.get(type_id) if type_id else None
        for key in keys:
            for names in (policy.state_names if policy else {}, school.policy.state_names):
                if key in names:
                    return names[key].replace("{buoc}", str(done)).replace("{tong}", str(total))
    if state is State.CHECKED:
        return msg("state.step", done=done, total=total).render(language)
    return msg(f"state.{state.value}").render(language)


def status_label(school: School, status: RecordStatus, lang: str | None = None) -> str:
    """:func:`state_label` of one record's status (its type from its path, its steps from its
    approvals and its type's chain)."""
    from hsdt.workflow.paths import place_of

    place = place_of(status.path)
    type_id = place.type_id if place is not None else None
    policy = school.policy.types.get(type_id) if type_id else None
    total = len(policy.approval_chain) if policy is not None else 0
    return state_label(school, status.state, len(status.approvals), total, type_id, lang)


__all__ = ["state_label", "status_label"]
