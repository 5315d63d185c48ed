from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views

from . import views, views_accounts, views_media

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("language/", views.set_language, name="set-language"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice-read"),
    path("admin/login/", views.login_handover, name="wagtail-login-handover"),
    path("django-admin/login/", views.login_handover, name="django-admin-login-handover"),
    # Wagtail's own front-end login (for private pages) would sign people in past allauth's rate limits and MFA.
    path("_util/login/", views.login_handover, name="wagtail-frontend-login-handover"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Image renditions only, to signed-in people; /media/documents/ and originals are never served.
    path("media/images/<path:path>", views_media.image_rendition, name="media-image"),
    path("accounts/email/", views_accounts.email, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("", include("portal.dashboard_urls")),
    path("", include("learning.urls")),
    path("", include("assessments.urls")),
]

# Wagtail's URLs, its pages served in the reader's language at the original's URL (cms/views.py).
urlpatterns += [pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") != "wagtail_serve"]
urlpatterns += [re_path(wagtail_urls.serve_pattern, cms_views.serve, name="wagtail_serve")]
