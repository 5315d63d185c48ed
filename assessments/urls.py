from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("assessments/", views.cycle_list, name="cycle-list"),
    path("assessments/cycles/<int:cycle_id>/start/", views.cycle_start, name="start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="detail"),
    path("assessments/<int:pk>/autosave/", views.assessment_autosave, name="autosave"),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("assessments/<int:pk>/review/", views.assessment_review, name="review"),
    path("assessments/<int:pk>/reopen/", views.assessment_reopen, name="reopen"),
]
