"""The error bodies of the JSON API: every error answers `{"message": ...}`, and each operation documents the
statuses it can answer with `errors()`."""

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError


class Error(Schema):
    message: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class InvalidInput(Error):
    detail: list[FieldError] = []


# What each status means, for the OpenAPI schema.
_BODIES: dict[int, type[Schema]] = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    409: Error,
    422: InvalidInput,
}


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The documented error responses of an operation. Every operation can answer 422 for a parameter outside its
    documented type."""
    return {status: _BODIES[status] for status in sorted({422, *statuses})}


def _field(loc: tuple) -> str:
    # The first element is where the value came from (query, path, body); the rest names the field.
    return ".".join(str(part) for part in loc[1:]) or str(loc[0])


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace django-ninja's `{"detail": ...}` bodies with the portal's `{"message": ...}`."""

    @api.exception_handler(ValidationError)
    def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        detail = [{"loc": list(e["loc"]), "msg": str(e["msg"]), "type": str(e["type"])} for e in exc.errors]
        message = "; ".join(f"{_field(tuple(e['loc']))}: {e['msg']}" for e in detail)
        return api.create_response(request, {"message": message, "detail": detail}, status=422)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, {"message": "Sign in to use this."}, status=401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, {"message": str(exc)}, status=exc.status_code)

    # A body that cannot be parsed (a multipart body without its boundary, too many fields) surfaces where the CSRF
    # check reads the form fields; it is the client's mistake, so it answers like any other bad request.
    def unreadable_body(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"message": "The request body cannot be read."}, status=400)

    for exc_class in (MultiPartParserError, BadRequest, SuspiciousOperation):
        api.add_exception_handler(exc_class, unreadable_body)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"message": "Not found."}, status=404)
