"""{% load portal_format %}: `figure` and `percent`, the portal's one way to write numbers."""

from django import template

from apps.core import formats

register = template.Library()
register.filter("figure", formats.figure)
register.filter("percent", formats.percent)
