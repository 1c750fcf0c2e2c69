"""The portal's read-only JSON API. Each app adds its own router; OpenAPI is at /api/v1/openapi.json."""

from ninja import NinjaAPI

from grants.api import router as grants_router

api = NinjaAPI(title="Frivillig Helsingør", version="1", urls_namespace="api")
api.add_router("/grants", grants_router)
