"""URLs of the screens that compose learning and assessments (/me/, /team/, /org/)."""

from django.urls import path

from . import views as portal_views
from . import views_dashboards as views

app_name = "dashboards"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/export/", views.my_export, name="my-export"),
    path("me/summary/<int:year>/", views.year_summary, name="year-summary"),
    path("me/viewed-by/", views.viewed_by, name="viewed-by"),
    path("me/settings/", portal_views.my_settings, name="settings"),
    path("notices/", portal_views.notice_list, name="notices"),
    path("notices/read-all/", portal_views.notices_read_all, name="notices-read-all"),
    path("team/", views.team, name="team"),
    path("team/members/<int:pk>/", views.team_member, name="team-member"),
    path("team/members/<int:pk>/leave/", views.team_member_leave, name="team-member-leave"),
    path("team/export/", views.team_export, name="team-export"),
    path("org/", views.org, name="org"),
]
