import pytest

from portal.typography import half_width_beside_chinese, zh_punctuate


@pytest.mark.parametrize(
    ("text", "expected"),
    [("王芳,晚上好", "王芳，晚上好"), ("本周:30 分钟", "本周：30 分钟"), ("如何计算?", "如何计算？"),
     ("分数(1-5)", "分数（1-5）"), ("%(name)s,你好", "%(name)s，你好"), ("晚上 21:00 之前", "晚上 21:00 之前"),
     ("已保存.", "已保存。"), ("隐藏 %(n)d 个(不足 %(size)d 人)", "隐藏 %(n)d 个（不足 %(size)d 人）"),
     ('当"二传手",不行', "当“二传手”，不行"), ("Hello, world (really)", "Hello, world (really)"),
     ("平均 3.5 分", "平均 3.5 分"), ("（已是全角）：好", "（已是全角）：好")],
)  # fmt: skip
def test_half_width_punctuation_beside_chinese_becomes_full_width(text, expected):
    assert zh_punctuate(text) == expected
    assert half_width_beside_chinese(expected) == []


def test_what_is_left_is_found():
    assert half_width_beside_chinese("王芳,晚上好") == ["王芳,晚上好"]
    assert half_width_beside_chinese("晚上 21:00 之前；1,000 or 3.5") == []


def test_the_demo_content_reads_as_chinese():
    """Every Chinese text the demo seeds (materials, insights, ideas, notes) has full-width punctuation."""
    from learning import demo_content

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from texts(item)

    data = [demo_content.MATERIALS, demo_content.INSIGHT_OPENINGS, demo_content.INSIGHT_CORES,
            demo_content.INSIGHT_ACTIONS, demo_content.IDEAS, demo_content.MANAGER_NOTES]  # fmt: skip
    assert [place for text in texts(data) for place in half_width_beside_chinese(text)] == []
