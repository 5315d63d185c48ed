import datetime

from django.utils import timezone

from assessments.models import Answer, Cycle, SelfAssessment
from assessments.selectors import cycle_item_rows
from learning.models import StudyLog
from tests.factories.assessments import CycleFactory


def history(user, *, department, cycles: list[Cycle], ratings=(3, 4), months: int = 1) -> None:
    """Submitted assessments in ``cycles`` (ratings cycling through ``ratings``) and ``months`` of daily logs."""
    for n, cycle in enumerate(cycles):
        assessment = SelfAssessment.objects.create(
            cycle=cycle, user=user, department=department, status="submitted", submitted_at=timezone.now()
        )
        Answer.objects.bulk_create(
            Answer(
                assessment=assessment, item=item, rating=ratings[n % len(ratings)], note="认真反思，写下真实体会。" * 3
            )
            for item in cycle_item_rows(cycle=cycle)
        )
    today = timezone.localdate()
    StudyLog.objects.bulk_create(
        StudyLog(user=user, date=today - datetime.timedelta(days=d), minutes=45, insight=f"第{d}天的体会", version=1,
                 saved_at=timezone.now())
        for d in range(1, months * 30)
    )  # fmt: skip


__all__ = ["CycleFactory", "history"]
