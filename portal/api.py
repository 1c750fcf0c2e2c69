"""The portal's read-only JSON API under /api/v1/; each app adds its router here. OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from associations.api import router as associations_router
from grants.api import router as grants_router

api = NinjaAPI(title="Frivillig Helsingør", version="1", urls_namespace="api")
api.add_router("/", associations_router)
api.add_router("/grants", grants_router)
