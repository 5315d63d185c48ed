"""URLs of the screens that compose learning and assessments (/me/, /team/, /org/)."""

app_name = "dashboards"
urlpatterns: list = []
