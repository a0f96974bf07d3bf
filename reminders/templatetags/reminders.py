"""Template tags of the reminders app. `{% reminder_history recommendation %}` is filled in by the reminders app."""

from django import template

register = template.Library()


@register.inclusion_tag("reminders/_recommendation_history.html")
def reminder_history(recommendation):
    return {"recommendation": recommendation, "deliveries": []}
