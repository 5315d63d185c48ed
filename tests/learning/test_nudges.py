import datetime

from learning.nudges import backfilled_in_sitting, similar_earlier_insight

D = datetime.date


def test_a_copied_or_nearly_copied_insight_is_found_with_its_date():
    earlier = [
        (D(2026, 11, 20), "今天体会到核对数字要对照原始材料，不能凭记忆。"),
        (D(2026, 11, 19), "向老同志学到了接待前先问联络人。"),
    ]
    assert similar_earlier_insight("今天体会到核对数字要对照原始材料，不能凭记忆！", earlier) == D(2026, 11, 20)
    assert similar_earlier_insight("今天体会到核对数字要对照原始材料，不能凭记忆。", earlier) == D(2026, 11, 20)


def test_a_new_insight_or_a_very_short_one_is_left_alone():
    earlier = [(D(2026, 11, 20), "今天体会到核对数字要对照原始材料，不能凭记忆。")]
    assert similar_earlier_insight("下午改稿时发现框架比措辞更要紧，先搭提纲再写。", earlier) is None
    assert similar_earlier_insight("学习了", [(D(2026, 11, 20), "学习了")]) is None


def test_back_filled_days_are_counted_within_one_sitting_only():
    now = datetime.datetime(2026, 11, 25, 22, 0)
    saves = [
        (D(2026, 11, 21), now - datetime.timedelta(minutes=30)),
        (D(2026, 11, 22), now - datetime.timedelta(minutes=20)),
        (D(2026, 11, 25), now - datetime.timedelta(minutes=10)),  # tonight's own log
        (D(2026, 11, 18), now - datetime.timedelta(hours=5)),  # an earlier sitting
    ]
    assert backfilled_in_sitting(saves, now=now) == 2
