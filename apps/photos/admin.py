from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import PhotoForm
from .models import Photo

PUBLIC_RULE = _(
    "A photo shows on public pages only when it is published and either shows no "
    "identifiable people or their consent to publication is recorded. Every photo shows "
    "its credit line, e.g. “Photo: Rafly Rinaldy © GIZ”."
)


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = (
        "thumbnail",
        "alt_text",
        "credit_line",
        "people",
        "is_published",
        "featured_on_home",
        "created_at",
    )
    list_display_links = ("thumbnail", "alt_text")
    list_filter = ("is_published", "people", "featured_on_home", "kind", "licence", "components")
    search_fields = ("alt_text", "caption", "credit", "copyright_holder")
    list_select_related = ()
    filter_horizontal = ("components",)
    readonly_fields = ("preview",)
    fieldsets = (
        (_("Image"), {"fields": ("preview", "upload")}),
        (
            _("Description and credit"),
            {"fields": ("alt_text", "caption", "kind", "credit", "copyright_holder", "licence")},
        ),
        (
            _("People shown and publication"),
            {
                "description": PUBLIC_RULE,
                "fields": ("taken_on", "people", "is_published", "featured_on_home", "components"),
            },
        ),
    )

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: Photo) -> str:
        if not obj.rendition_widths:
            return "—"
        # Empty alt: the alt text is the next column.
        height = obj.rendition_height(96)
        return format_html(
            '<img src="{}" width="96" height="{}" alt="" loading="lazy">',
            obj.thumbnail_url,
            height,
        )

    @admin.display(description=_("current image"))
    def preview(self, obj: Photo) -> str:
        if not obj.pk or not obj.rendition_widths:
            return _("None yet: choose the image file below.")
        return format_html(
            '<img src="{}" width="320" height="{}" alt="{}"><br>{} × {} {}',
            obj.thumbnail_url,
            obj.rendition_height(320),
            obj.alt_text,
            obj.width,
            obj.height,
            _("pixels"),
        )

    @admin.display(description=_("credit"))
    def credit_line(self, obj: Photo) -> str:
        return obj.credit_line

    def save_model(self, request, obj, form, change):
        services.photo_save(photo=obj, master=form.cleaned_data.get("upload"))

    def delete_model(self, request, obj):
        services.photo_delete(photo=obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            services.photo_delete(photo=photo)
