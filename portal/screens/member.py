"""/team/members/<id>/: one member, as their manager sees them (worded in the third person)."""

from dataclasses import dataclass

from django.urls import reverse

from assessments import selectors as assessment_selectors
from assessments.charts import ScoreCard
from assessments.selectors import SubmittedAssessment
from learning import selectors as learning_selectors
from learning.selectors import IdeaRow, SharedInsight
from portal import charts, leave
from portal.models import LeavePeriod, User

from .growth import growth


@dataclass(frozen=True)
class MemberScreen:
    member: User
    name: str
    cards: list[ScoreCard]
    charts: list[charts.Chart]
    assessments: list[tuple[SubmittedAssessment, str]]  # with the review page's address
    insights: list[SharedInsight]
    ideas: list[IdeaRow]
    leave: list[LeavePeriod]


def member_screen(*, member: User) -> MemberScreen:
    name = str(member)
    theirs = growth(ratings=assessment_selectors.person_item_ratings(user=member), name=name)
    return MemberScreen(
        member=member,
        name=name,
        cards=theirs.cards,
        charts=theirs.charts,
        assessments=[
            (row, reverse("assessments:review", args=[row.pk]))
            for row in assessment_selectors.submitted_assessments(user=member)
        ],  # fmt: skip
        insights=learning_selectors.shared_insights(user=member),
        ideas=learning_selectors.idea_rows(user=member),
        leave=leave.leave_list(user=member),
    )
