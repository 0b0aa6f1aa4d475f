"""What search engines and link previews read: captured titles, canonical links, JSON-LD."""

import html

from django import template
from django.utils.safestring import mark_safe

from backcare.structured_data import graph, to_script

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Blocks inside still take a child template's content; the output is escaped already.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """Render the enclosed template into a variable: {% capture as name %}...{% endcapture %}."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def structured_data(context):
    """Write the page's JSON-LD: the view's `structured_data`, breadcrumbs, website and clinic."""
    request = context.get("request")
    if request is None:
        # The error page is rendered without a request (or a database): it says nothing more.
        return ""
    nodes = [dict(node) for node in context.get("structured_data") or []]
    if nodes:
        # The page's node takes its name and description from the page's title and description.
        nodes[0].setdefault("name", html.unescape(str(context.get("page_title", ""))))
        nodes[0].setdefault("description", html.unescape(str(context.get("page_description", ""))))
    # The clinic's details come as a function templates call, read when first asked for.
    clinic = context.get("clinic")
    clinic = clinic() if callable(clinic) else clinic
    return to_script(graph(request, nodes, context.get("breadcrumbs"), clinic))
