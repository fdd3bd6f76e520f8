"""The PAdES level the archive report gives a signature: each level needs the ones below."""

from __future__ import annotations

import pytest

from hsdt.archive.checks import pades_level


@pytest.mark.parametrize(
    ("signature_timestamp", "validation_data", "document_timestamp", "level"),
    [
        (False, False, False, "B-B"),
        (False, True, True, "B-B"),
        (False, False, True, "B-B"),
        (True, False, False, "B-T"),
        (True, False, True, "B-T"),
        (True, True, False, "B-LT"),
        (True, True, True, "B-LTA"),
    ],
)
def test_a_level_is_reached_only_with_every_level_below_it(
    signature_timestamp: bool, validation_data: bool, document_timestamp: bool, level: str
) -> None:
    assert (
        pades_level(
            signature_timestamp=signature_timestamp,
            validation_data=validation_data,
            document_timestamp=document_timestamp,
        )
        == level
    )
