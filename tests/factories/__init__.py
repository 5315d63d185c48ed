import factory
from django.conf import settings
from django.contrib.auth.models import Group

from portal.models import Department, Membership, Role, User


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name_zh = factory.Sequence(lambda n: f"第{n}处")
    name_en = factory.Sequence(lambda n: f"Division {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"同事{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.cn")
    password = factory.django.Password(settings.PORTAL_DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted: list[Role] | None, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get(name=role.value))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)
    role = Membership.Role.MEMBER


def member_of(department: Department, **kwargs) -> User:
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, department=department)
    return user


def manager_of(*departments: Department, **kwargs) -> User:
    user = UserFactory(**kwargs)
    for department in departments:
        MembershipFactory(user=user, department=department, role=Membership.Role.MANAGER)
    return user
