"""The portal's JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Each app adds its own router."""

from ninja import NinjaAPI

from associations.api import router as associations_router
from facilities.api import bookings_router, facilities_router
from grants.api import router as grants_router
from portal.api_errors import install_error_handlers

api = NinjaAPI(title="Frivillig Helsingør", version="1", urls_namespace="api")
install_error_handlers(api)
api.add_router("/", associations_router)
api.add_router("/facilities", facilities_router)
api.add_router("/bookings", bookings_router)
api.add_router("/grants", grants_router)
