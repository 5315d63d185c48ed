"""Who may open which self-assessment (DESIGN.md, "Roles and who sees what").

- The author sees and edits their own assessment, draft or submitted.
- A manager of the department the person belonged to when they started it sees it once
  it is submitted, and reviews or reopens it; a draft stays invisible to managers.
- Office leaders, editors and administrators never see an individual assessment.
A missing assessment and one the viewer may not see both answer 404.
"""

from django.http import Http404

from portal.access import managed_departments
from portal.models import User

from .models import SelfAssessment


def access_assessment_by_id(user: User, pk: int, write: bool = False) -> SelfAssessment:
    """Fetch the viewer's own assessment, or raise 404 (``write`` is the same rule: only the author edits)."""
    try:
        return SelfAssessment.objects.select_related("cycle", "department").get(pk=pk, user=user)
    except SelfAssessment.DoesNotExist:
        raise Http404 from None


def access_assessment_for_review_by_id(user: User, pk: int) -> SelfAssessment:
    """Fetch a submitted assessment of a department ``user`` manages (never their own), or raise 404."""
    try:
        return (
            SelfAssessment.objects.select_related("cycle", "department", "user")
            .exclude(user=user)
            .get(pk=pk, status=SelfAssessment.Status.SUBMITTED, department__in=managed_departments(user))
        )
    except SelfAssessment.DoesNotExist:
        raise Http404 from None
