from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from minsheng.callbacks.api import api as callbacks_api
from minsheng.portal import views as portal_views
from minsheng.wagtail_zh.views import admin_js_catalog

urlpatterns = [
    # before Wagtail's own /admin/jsi18n/: adds our djangojs.po (minsheng/wagtail_zh)
    path("admin/jsi18n/", admin_js_catalog),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/callbacks/", callbacks_api.urls),
    path("search/", portal_views.search, name="search"),
    path("elder-mode/", portal_views.elder_mode, name="elder_mode"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # Media are served by the front web server in production (docs/operations.md);
    # a single-machine deployment may let Django serve them with SERVE_MEDIA=1.
    from config.env import env_bool

    if env_bool("SERVE_MEDIA"):
        from django.urls import re_path
        from django.views.static import serve

        urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
