from django.urls import path

from weerbaar.apps.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.map_page, name="map"),
    path("municipalities/<str:code>/", views.municipality_detail, name="municipality"),
    path(
        "municipalities/<str:code>/crisis-contact/",
        views.crisis_contact_edit,
        name="crisis_contact_edit",
    ),
]
