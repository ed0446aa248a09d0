from django import template

from weerbaar.apps.supportpoints.choices import Function

register = template.Library()
LABELS = dict(Function.choices)


@register.filter
def function_label(code: str) -> str:
    return str(LABELS.get(code, code))
