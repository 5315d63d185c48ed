import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.utils import translation

from portal.forms import ERROR_EMAIL_MANAGED_BY_ADMINISTRATORS
from portal.services import user_email_vouch
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2026"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def too_many():
    with translation.override("zh-hans"):
        return str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])


def login(client, login_value, password=PASSWORD):
    return client.post("/accounts/login/", {"login": login_value, "password": password})


@pytest.mark.parametrize("login_value", ["staff", "staff@example.gov.cn", "STAFF@example.gov.cn"])
def test_login_by_username_or_email(cast, client, login_value):
    response = login(client, login_value)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["request"].user == cast.staff


def test_wrong_password_is_refused_with_a_message_in_chinese(cast, client):
    response = login(client, "staff", "wrong-password")
    assert response.status_code == 200
    assert "用户名和/或密码不正确" in response.content.decode() or "不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_deactivated_leaver_cannot_log_in(cast, client):
    response = login(client, "leaver")
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    assert response.get("Location", "") != "/"


def test_signup_is_closed_and_creates_nothing(db, client):
    before = get_user_model().objects.count()
    page = client.get("/accounts/signup/")
    assert "注册已关闭" in page.content.decode() or "关闭" in page.content.decode()
    client.post(
        "/accounts/signup/",
        {"username": "intruder", "email": "x@example.com", "password1": "Str0ng-pass!x", "password2": "Str0ng-pass!x"},
    )
    assert get_user_model().objects.count() == before
    assert not get_user_model().objects.filter(username="intruder").exists()


def test_logout_needs_post(cast):
    client = client_for(cast.staff)
    client.get("/accounts/logout/")
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_rate_limited(cast, client, too_many):
    pages = [login(client, "staff", f"wrong-{attempt}").content.decode() for attempt in range(6)]
    assert too_many not in pages[0]
    assert too_many in pages[-1]
    # Once limited, even the right password is refused for a while.
    assert too_many in login(client, "staff").content.decode()
    assert "_auth_user_id" not in client.session


def failed_logins(client, count: int, **client_address: str) -> list[str]:
    """Failed logins, each for a different name so that only the per-address limit applies."""
    return [
        client.post(
            "/accounts/login/", {"login": f"nobody-{n}", "password": "wrong"}, **client_address
        ).content.decode()
        for n in range(count)
    ]


def through_proxy(forwarded_for: str) -> dict[str, str]:
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded_for}


def test_behind_a_proxy_the_limit_follows_the_client_not_the_proxy(db, client, settings, too_many):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert too_many in failed_logins(client, 11, **through_proxy("203.0.113.5"))[-1]
    # Another person behind the same proxy can still sign in.
    assert too_many not in failed_logins(client, 1, **through_proxy("203.0.113.6"))[0]


def test_behind_a_proxy_a_forged_forwarded_for_does_not_reset_the_limit(db, client, settings, too_many):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    failed_logins(client, 10, **through_proxy("203.0.113.5"))
    # The client makes up the first address; the proxy appends the real one, and only that one is trusted.
    assert too_many in failed_logins(client, 1, **through_proxy("198.51.100.77, 203.0.113.5"))[0]


def test_behind_a_proxy_with_a_client_ip_header_the_limit_follows_that_header(db, client, settings, too_many):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert too_many in failed_logins(client, 11, HTTP_X_REAL_IP="203.0.113.9")[-1]
    assert too_many not in failed_logins(client, 1, HTTP_X_REAL_IP="203.0.113.10")[0]


def test_password_reset_sends_an_email(cast, client):
    response = client.post("/accounts/password/reset/", {"email": "staff@example.gov.cn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "url", ["/admin/login/?next=/admin/pages/", "/django-admin/login/?next=/django-admin/", "/_util/login/?next=/"]
)
def test_admin_logins_hand_over_to_the_portal_login(db, client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_wagtails_front_end_login_signs_nobody_in_past_allauths_rate_limits_and_second_factor(cast, client):
    response = client.post("/_util/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session


def test_editor_logs_in_through_the_portal_and_reaches_the_wagtail_admin(cast, client):
    login_page = client.get("/admin/", follow=True)
    assert login_page.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    response = client.post("/accounts/login/?next=/admin/", {"login": "editor", "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_is_refused_the_admin_with_403(cast):
    response = client_for(cast.staff).get("/admin/")
    assert response.status_code == 403
    assert "此页面面向其他角色" in response.content.decode()


# Email addresses are set by administrators only (issue 13, finding 2).


def addresses(user) -> list[tuple[str, bool, bool]]:
    return sorted(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary"))


@pytest.fixture
def staff_with_addresses(cast):
    user_email_vouch(user=cast.staff)
    EmailAddress.objects.create(user=cast.staff, email="wangfang.home@example.com", verified=True, primary=False)
    return cast.staff


@pytest.mark.parametrize(
    "post",
    [
        {"action_add": "1", "email": "attacker@example.com"},
        {"action_remove": "1", "email": "staff@example.gov.cn"},
        {"action_remove": "1", "email": "wangfang.home@example.com"},
        {"action_primary": "1", "email": "wangfang.home@example.com"},
    ],
    ids=["add", "remove-office-address", "remove-other", "make-primary"],
)
def test_staff_cannot_change_their_email_addresses(staff_with_addresses, post):
    staff = staff_with_addresses
    before = addresses(staff)
    client = client_for(staff)
    response = client.post("/accounts/email/", post, follow=True)
    with translation.override("zh-hans"):
        message = str(ERROR_EMAIL_MANAGED_BY_ADMINISTRATORS)
    assert message in response.content.decode()
    assert "，" in message  # full-width punctuation in the Chinese message
    assert addresses(staff) == before
    staff.refresh_from_db()
    assert staff.email == "staff@example.gov.cn"


def test_the_email_page_lists_the_addresses_read_only_and_says_who_to_ask(staff_with_addresses):
    page = client_for(staff_with_addresses).get("/accounts/email/").content.decode()
    assert "staff@example.gov.cn" in page and "wangfang.home@example.com" in page
    assert 'name="action_add"' not in page and 'name="action_remove"' not in page
    assert "请联系管理员" in page or "管理员" in page


def test_a_password_reset_never_goes_to_an_address_the_person_added(cast, client):
    cache.clear()
    # An address added before this rule (the way the finding's attacker did it): not verified.
    EmailAddress.objects.create(user=cast.staff2, email="attacker@example.com", verified=False, primary=False)
    client.post("/accounts/password/reset/", {"email": "attacker@example.com"})
    assert all("/accounts/password/reset/key/" not in message.body for message in mail.outbox)
    assert all("staff2" not in message.body for message in mail.outbox)


def test_a_password_reset_to_the_office_address_still_works(cast, client):
    cache.clear()
    client.post("/accounts/password/reset/", {"email": "staff2@example.gov.cn"})
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["staff2@example.gov.cn"]


def test_opening_the_email_page_records_the_office_address_as_verified_not_unverified(cast):
    """allauth would create an unverified record here, and two-factor set-up would then be refused."""
    EmailAddress.objects.filter(user=cast.manager).delete()
    page = client_for(cast.manager).get("/accounts/email/")
    assert page.status_code == 200
    assert addresses(cast.manager) == [("manager@example.gov.cn", True, True)]
