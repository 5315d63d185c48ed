"""URLs of the screens that compose learning and assessments (/me/, /team/, /org/)."""

from django.urls import path

from . import views_dashboards as views

app_name = "dashboards"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/export/", views.my_export, name="my-export"),
    path("me/summary/<int:year>/", views.year_summary, name="year-summary"),
    path("me/viewed-by/", views.viewed_by, name="viewed-by"),
    path("team/", views.team, name="team"),
    path("team/members/<int:pk>/", views.team_member, name="team-member"),
    path("team/members/<int:pk>/leave/", views.team_member_leave, name="team-member-leave"),
    path("team/export/", views.team_export, name="team-export"),
    path("org/", views.org, name="org"),
]
