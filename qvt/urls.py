from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from cooperatives import invitation_views
from qvt import views
from qvt.health import healthz

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("comptes/", include("accounts.urls")),
    path("donnees-personnelles/", account_views.privacy, name="privacy"),
    path("invitation/<str:token>/", invitation_views.redeem, name="invitation"),
    path("", include("cooperatives.urls")),
    path("", include("diagnostics.urls")),
    path("", include("fiches.urls")),
    path("", include("plans.urls")),
    path("", include("networks.urls")),
    path("", include("exercises.urls")),
    path("", include("followup.urls")),
    path("", include("reports.urls")),
    path("repondre/", include("diagnostics.answer_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler500 = "qvt.errors.server_error"
