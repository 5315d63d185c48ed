from django import template

from ..home import HomeSection

register = template.Library()


@register.simple_tag(takes_context=True)
def home_section(context, section: HomeSection):
    """Render a home page section's own template with its own context (and the page's, e.g. request)."""
    with context.push(**section.context):
        return context.template.engine.get_template(section.template).render(context)
