import pytest

from portal.params import ID_MAX, int_from, int_param


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("7", 7), ("0", 0), ("007", 7), (str(ID_MAX), ID_MAX), (None, None), ("", None), ("²", None), ("٣", None),
     ("-1", None), ("1.5", None), (" 1", None), ("1e3", None), (str(ID_MAX + 1), None), ("9" * 40, None),
     ("\x00", None)],
)  # fmt: skip
def test_only_ascii_digits_within_the_bound_are_a_number(raw, expected):
    assert int_param(raw) == expected


def test_a_smaller_bound_refuses_larger_numbers():
    assert int_param("99", maximum=99) == 99
    assert int_param("100", maximum=99) is None
    assert int_from({"step": "3"}, "step", maximum=9) == 3
    assert int_from({}, "step") is None
