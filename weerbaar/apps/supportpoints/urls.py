from django.urls import path

from weerbaar.apps.supportpoints import coverage_views, plan_views, views

app_name = "supportpoints"

urlpatterns = [
    path("", views.point_list, name="list"),
    path("new/", views.point_create, name="create"),
    path("import/", views.import_page, name="import"),
    path("export.<str:fmt>", views.export, name="export"),
    path("readiness-rules/", views.rules_page, name="rules"),
    path("coverage/", coverage_views.coverage_page, name="coverage"),
    path("coverage/export.csv", coverage_views.coverage_csv, name="coverage_csv"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/compare/", plan_views.plan_compare, name="plan_compare"),
    path("plans/<uuid:plan_id>/", plan_views.plan_detail, name="plan"),
    path("<uuid:point_id>/", views.point_detail, name="detail"),
    path("<uuid:point_id>/edit/", views.point_edit, name="edit"),
    path("<uuid:point_id>/status/", views.point_status, name="status"),
]
