"""Attachments in the admin: find, re-title, change who may see them, delete. Uploading goes through the portal's
pages (documents.services checks and cleans the file), so the admin adds none and never changes a file."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from documents import registry
from documents.models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "kind",
        "visibility",
        "parent_link",
        "file_type",
        "human_size",
        "uploaded_by",
        "created_at",
    )
    list_filter = ("kind", "visibility", "language", "content_type")
    search_fields = ("title_en", "title_ru", "title_kk", "original_name")
    date_hierarchy = "created_at"
    list_select_related = ("content_type", "uploaded_by")
    fields = (
        "title_kk",
        "title_ru",
        "title_en",
        "kind",
        "language",
        "date",
        "visibility",
        "parent_link",
        "download",
        "original_name",
        "media_type",
        "human_size",
        "uploaded_by",
        "created_at",
    )
    readonly_fields = (
        "parent_link",
        "download",
        "original_name",
        "media_type",
        "human_size",
        "uploaded_by",
        "created_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parent")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("attached to"))
    def parent_link(self, obj: Attachment):
        parent = obj.parent
        if parent is None:
            return "—"
        entry = registry.for_model(type(parent))
        url = entry.page_url(parent) if entry else ""
        return format_html('<a href="{}">{}</a> ({})', url, parent, obj.content_type.name)

    @admin.display(description=_("file"))
    def download(self, obj: Attachment):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)

    @admin.display(description=_("file type"))
    def file_type(self, obj: Attachment):
        return obj.file_type_label

    @admin.display(description=_("size"), ordering="size")
    def human_size(self, obj: Attachment):
        return filesizeformat(obj.size)
