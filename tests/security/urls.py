"""A portal page that changes a record, standing in for the apps' edit pages in the audit tests."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from portal.models import Region


@require_POST
def rename_region(request, pk: int):
    region = Region.objects.get(pk=pk)
    region.name_en = request.POST["name_en"]
    region.save()
    return HttpResponse("ok")


urlpatterns = [
    path("test/regions/<int:pk>/rename/", rename_region),
    path("", include("portal.urls")),
]
