"""Reference views: what a plain Django page costs here, so a portal page can be judged against it.

The issue's yardstick: "a plain Django list of 25 rows rendered from 10,000 rows reaches about 12 % of a bare
view's throughput here, and the same page cached about 65 %". No base layout, no filters, no prefetching.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template import engines
from django.views.generic import ListView

from sites.models import Site

PLAIN_LIST = engines["django"].from_string(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sites</title></head><body>'
    "<h1>Sites</h1><ul>{% for site in object_list %}"
    '<li><a href="{{ site.get_absolute_url }}">{{ site.name_en }}</a></li>{% endfor %}</ul>'
    "<p>Page {{ page_obj.number }} of {{ paginator.num_pages }}</p></body></html>"
)


class PlainSiteListView(ListView):
    paginate_by = 25

    def get_queryset(self):
        return Site.objects.order_by("name_en", "pk")

    def render_to_response(self, context, **response_kwargs):
        return HttpResponse(PLAIN_LIST.render(context, self.request))
