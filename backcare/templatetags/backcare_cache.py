"""{% cachedfragment "name" %}...{% endcachedfragment %}: a piece of a page kept until content changes.

For parts that cost more than the page cache saves on a cold render (a crispy form's HTML): the
fragment is kept under the content version and release, like whole pages (backcare/cache.py), and
is the same for every visitor, so it must not depend on the request or a bound form.
"""

from django import template
from django.core.cache import cache

from backcare.cache import content_version, release

register = template.Library()

TIMEOUT = 24 * 3600


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        request = context.get("request")
        version = content_version(request) if request is not None else None
        if version is None:
            return self.nodelist.render(context)
        key = f"fragment:{release()}:{version}:{self.name.resolve(context)}"
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, TIMEOUT)
        return html


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cachedfragment %} takes one name")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[1]))
