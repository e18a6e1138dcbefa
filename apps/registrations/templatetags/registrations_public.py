"""{% load registrations_public %}: `{% event_registration event %}`, the "Registration"
section of an event's public page (templates/events/public/event_detail.html).

That page is cached for anonymous visitors until what it shows changes, so the section
says only what stays true: whether the event takes registrations, from when until
when, and where to register. The places left are on the register page, which is never
cached. The event app's template loads this library; the events app's code does not
import this app (imports point registrations -> events).
"""

from django import template

from .. import services

register = template.Library()


@register.inclusion_tag("registrations/public/_event_section.html")
def event_registration(event) -> dict:
    window = services.registration_window(event)
    return {
        "event": event,
        "setup": getattr(event, "registration_setup", None),
        "window": window,
        "offered": window != services.Window.NOT_OFFERED,
    }
