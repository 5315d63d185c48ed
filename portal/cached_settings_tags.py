"""Wagtail's ``wagtailsettings_tags`` with PortalSettings from the cache (settings: TEMPLATES libraries).

``{% get_settings use_default_site=True %}`` costs Wagtail a Site query and a settings query on
every page; here both come from portal.request_cache, dropped when a site or the settings are saved.
"""

from django.template import Library
from wagtail.contrib.settings.templatetags import wagtailsettings_tags as wagtail_tags

from . import request_cache

register = Library()


class CachedSettingsNode(wagtail_tags.SettingsNode):
    @staticmethod
    def get_settings_object(context, use_default_site=False):
        if use_default_site or "request" not in context:
            return request_cache.CachedSettingProxy(request_or_site=None)  # the default site's
        return request_cache.CachedSettingProxy(request_or_site=context["request"])


@register.tag
def get_settings(parser, token):
    node = wagtail_tags.get_settings(parser, token)
    return CachedSettingsNode(node.kwargs, node.target_var)
