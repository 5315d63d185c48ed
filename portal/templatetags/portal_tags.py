from django import template

from ..dashboards import today_summary
from ..navigation import nav_for, user_menu_for

register = template.Library()


@register.inclusion_tag("portal/includes/nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    return {"items": nav_for(request.user, request.path)}


@register.inclusion_tag("portal/includes/user_menu.html", takes_context=True)
def user_menu(context):
    request = context["request"]
    return {"request": request, "items": user_menu_for(request.user, request.path)}


@register.inclusion_tag("portal/includes/today_card.html", takes_context=True)
def today_card(context):
    return {"today": today_summary(user=context["request"].user)}
