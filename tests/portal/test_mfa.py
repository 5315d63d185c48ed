import pytest
from allauth.mfa.models import Authenticator

from tests.conftest import client_for

pytestmark = pytest.mark.django_db
ACTIVATE = "/accounts/2fa/totp/activate/"


@pytest.fixture
def mfa_required(settings):
    settings.PORTAL_REQUIRE_MFA = True


@pytest.mark.parametrize(("persona", "url"), [("manager", "/team/"), ("leader", "/org/"), ("admin", "/admin/")])
def test_privileged_people_set_up_a_second_factor_before_anything_else(cast, mfa_required, persona, url):
    response = client_for(cast.get(persona)).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{ACTIVATE}?next=")


def test_the_set_up_page_and_logout_stay_reachable(cast, mfa_required):
    client = client_for(cast.manager)
    page = client.get(ACTIVATE, follow=True)
    assert page.status_code == 200
    assert all(hop.startswith("/accounts/") for hop, _status in page.redirect_chain)  # no loop through the portal
    assert client.post("/accounts/logout/").status_code == 302


def test_with_a_second_factor_the_portal_opens(cast, mfa_required):
    Authenticator.objects.create(user=cast.manager, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    assert client_for(cast.manager).get("/team/").status_code == 200


def test_staff_are_not_asked(cast, mfa_required):
    assert client_for(cast.staff).get("/me/").status_code == 200


def test_with_the_setting_off_nobody_is_asked(cast, settings):
    settings.PORTAL_REQUIRE_MFA = False
    assert client_for(cast.manager).get("/team/").status_code == 200
