from django.views.generic import DetailView, ListView

from sites.models import Site


class SiteListView(ListView):
    template_name = "sites/site_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Site.objects.for_listing()


class SiteDetailView(DetailView):
    template_name = "sites/site_detail.html"

    def get_queryset(self):
        return Site.objects.for_listing()
