"""What every signed-in request needs, resolved once and kept, so a page pays for its own reads only.

- The session is written when something in it changes, and otherwise at most every
  ``SESSION_REFRESH_SECONDS``: its expiry (SESSION_COOKIE_AGE) is then an inactivity timeout
  give or take those few minutes, instead of costing an UPDATE, a commit and a cache write per request.
- The person's office roles, whether they manage a department and whether they have a TOTP
  authenticator are resolved once and kept in their session, with the generation it was
  resolved at. Every write that can change them (group membership, a group renamed or deleted,
  a department membership, an authenticator) moves the person's generation (or everyone's) on,
  in the cache; the next request sees the generation has moved and resolves them again.
- The site's settings (cms.PortalSettings, learning.StudySettings) and the administrators'
  workday overrides are kept in the cache and dropped when one is saved or deleted.

Writes drop the cached values at once and again when their transaction commits, so a request
that read the old rows in between cannot keep them.

The values most signed-in pages read from the cache (the generations, the site, its settings, the data
versions, the unread-notices count) come in one round trip at the start of the request and are read
from there for the rest of it (``read``); a write in the request itself drops what it moved.
"""

import datetime
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from wagtail.contrib.settings.context_processors import SettingModuleProxy, SettingProxy

SESSION_REFRESH_SECONDS = 5 * 60
REFRESHED_KEY = "_portal_refreshed"
ACCESS_KEY = "_portal_access"
ACCESS_GENERATION = "portal:access-generation:{}"
EVERYONE = "all"
SITE_SETTINGS_KEY = "portal:site-settings"
SITES_KEY = "portal:sites"
WORKDAY_OVERRIDES_KEY = "portal:workday-overrides"
CACHE_SECONDS = 24 * 60 * 60


# --- roles, "is a manager" and the second factor, kept with the session ---------------------------------


_this_request = threading.local()  # what the request read in its first round trip (gthread: a request per thread)


_READ_WITH_THE_SESSION = [SITE_SETTINGS_KEY]  # and the data versions, the unread count: what most pages read


def read_with_the_session(*keys: str) -> None:
    """Have ``keys`` come with the request's first round trip, for ``read`` ("{}" in a key: the person's id)."""
    _READ_WITH_THE_SESSION.extend(keys)


def _read_with_the_session(user_id: int) -> list[str]:
    return [key.format(user_id) for key in _READ_WITH_THE_SESSION]


def read(key: str) -> Any:
    """``cache.get(key)``, from the request's first round trip when it brought the key."""
    found = getattr(_this_request, "found", None) or {}
    return found[key] if key in found else cache.get(key)


def _drop_read(key: str) -> None:
    found = getattr(_this_request, "found", None)
    if found:
        found.pop(key, None)


def _generations(user_id: int, request: HttpRequest) -> list[str]:
    """The generation tokens of everyone and of ``user_id`` (made up when the cache has none).

    The same round trip brings the request's Wagtail site, when kept (see ``_keep_site``), and what
    ``read`` serves for the rest of the request.
    """
    keys = [ACCESS_GENERATION.format(EVERYONE), ACCESS_GENERATION.format(user_id)]
    found = cache.get_many([*keys, SITES_KEY, *_read_with_the_session(user_id)])
    _this_request.found = found
    _keep_site(request, found.get(SITES_KEY) or {})
    tokens = []
    for key in keys:
        if key not in found:
            cache.add(key, secrets.token_hex(8), CACHE_SECONDS)
            found[key] = cache.get(key)
        tokens.append(str(found[key]))
    return tokens


def renew(key: str, seconds: int) -> None:
    """Give ``key`` a new token, now and again once the transaction commits (a reader in between kept the old)."""
    _drop_read(key)
    cache.set(key, secrets.token_hex(8), seconds)
    transaction.on_commit(lambda: cache.set(key, secrets.token_hex(8), seconds))


def forget(key: str) -> None:
    """Delete ``key``, now and again once the transaction commits (a reader in between kept the old value)."""
    _drop_read(key)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def bump_access(user_id: int | str = EVERYONE) -> None:
    """Make the sessions of ``user_id`` (or everyone's) resolve roles, manager and MFA state again."""
    renew(ACCESS_GENERATION.format(user_id), CACHE_SECONDS)


def resolve_access(user) -> dict[str, Any]:
    from allauth.mfa.models import Authenticator

    from . import access

    return {
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "manager": access.managed_departments(user).exists(),
        "totp": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    }


def attach_access(request: HttpRequest) -> None:
    """Give request.user its roles, manager and TOTP state from the session, resolving them when stale."""
    user = request.user
    generation = _generations(user.pk, request)
    kept = request.session.get(ACCESS_KEY)
    if not kept or kept.get("generation") != generation or kept.get("user") != user.pk:
        kept = {**resolve_access(user), "generation": generation, "user": user.pk}
        request.session[ACCESS_KEY] = kept
    real = getattr(user, "_wrapped", user)  # request.user is a SimpleLazyObject, set up by now
    real.__dict__["role_names"] = frozenset(kept["roles"])  # User.role_names is a cached_property
    user.portal_is_manager = kept["manager"]
    user.portal_has_totp = kept["totp"]


class RequestStateMiddleware:
    """After AuthenticationMiddleware: refresh the session now and then, attach the person's access state."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        refreshed = session.get(REFRESHED_KEY, 0)
        try:
            if session.session_key is not None:  # a live session, never a new one for an anonymous visitor
                now = int(time.time())
                if now - refreshed >= SESSION_REFRESH_SECONDS:
                    session[REFRESHED_KEY] = now  # saved with a new expiry by SessionMiddleware
                if request.user.is_authenticated:
                    attach_access(request)
            return self.get_response(request)
        finally:
            _this_request.found = None


# --- the site's settings and the workday overrides, kept in the cache ----------------------------------


def _keep_site(request: HttpRequest, sites: dict) -> None:
    """Hand Wagtail the request's Site (its page serving asks for it) from the cache, keeping it the first time.

    The site is kept with its root page, the home page every page is routed from (``cms.views.serve``),
    so a page view does not read it again; any page saved, deleted or moved drops what is kept
    (``forget_sites``, called by ``data_version`` with the content version).
    """
    from wagtail.models import Site

    host = request.get_host()
    if host in sites:
        request._wagtail_site = sites[host]  # what Site.find_for_request looks for first
        return
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 - read now, so it is kept (pickled) with the site
        cache.set(SITES_KEY, {**sites, host: site}, CACHE_SECONDS)


def _settings_models() -> dict[str, type]:
    """The site settings kept in the cache, by Wagtail's ``app_label.modelname``."""
    from cms.models import PortalSettings
    from learning.models import StudySettings

    return {model._meta.label_lower: model for model in (PortalSettings, StudySettings)}


def site_settings(model: type, request_or_site: Any = None):
    """The ``model`` settings (PortalSettings, StudySettings) of the request's site, or of the default site.

    Kept in the cache, one entry for all of them, dropped when any is saved.
    """
    from wagtail.models import Site

    if isinstance(request_or_site, HttpRequest):
        where = f"{request_or_site.get_host()}"
    elif isinstance(request_or_site, Site):
        where = f"site-{request_or_site.pk}"
    else:
        where = "default"
    key = f"{model._meta.label_lower}@{where}"
    kept = read(SITE_SETTINGS_KEY) or {}
    if key in kept:
        return kept[key]
    if isinstance(request_or_site, HttpRequest):
        found = model.for_request(request_or_site)
    elif isinstance(request_or_site, Site):
        found = model.for_site(request_or_site)
    else:  # one query, and no row written on a read: the defaults until an administrator saves the form
        found = model.objects.filter(site__is_default_site=True).first() or model()
    found._request = None
    cache.set(SITE_SETTINGS_KEY, {**kept, key: found}, CACHE_SECONDS)
    _drop_read(SITE_SETTINGS_KEY)  # read again from the cache, with this one
    return found


class _CachedModuleProxy(SettingModuleProxy):
    """Wagtail's proxy; ``request_or_site`` None means the default site."""

    def get_setting(self, model_name):
        model = _settings_models().get(f"{self.app_label}.{model_name.lower()}")
        if model is not None:
            return site_settings(model, self.request_or_site)
        if self.request_or_site is None:
            from wagtail.models import Site

            self.request_or_site = Site.objects.filter(is_default_site=True).first()
        return super().get_setting(model_name)


class CachedSettingProxy(SettingProxy):
    def __missing__(self, app_label):
        self[app_label] = value = _CachedModuleProxy(self.request_or_site, app_label)
        return value


def settings_context(request: HttpRequest) -> dict[str, Any]:
    """Wagtail's ``settings`` context processor, with the site settings from the cache."""
    return {"settings": CachedSettingProxy(request_or_site=request)}


def workday_overrides() -> dict[datetime.date, bool]:
    """The administrators' overrides as {date: is a workday}, for the years chinese_calendar does not know."""
    from learning import consistency
    from learning.models import WorkdayOverride

    kept = cache.get(WORKDAY_OVERRIDES_KEY)
    if kept is None:
        kept = {
            row.date: row.kind == WorkdayOverride.Kind.WORKDAY
            for row in WorkdayOverride.objects.only("date", "kind")
            if not consistency.calendar_knows(row.date.year)
        }
        cache.set(WORKDAY_OVERRIDES_KEY, kept, CACHE_SECONDS)
    return kept


# --- the writes that drop what is kept ----------------------------------------------------------------


def _user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Group):  # group.user_set.add(...): the users in pk_set (everyone on clear)
        for user_id in pk_set or [EVERYONE]:
            bump_access(user_id)
    else:
        bump_access(instance.pk)


def _membership_changed(sender, instance, **kwargs) -> None:
    bump_access(instance.user_id)


def _authenticator_changed(sender, instance, **kwargs) -> None:
    bump_access(instance.user_id)


def _group_changed(sender, instance, **kwargs) -> None:
    bump_access(EVERYONE)


def _site_settings_changed(sender, **kwargs) -> None:
    forget(SITE_SETTINGS_KEY)


def _site_changed(sender, **kwargs) -> None:
    forget(SITE_SETTINGS_KEY)
    forget(SITES_KEY)


def forget_sites() -> None:
    """A page was saved, deleted or moved: a root page edited, or one added below it (its child count)."""
    forget(SITES_KEY)


def _workday_overrides_changed(sender, **kwargs) -> None:
    forget(WORKDAY_OVERRIDES_KEY)


def connect() -> None:
    """Called from PortalConfig.ready()."""
    from allauth.mfa.models import Authenticator
    from wagtail.models import Site

    from learning.models import WorkdayOverride

    from .models import Membership, User

    m2m_changed.connect(_user_groups_changed, sender=User.groups.through, dispatch_uid="portal-access-groups")
    for signal in (post_save, post_delete):
        signal.connect(_membership_changed, sender=Membership, dispatch_uid=f"portal-access-membership-{signal}")
        signal.connect(_authenticator_changed, sender=Authenticator, dispatch_uid=f"portal-access-mfa-{signal}")
        signal.connect(_group_changed, sender=Group, dispatch_uid=f"portal-access-group-{signal}")
        for label, model in _settings_models().items():
            signal.connect(_site_settings_changed, sender=model, dispatch_uid=f"portal-settings-{label}-{signal}")
        signal.connect(_site_changed, sender=Site, dispatch_uid=f"portal-sites-{signal}")
        signal.connect(_workday_overrides_changed, sender=WorkdayOverride, dispatch_uid=f"portal-workdays-{signal}")
