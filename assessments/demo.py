"""Demo history: six bi-monthly cycles of 2026 (the last one open now), with varied, plausible growth.

Most people improve, some stay flat, a few drop; managers review the closed cycles. In the
open cycle about two thirds have submitted, some hold a draft, and ``staff`` has not started,
so the demo can walk through the form. Idempotent: nothing happens when the cycles have answers.
"""

import datetime
import random

from django.utils import timezone

from portal.demo import DemoOffice
from portal.models import Membership

from .models import Answer, Cycle, Improvement, Item, LookBack, Review, SelfAssessment
from .selectors import cycle_item_rows
from .services import cycle_series_create

YEAR = 2026
REFLECTIONS = [
    "这一期向处里的老同志学习了办文的严谨，自己在核对数字上还差一些，下一步每份材料都按三看再过一遍。",
    "工作上按时完成了督办任务，但有两次临时交办的事情反应不够快，原因是事先没有把情况摸清。",
    "处室这一期完成了几项重点工作，我主要负责材料汇总，贡献不算大，还可以主动多承担一些协调工作。",
    "我的长处是细心、肯学，短处是遇事不够果断，有时等领导拍板。要多练习自己拿出意见。",
    "对照榜样，我在服务基层时的耐心还不够，接电话时语气有时生硬，需要时时提醒自己放平心态。",
]
EVIDENCE = ["本期经手公文零差错", "主动补台两次", "接待基层来访耐心解答", "按时完成督办事项", "", "", ""]
CHANGES = ["每份材料发出前按三看再核一遍", "每晚坚持学习一小时并写下体会", "接电话先报单位、再耐心听完",
           "交办的事情跟踪到底", "每周向领导提一个金点子", "请教一位老同志的办文经验"]  # fmt: skip
COMMENTS = ["这一期进步明显，细节上更让人放心了，继续保持。", "自我评价比较客观，建议在协调工作上再主动一些。",
            "态度认真，但有几件事跟进不够及时，下期重点改进。", "整体表现稳定，四看写得很实在，值得肯定。"]  # fmt: skip


def _mark_opened(cycles: list[Cycle]) -> None:
    items = list(Item.objects.all())
    for cycle in cycles:
        if cycle.opened_at is None:
            cycle.items.set(items)
            cycle.opened_at = timezone.make_aware(datetime.datetime.combine(cycle.opens_on, datetime.time(8)))
            cycle.save(update_fields=["opened_at"])


def seed(office: DemoOffice) -> None:
    cycles = sorted(cycle_series_create(year=YEAR), key=lambda cycle: cycle.opens_on)
    today = timezone.localdate()
    cycles = [cycle for cycle in cycles if cycle.opens_on <= today]
    if SelfAssessment.objects.filter(cycle__in=cycles).exists():
        return
    _mark_opened(cycles)
    rng = random.Random(26)  # noqa: S311 - demo data, not security
    items = cycle_item_rows(cycle=cycles[0])
    managers = {
        m.department_id: m.user
        for m in Membership.objects.filter(role=Membership.Role.MANAGER, department__in=office.departments)
    }
    departments = {m.user_id: m.department_id for m in Membership.objects.filter(role=Membership.Role.MEMBER)}
    assessments, answers, improvements, reviews = [], [], [], []
    plans = {}
    for person in office.members:
        trend = rng.choices(["up", "flat", "down"], weights=[5, 3, 2])[0]
        plans[person.pk] = (rng.uniform(2.2, 3.6), {"up": 0.3, "flat": 0.0, "down": -0.25}[trend])
    for number, cycle in enumerate(cycles):
        is_open = cycle.is_open(today)
        for person in office.members:
            if is_open and person.username == "staff":
                continue
            if not is_open and number > 0 and rng.random() < 0.05:
                continue  # a missed cycle now and then
            submitted = not is_open or rng.random() < 0.65 or person.username == "staff2"
            assessment = SelfAssessment(
                cycle=cycle,
                user=person,
                department_id=departments.get(person.pk),
                status=SelfAssessment.Status.SUBMITTED if submitted else SelfAssessment.Status.DRAFT,
                submitted_at=timezone.make_aware(
                    datetime.datetime.combine(cycle.closes_on - datetime.timedelta(days=rng.randint(1, 20)),
                                              datetime.time(21))
                ) if submitted else None,
            )  # fmt: skip
            assessments.append(assessment)
            base, slope = plans[person.pk]
            level = base + slope * number
            reviewed = submitted and not is_open and assessment.department_id in managers and rng.random() < 0.85
            for item in items:
                rating = max(1, min(5, round(level + rng.uniform(-0.9, 0.9))))
                reflective = item.framework.is_reflective
                answers.append(
                    Answer(
                        assessment=assessment,
                        item=item,
                        rating=None if reflective and rng.random() < 0.3 else rating,
                        note=rng.choice(REFLECTIONS) if reflective else rng.choice(EVIDENCE),
                        manager_rating=max(1, min(5, rating + rng.choice([0, 0, 0, -1, 1]))) if reviewed else None,
                    )
                )
            for position, text in enumerate(rng.sample(CHANGES, rng.randint(1, 3)), start=1):
                improvements.append(Improvement(assessment=assessment, position=position, text=text))
            if reviewed:
                reviews.append(Review(assessment=assessment, reviewer=managers[assessment.department_id],
                                      comment=rng.choice(COMMENTS)))  # fmt: skip
    SelfAssessment.objects.bulk_create(assessments)
    Answer.objects.bulk_create(answers)
    Improvement.objects.bulk_create(improvements)
    Review.objects.bulk_create(reviews)
    for cycle in cycles:
        SelfAssessment.objects.filter(cycle=cycle).update(
            started_at=timezone.make_aware(datetime.datetime.combine(cycle.opens_on, datetime.time(20)))
        )
    _seed_look_backs(assessments, improvements, rng)


def _seed_look_backs(assessments: list[SelfAssessment], improvements: list[Improvement], rng: random.Random) -> None:
    by_person: dict[int, list[SelfAssessment]] = {}
    for assessment in sorted(assessments, key=lambda a: a.cycle.opens_on):
        by_person.setdefault(assessment.user_id, []).append(assessment)
    items_of: dict[int, list[Improvement]] = {}
    for improvement in improvements:
        items_of.setdefault(improvement.assessment.pk, []).append(improvement)
    look_backs = []
    for history in by_person.values():
        for before, after in zip(history, history[1:], strict=False):
            if before.status != SelfAssessment.Status.SUBMITTED:
                continue
            for improvement in items_of.get(before.pk, []):
                progress = rng.choices(["done", "partly", "not_yet"], weights=[4, 4, 2])[0]
                look_backs.append(LookBack(assessment=after, improvement=improvement, progress=progress))
    LookBack.objects.bulk_create(look_backs)
