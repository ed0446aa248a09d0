from django.contrib.auth import views as auth_views
from django.urls import path

from weerbaar.apps.accounts import views
from weerbaar.apps.accounts.forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.own_password, name="own_password"),
    path("", views.account_list, name="list"),
    path("new/", views.account_create, name="create"),
    path("audit-log/", views.audit_log, name="audit_log"),
    path("users/<str:username>/", views.account_edit, name="edit"),
    path("users/<str:username>/status/", views.account_status, name="status"),
    path(
        "users/<str:username>/reset-password/", views.account_reset_password, name="reset_password"
    ),
]
