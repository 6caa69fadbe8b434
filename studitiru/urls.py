"""The portal's URLs: each app owns its namespace."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from agencies.views.language import set_language

from . import query, views

admin.site.site_header = _("Portal Studi Tiru")
admin.site.site_title = _("Portal Studi Tiru")
admin.site.index_title = _("Administrasi")
# The admin's own login page checked passwords without any rate limit or second
# factor: it now sends to the portal's login (allauth), where both apply.
admin.site.login = secure_admin_login(admin.site.login)
# The admin's list filters send their values to the database unvalidated:
# every admin view refuses a NUL byte in the query string (400, not a 500).
_admin_view = admin.site.admin_view
admin.site.admin_view = lambda view, cacheable=False: query.refuse_nul_bytes(
    _admin_view(view, cacheable)
)

urlpatterns = [
    path("", views.home, name="home"),
    path("sehat/", views.health, name="health"),
    path("", include("visits.urls")),
    path("", include("agencies.urls")),
    path("", include("reports.urls")),
    path("", include("privacy.urls")),
    path("akun/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("bahasa/", set_language, name="set_language"),
    path("favicon.ico", views.favicon, name="favicon"),
]

# A 500, or a 503 when the database is unavailable: a page that reads nothing
# from the database (studitiru/errors.py). 400, 403 and 404 are Django's views
# with the portal's templates (templates/400.html, 403.html, 404.html).
handler500 = "studitiru.errors.server_error"
