"""The reporting cycle in the staff's pages: a period's due date in words
("Due in 12 days, on 30 October 2021", "Overdue since 30 October 2021")."""

from django import template

from apps.monitoring.cycle import due_in_words

register = template.Library()


@register.simple_tag
def period_due(period, today=None) -> str:
    """When the period's updates are due, in words, as of `today` (default: today).
    Reads the period alone: no query."""
    return due_in_words(period.reports_due, today)
