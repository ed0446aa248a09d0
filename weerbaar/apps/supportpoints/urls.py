from django.urls import path

from weerbaar.apps.supportpoints import views

app_name = "supportpoints"

urlpatterns = [
    path("", views.point_list, name="list"),
    path("new/", views.point_create, name="create"),
    path("import/", views.import_page, name="import"),
    path("export.<str:fmt>", views.export, name="export"),
    path("readiness-rules/", views.rules_page, name="rules"),
    path("<uuid:point_id>/", views.point_detail, name="detail"),
    path("<uuid:point_id>/edit/", views.point_edit, name="edit"),
    path("<uuid:point_id>/status/", views.point_status, name="status"),
]
