import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.test import Client

from portal.adapters import ENCRYPTED_PREFIX, ERROR_MFA_UNCONFIRMED_EMAIL
from portal.models import User
from portal.services import ImportRow, accounts_import_apply
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


# Onboarding with PORTAL_REQUIRE_MFA on (issue 13, finding 1): every redirect followed to a form that works.


NEW_PASSWORD = "Kx7-onboard-2026!"
REAUTHENTICATE = "/accounts/reauthenticate/"
SECRET_FIELD = re.compile(
    r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"|value="([A-Z2-7]+)"[^>]*id="authenticator_secret"'
)


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def reset_link(outbox_message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", outbox_message.body).group(1)


def set_password_from_link(client: Client, link: str, password: str = NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    assert 'name="password1"' in form_page.content.decode(), "the link does not open the set-password form"
    action = form_page.redirect_chain[-1][0]
    return client.post(action, {"password1": password, "password2": password}, follow=True)


def totp_secret(page) -> str:
    match = SECRET_FIELD.search(page.content.decode())
    assert match, "the TOTP set-up page shows no secret"
    return match.group(1) or match.group(2)


def imported_manager(cast) -> User:
    row = ImportRow(line=2, name="马超", username="machao", email="machao@example.gov.cn",
                    department=cast.department.name_zh, role="manager")  # fmt: skip
    (user,) = accounts_import_apply(rows=[row])
    return user


def walk_to_totp_and_activate(client: Client, username: str):
    """Sign in, follow every redirect from /team/, and activate TOTP on the page reached."""
    signed_in = client.post("/accounts/login/", {"login": username, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    page = client.get("/team/", follow=True)
    if page.redirect_chain and page.redirect_chain[-1][0].startswith(REAUTHENTICATE):
        # allauth asks for the password again before a second factor is added (MFA_REAUTHENTICATION_REQUIRED).
        page = client.post(page.redirect_chain[-1][0], {"password": NEW_PASSWORD}, follow=True)
    final_path = page.redirect_chain[-1][0].split("?")[0] if page.redirect_chain else "/team/"
    assert final_path == ACTIVATE, f"ended on {final_path}: {page.redirect_chain}"
    body = page.content.decode()
    assert 'name="code"' in body
    secret = totp_secret(page)
    activated = client.post(ACTIVATE, {"code": current_code(secret)}, follow=True)
    assert activated.status_code == 200
    return secret


def test_an_imported_manager_sets_a_password_from_forgot_password_and_activates_totp(cast, mfa_required):
    cache.clear()
    manager = imported_manager(cast)
    assert EmailAddress.objects.filter(
        user=manager, email="machao@example.gov.cn", verified=True, primary=True
    ).exists()
    client = Client()
    client.post("/accounts/password/reset/", {"email": "machao@example.gov.cn"})
    done = set_password_from_link(client, reset_link(mail.outbox[-1]))
    assert done.status_code == 200
    secret = walk_to_totp_and_activate(client, "machao")
    stored = Authenticator.objects.get(user=manager, type=Authenticator.Type.TOTP)
    assert secret not in str(stored.data) and stored.data["secret"].startswith(ENCRYPTED_PREFIX)
    assert client.get("/team/").status_code == 200


def test_a_reset_for_an_account_without_an_address_record_leaves_no_unverified_address(cast, mfa_required):
    """The way every account onboarded before this fix was stuck: the reset made an unverified record."""
    cache.clear()
    manager = cast.manager
    EmailAddress.objects.filter(user=manager).delete()
    client = Client()
    client.post("/accounts/password/reset/", {"email": manager.email})
    set_password_from_link(client, reset_link(mail.outbox[-1]))
    assert not EmailAddress.objects.filter(user=manager, verified=False).exists()
    walk_to_totp_and_activate(client, "manager")
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()
    assert client.get("/team/").status_code == 200


def test_when_activation_is_refused_the_page_says_what_to_do_and_links_to_it(cast, mfa_required):
    EmailAddress.objects.create(user=cast.manager, email=cast.manager.email, verified=False, primary=True)
    client = client_for(cast.manager)
    page = client.get("/team/", follow=True)
    body = page.content.decode()
    assert page.redirect_chain[-1][0] == "/accounts/2fa/"
    assert str(ERROR_MFA_UNCONFIRMED_EMAIL) in body
    assert body.count('href="/accounts/email/"') == 1
    # The way out works: the confirmation email's link confirms the address, and activation opens.
    emails = client.get("/accounts/email/")
    assert 'name="action_send"' in emails.content.decode()
    client.post("/accounts/email/", {"email": cast.manager.email, "action_send": "1"})
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=cast.manager).verified


# TOTP secrets are not readable in any admin and are encrypted at rest (issue 13, finding 6).


@pytest.fixture
def totp_of_manager(cast):
    client = Client()
    cache.clear()
    client.post("/accounts/login/", {"login": "manager", "password": "demo-pass-2026"})
    client.post(f"{REAUTHENTICATE}?next={ACTIVATE}", {"password": "demo-pass-2026"})
    page = client.get(ACTIVATE)
    secret = totp_secret(page)
    client.post(ACTIVATE, {"code": current_code(secret)})
    return Authenticator.objects.get(user=cast.manager, type=Authenticator.Type.TOTP), secret


def test_the_stored_secret_is_encrypted_and_sign_in_with_totp_still_works(cast, totp_of_manager):
    authenticator, secret = totp_of_manager
    assert secret not in str(authenticator.data)
    seeds = Authenticator.objects.get(user=cast.manager, type=Authenticator.Type.RECOVERY_CODES).data
    assert str(seeds["seed"]).startswith(ENCRYPTED_PREFIX)
    client = Client()
    cache.clear()  # allauth refuses a code used twice within its period
    first = client.post("/accounts/login/", {"login": "manager", "password": "demo-pass-2026"})
    assert first["Location"] == "/accounts/2fa/authenticate/"
    done = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert done.status_code == 302 and "_auth_user_id" in client.session


def test_the_django_admin_shows_who_has_a_second_factor_but_never_the_secret(cast, totp_of_manager):
    authenticator, secret = totp_of_manager
    admin = client_for(cast.admin)
    listing = admin.get("/django-admin/mfa/authenticator/")
    detail = admin.get(f"/django-admin/mfa/authenticator/{authenticator.pk}/change/")
    assert listing.status_code == 200 and detail.status_code == 200
    for page in (listing, detail):
        body = page.content.decode()
        assert secret not in body and authenticator.data["secret"] not in body and "seed" not in body
    assert 'name="data"' not in detail.content.decode()
    assert admin.get("/django-admin/mfa/authenticator/add/").status_code == 403
    admin.post(f"/django-admin/mfa/authenticator/{authenticator.pk}/change/", {"type": "totp", "data": "{}"})
    authenticator.refresh_from_db()
    assert authenticator.data["secret"].startswith(ENCRYPTED_PREFIX)


def test_the_data_migration_encrypts_secrets_stored_in_the_clear_and_reverses(cast):
    from importlib import import_module

    from django.apps import apps

    from portal.adapters import PortalMFAAdapter

    migration = import_module("portal.migrations.0006_encrypt_second_factor_secrets")
    plain = Authenticator.objects.create(
        user=cast.manager, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    migration.encrypt(apps, None)
    plain.refresh_from_db()
    assert plain.data["secret"].startswith(ENCRYPTED_PREFIX)
    assert PortalMFAAdapter().decrypt(plain.data["secret"]) == "JBSWY3DPEHPK3PXP"
    migration.encrypt(apps, None)  # running twice leaves it encrypted once
    plain.refresh_from_db()
    assert PortalMFAAdapter().decrypt(plain.data["secret"]) == "JBSWY3DPEHPK3PXP"
    migration.decrypt(apps, None)
    plain.refresh_from_db()
    assert plain.data["secret"] == "JBSWY3DPEHPK3PXP"
