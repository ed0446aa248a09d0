from django.urls import path

from weerbaar.apps.programme.views import downloads, manage, pages

app_name = "programme"

urlpatterns = [
    path("", pages.overview, name="overview"),
    path("matrix/", pages.matrix, name="matrix"),
    path("matrix.<str:fmt>", downloads.matrix_export, name="matrix_export"),
    path("municipalities/<str:code>/", pages.todo, name="todo"),
    path("municipalities/<str:code>/print/", pages.print_page, name="print"),
    path("municipalities/<str:code>/measures/<str:measure_code>/", pages.record, name="record"),
    path(
        "municipalities/<str:code>/measures/<str:measure_code>/status/",
        pages.quick_status,
        name="quick_status",
    ),
    path("regional/<str:measure_code>/", pages.regional_record, name="regional_record"),
    path("evidence/<uuid:pk>/", pages.evidence, name="evidence"),
    path("catalogue/", manage.catalogue, name="catalogue"),
    path("catalogue/<int:number>/", manage.catalogue_version, name="catalogue_version"),
    path("catalogue/<int:number>.yaml", manage.catalogue_download, name="catalogue_download"),
    path("subprojects/", manage.subprojects, name="subprojects"),
    path("subprojects/<slug:key>/", manage.subproject, name="subproject"),
    path("budget/", manage.budget, name="budget"),
    path("budget.<str:fmt>", downloads.budget_export, name="budget_export"),
    path("budget/lines/<int:pk>/", manage.budget_line, name="budget_line"),
    path("budget/years/<int:year>/", manage.budget_year, name="budget_year"),
]
