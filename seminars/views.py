from django.views.generic import DetailView, ListView

from seminars.models import Seminar


class SeminarListView(ListView):
    template_name = "seminars/seminar_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Seminar.objects.published().for_listing()


class SeminarDetailView(DetailView):
    template_name = "seminars/seminar_detail.html"

    def get_queryset(self):
        return Seminar.objects.published().for_listing()
