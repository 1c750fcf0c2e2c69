"""The baseline: the practical ceiling of the stack on this machine.

One indexed query (an association by primary key) rendered into a tiny template, through the same middleware as
every page. Each scenario's requests/s is reported as a ratio to this view's, measured in the same run.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.views.decorators.http import require_GET

from associations.models import Association

TEMPLATE = engines["django"].from_string(
    '<!doctype html><html lang="da"><title>{{ association.name }}</title><p>{{ association.name }}</p></html>'
)


@require_GET
def baseline(request: HttpRequest) -> HttpResponse:
    pk = request.GET.get("id", "")
    association = Association.objects.filter(pk=int(pk)).only("name").first() if pk.isdigit() else None
    if association is None:
        raise Http404
    return HttpResponse(TEMPLATE.render({"association": association}, request))
