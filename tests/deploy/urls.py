"""The portal's URLs plus two views that exist only for the deployment tests."""

from allauth.account.adapter import get_adapter
from django.http import HttpRequest, JsonResponse
from django.urls import path

from portal.urls import handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def client_address(request: HttpRequest) -> JsonResponse:
    """What the portal believes about the client: the address its rate limits count and whether it came by https."""
    return JsonResponse({"address": get_adapter(request).get_client_ip(request), "secure": request.is_secure()})


def failing_view(request: HttpRequest) -> JsonResponse:
    """Reads the posted form and searches with it, as a real view would, then fails with a message naming a person."""
    from associations.models import Association

    email = request.POST.get("email", "")
    list(Association.objects.filter(name__icontains=request.POST.get("search", "")))
    raise RuntimeError(f"could not notify {email}")


urlpatterns = [
    path("deploy-test/client-address", client_address),
    path("deploy-test/fail", failing_view),
    *portal_urlpatterns,
]
