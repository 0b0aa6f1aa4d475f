"""{% cachedfragment "name" [vary_on...] %}...{% endcachedfragment %}: HTML kept until content changes.

For the parts of a page every page or every visitor shares (the site's header and footer, a blank
crispy form), so a page rendered without the page cache does not build them again: the fragment is
kept under the content version and release, like whole pages (backcare/cache.py). It must depend on
nothing but its name, the values it varies on, the content and the code: never on the visitor.
"""

from django import template

from backcare.cache import content_version, release, store

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        version = content_version(request) if request is not None else None
        if version is None:
            return self.nodelist.render(context)
        vary = ":".join(str(value.resolve(context)) for value in self.vary_on)
        key = f"fragment:{release()}:{version}:{self.name.resolve(context)}:{vary}"
        html = store.get(key)
        if html is None:
            html = self.nodelist.render(context)
            store.set(key, html)
        return html


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% cachedfragment %} takes a name")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    name, *vary_on = (parser.compile_filter(bit) for bit in bits[1:])
    return CachedFragmentNode(nodelist, name, vary_on)
