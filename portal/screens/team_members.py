"""The people on /team/ as the page names them, and the reasons a person may need a conversation."""

from collections import defaultdict
from dataclasses import dataclass

from portal.models import Department, Membership, User

Reasons = dict[int, list[str]]  # person's id: reasons, in the order the page lists them


@dataclass(frozen=True)
class Member:
    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


def team_people(department: Department) -> list[User]:
    return list(Membership.objects.active_members_of(department).order_by("display_name", "username", "pk"))


def merged(*parts: Reasons) -> Reasons:
    reasons: defaultdict[int, list[str]] = defaultdict(list)
    for part in parts:
        for pk, texts in part.items():
            reasons[pk].extend(texts)
    return reasons
