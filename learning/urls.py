from django.urls import path

from . import idea_views, views

app_name = "learning"
urlpatterns = [
    path("logs/", views.log_history, name="log-history"),
    path("logs/today/", views.log_today, name="log-today"),
    path("logs/how-it-works/", views.log_explained, name="log-explained"),
    path("logs/materials/", views.log_material_search, name="log-material-search"),
    path("logs/<str:date>/", views.log_day, name="log-day"),
    path("logs/<str:date>/autosave/", views.log_autosave, name="log-autosave"),
    path("logs/today/materials/<int:page_id>/", views.material_studied, name="material-studied"),
    path("materials/<int:page_id>/opened/", views.material_opened, name="material-opened"),
    path("search/", views.search, name="search"),
    path("ideas/", idea_views.idea_list, name="idea-list"),
    path("ideas/new/", idea_views.idea_new, name="idea-new"),
    path("ideas/<int:pk>/", idea_views.idea_detail, name="idea-detail"),
    path("ideas/<int:pk>/move/", idea_views.idea_move, name="idea-move"),
    path("team/ideas/", idea_views.team_ideas, name="team-ideas"),
]
