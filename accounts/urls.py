from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views
from accounts.decorators import role_required
from accounts.roles import Role
from core.http import FORM_METHODS, READ_METHODS

# Like every page, for accounts with a role (readers and above).
reader_required = role_required(Role.VIEWER)

# What Django's form views answer, without the PUT they treat as a POST and
# the OPTIONS no page of the site answers: like the function views' decorators.
FORM = [method.lower() for method in FORM_METHODS]
READ = [method.lower() for method in READ_METHODS]

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, http_method_names=FORM),
        name="login",
    ),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        reader_required(
            auth_views.PasswordChangeView.as_view(
                success_url=reverse_lazy("password_change_done"), http_method_names=FORM
            )
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        reader_required(auth_views.PasswordChangeDoneView.as_view(http_method_names=READ)),
        name="password_change_done",
    ),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_api_token, name="revoke_api_token"),
]
