"""Wagtail's page view restrictions still hold, though they are not looked up while none exists."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.conftest import client_for
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db


def restriction_queries(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_a_restriction_saved_applies_at_once_and_none_costs_no_query(cast):
    material = make_material("内部资料")
    client = client_for(cast.staff)
    client.get(material.url)
    status, looked_up = restriction_queries(client, material.url)
    assert (status, looked_up) == (200, [])

    restriction = PageViewRestriction.objects.create(page=material, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="保密组"))
    status, looked_up = restriction_queries(client, material.url)
    assert status == 302 and looked_up, "a person outside the group still reads a restricted page"

    restriction.delete()
    assert client.get(material.url).status_code == 200
