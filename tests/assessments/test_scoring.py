import pytest

from assessments import scoring


def test_item_score_is_the_rating_on_the_scale_only():
    assert [scoring.item_score(r) for r in (None, 0, 1, 3, 5, 6)] == [None, None, 1, 3, 5, None]


def test_framework_score_is_the_mean_of_rated_items_and_ignores_missing_ones():
    assert scoring.framework_score({"A": 4, "B": 3, "C": None}) == 3.5
    assert scoring.framework_score({"A": 1, "B": 2, "C": 2}) == 1.67


def test_reflective_framework_left_unrated_has_no_score():
    assert scoring.framework_score({"LOOK_SELF": None, "LOOK_WORK": None}) is None
    assert scoring.framework_score({}) is None


def test_first_cycle_has_no_growth():
    assert scoring.growth({"A": 4}, None) is None


def test_growth_compares_only_item_codes_rated_in_both_cycles():
    result = scoring.growth({"A": 5, "B": 4, "NEW": 1}, {"A": 3, "B": 4, "DROPPED": 5})
    assert result.codes == ("A", "B")
    assert (result.previous, result.current, result.change) == (3.5, 4.5, 1.0)


def test_growth_by_code_survives_a_new_version_of_an_item():
    # Answers are keyed by code, so version 2 of "A" compares with version 1 of "A".
    assert scoring.growth({"A": 2}, {"A": 4}).change == -2.0


def test_growth_without_a_common_rated_item_is_none():
    assert scoring.growth({"A": 3}, {"B": 3}) is None
    assert scoring.growth({"A": None}, {"A": 3}) is None


def test_gap_is_self_minus_manager_for_items_both_rated():
    assert scoring.gaps({"A": 5, "B": 2, "C": 3}, {"A": 3, "B": 4, "C": None}) == {"A": 2, "B": -2}


@pytest.mark.parametrize(("values", "expected"), [([], None), ([3], 3.0), ([1, 5, 4, None], 4.0), ([2, 3, 4, 5], 3.5)])
def test_median(values, expected):
    assert scoring.median_score(values) == expected
