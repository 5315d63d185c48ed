import datetime

import factory
from django.utils import timezone

from assessments import services
from assessments.models import Answer, Cycle, Framework, Improvement, LookBack, SelfAssessment
from assessments.selectors import cycle_item_rows, previous_assessment


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle
        skip_postgeneration_save = True

    name_zh = factory.Sequence(lambda n: f"第{n}期")
    name_en = factory.Sequence(lambda n: f"Cycle {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5))
    closes_on = factory.LazyAttribute(lambda cycle: cycle.opens_on + datetime.timedelta(days=20))

    @factory.post_generation
    def frameworks(self, create, extracted, **kwargs):
        self.frameworks.set(extracted if extracted is not None else Framework.objects.all())


def open_cycle(**kwargs) -> Cycle:
    cycle = CycleFactory(**kwargs)
    services.cycle_open(cycle=cycle)
    cycle.refresh_from_db()
    return cycle


def filled_assessment(user, cycle: Cycle, *, rating: int = 4, submit: bool = False, improvements=("少转手，多亲历",)):
    """An assessment of ``user`` with every item answered (reflections long enough) and improvement items."""
    assessment = services.assessment_start(cycle=cycle, user=user)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, item=item, rating=rating if isinstance(rating, int) else rating(item),
               note="这一期我认真对照了自己的工作，写下真实的体会和打算。" if item.framework.is_reflective else "")
        for item in cycle_item_rows(cycle=cycle)
    )  # fmt: skip
    Improvement.objects.bulk_create(
        Improvement(assessment=assessment, position=n, text=text) for n, text in enumerate(improvements, 1)
    )
    previous = previous_assessment(assessment=assessment)
    if previous is not None:
        LookBack.objects.bulk_create(
            LookBack(assessment=assessment, improvement=i, progress="partly") for i in previous.improvements.all()
        )
    if submit:
        assessment = services.assessment_submit(assessment=assessment, by=user)
    return SelfAssessment.objects.get(pk=assessment.pk)
