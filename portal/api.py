"""The portal's JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Each app adds its own router."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from associations.api import router as associations_router
from facilities.api import bookings_router, facilities_router
from grants.api import router as grants_router
from portal.api_errors import install_error_handlers


class PortalSwagger(Swagger):
    """Swagger UI served from the portal's own static files (npm `swagger-ui-dist`) and started by a script file, so
    the documentation renders under the portal's Content Security Policy, which allows neither other origins nor
    inline scripts."""

    template = "portal/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        swagger_settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "swagger_settings": swagger_settings})


# Swagger UI would otherwise send the schema to validator.swagger.io for a badge; the portal talks only to itself.
api = NinjaAPI(
    title="Frivillig Helsingør",
    version="1",
    urls_namespace="api",
    docs=PortalSwagger(settings={"validatorUrl": None}),
)
install_error_handlers(api)
api.add_router("/", associations_router)
api.add_router("/facilities", facilities_router)
api.add_router("/bookings", bookings_router)
api.add_router("/grants", grants_router)
