from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Component, MemberState, Milestone, Partner, Programme, Unit


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("date", "title", "description")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("short_title", "start_year", "end_year", "lead_executing_agency", "region")
    list_filter = ("region",)
    search_fields = ("title", "short_title", "lead_executing_agency")
    list_select_related = ()
    inlines = (MilestoneInline,)


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "slug", "programme")
    list_display_links = ("number", "title")
    list_filter = ("programme",)
    search_fields = ("title", "slug", "aims")
    list_select_related = ("programme",)
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "kind", "component_list")
    list_filter = ("kind", "components")
    search_fields = ("name", "abbreviation")
    list_select_related = ()
    filter_horizontal = ("components",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("components")

    @admin.display(description=_("components"))
    def component_list(self, obj: Unit) -> str:
        return ", ".join(component.title for component in obj.components.all())


@admin.register(MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    list_display = ("name", "iso_code", "joined_on")
    list_filter = ("joined_on",)
    search_fields = ("name", "iso_code")
    list_select_related = ()
    date_hierarchy = "joined_on"


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "website")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")
    list_select_related = ()
    # A website typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "programme")
    list_filter = ("programme",)
    search_fields = ("title", "description")
    list_select_related = ("programme",)
    date_hierarchy = "date"
