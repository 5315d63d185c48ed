"""A new manager's first sign-in with PORTAL_REQUIRE_MFA on: invitation email, password, TOTP, the team page."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import client_for
from tests.e2e.conftest import ARTIFACTS, PHONE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "Kx7-onboard-2026!"


def invite_a_new_manager(cast) -> str:
    """The administrator imports the manager with an invitation; return the link's path from the email."""
    Authenticator.objects.create(user=cast.admin, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    admin = client_for(cast.admin)
    upload = SimpleUploadedFile(
        "people.csv",
        f"姓名,用户名,邮箱,处室,角色\n马超,machao,machao@example.gov.cn,{cast.department.name_zh},处长\n".encode(),
    )
    admin.post("/admin/accounts/import/", {"file": upload})
    admin.post("/admin/accounts/import/", {"confirm": "1", "send_invitations": "1"})
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body).group(1)


def submit(page) -> None:
    """Press the form's first submit button (the language switch and "cancel" come elsewhere)."""
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_new_manager_goes_from_the_invitation_to_the_team_page(page, live_server, problems, cast, settings):
    settings.PORTAL_REQUIRE_MFA = True
    link = invite_a_new_manager(cast)

    page.goto(f"{live_server.url}{link}")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    submit(page)

    page.goto(f"{live_server.url}/accounts/login/?next=/team/")
    page.fill("input[name=login]", "machao")
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    if "/accounts/reauthenticate/" in page.url:  # allauth asks for the password again before adding a factor
        page.fill("input[name=password]", PASSWORD)
        submit(page)
    assert "/accounts/2fa/totp/activate/" in page.url, page.url
    assert_accessible(page, "onboarding-totp-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", code_for(secret))
    submit(page)

    page.goto(f"{live_server.url}/team/")
    assert page.url == f"{live_server.url}/team/"
    page.set_viewport_size(PHONE)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "onboarding-team-375.png"), full_page=True)
    assert Authenticator.objects.filter(user__username="machao", type=Authenticator.Type.TOTP).exists()
    problems.assert_clean()
