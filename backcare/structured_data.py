"""schema.org JSON-LD for every page: the page itself, its breadcrumbs, the site and the clinic.

Views put their page's node(s) in the context as `structured_data` (built with `page()` and
friends); the base template adds the breadcrumb trail, the website and the clinic (`graph()`), and
writes it out escaped (`to_script()`), so a text from the database cannot end the script element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .site import absolute_url

SITE_NAME = "BackCare"
CONDITION = {"@type": "MedicalCondition", "name": "Upper back pain"}
PATIENTS = {"@type": "MedicalAudience", "audienceType": "Patient"}
# What json_script escapes: the JSON stays valid, and "</script>" or "<!--" cannot appear in it.
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_url(request) -> str:
    return absolute_url("/")


def node_id(request, name: str) -> str:
    return f"{site_url(request)}#{name}"


def page(request, kind: str, name: str = "", description: str = "", **extra) -> dict:
    """Return the node for the page being shown (a MedicalWebPage, HowTo, SearchResultsPage...).

    Without a name or description, the page's own title and description are used.
    """
    node = {
        "@type": kind,
        "@id": f"{absolute_url(request.path)}#page",
        **({"name": name} if name else {}),
        "url": absolute_url(request.path),
        **({"description": description} if description else {}),
        "inLanguage": "en-US",
        "isPartOf": {"@id": node_id(request, "website")},
        "publisher": {"@id": node_id(request, "clinic")},
    }
    if kind in ("HowTo", "ItemList"):
        # What the page is about rather than the page itself: the page is its main entity's.
        node.pop("isPartOf")
        node["mainEntityOfPage"] = node["url"]
        node["@id"] = f"{node['url']}#{kind.lower()}"
    node.update(extra)
    return node


def medical_web_page(request, name: str = "", description: str = "", **extra) -> dict:
    """A page of the guide's advice: about upper back pain, for patients."""
    return page(
        request,
        "MedicalWebPage",
        name,
        description,
        about=CONDITION,
        medicalAudience=PATIENTS,
        **extra,
    )


def item_list(request, items: list, **extra) -> dict:
    """An ItemList in order: of (name, url) pairs, or of nodes (each with a url) as its items."""
    elements = []
    for position, item in enumerate(items, 1):
        if isinstance(item, dict):
            elements.append({"@type": "ListItem", "position": position, "item": item})
        else:
            name, url = item
            elements.append(
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": name,
                    "url": absolute_url(url),
                }
            )
    return {"@type": "ItemList", "numberOfItems": len(items), "itemListElement": elements, **extra}


def breadcrumb_list(request, breadcrumbs) -> dict:
    """The trail shown above the page, as a BreadcrumbList (the page itself last, with its URL)."""
    crumbs = list(breadcrumbs or [("Home", reverse("guidance:home"))])
    elements = []
    for position, (label, url) in enumerate(crumbs, 1):
        target = url if url else request.path
        elements.append(
            {
                "@type": "ListItem",
                "position": position,
                "name": str(label),
                "item": absolute_url(target),
            }
        )
    return {
        "@type": "BreadcrumbList",
        "@id": f"{absolute_url(request.path)}#breadcrumb",
        "itemListElement": elements,
    }


def website(request) -> dict:
    return {
        "@type": "WebSite",
        "@id": node_id(request, "website"),
        "name": SITE_NAME,
        "url": site_url(request),
        "inLanguage": "en-US",
        "publisher": {"@id": node_id(request, "clinic")},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{absolute_url(reverse('search'))}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def medical_clinic(request, clinic) -> dict:
    """The clinic (any object with name, has_phone, phone, email and address, as ClinicDetails has)."""
    node = {
        "@type": "MedicalClinic",
        "@id": node_id(request, "clinic"),
        "name": clinic.name,
        "url": absolute_url(reverse("guidance:contact")),
    }
    if clinic.has_phone:
        # International form, with any extension ("+1 631-555-0100 ext. 2").
        node["telephone"] = clinic.phone.as_international
    if clinic.email:
        node["email"] = clinic.email
    if address := ", ".join(line.strip() for line in clinic.address.splitlines() if line.strip()):
        node["address"] = {"@type": "PostalAddress", "streetAddress": address}
    return node


def graph(request, nodes, breadcrumbs, clinic) -> dict:
    """Return the page's whole JSON-LD: its own nodes, the trail, the website and the clinic."""
    nodes = list(nodes or [])
    trail = breadcrumb_list(request, breadcrumbs)
    for node in nodes:
        if node.get("@type") not in ("HowTo", "ItemList", "WebSite"):
            node.setdefault("breadcrumb", {"@id": trail["@id"]})
    extra = [trail]
    if not any(node.get("@type") == "WebSite" for node in nodes):
        extra.append(website(request))
    if clinic is not None:
        extra.append(medical_clinic(request, clinic))
    return {"@context": "https://schema.org", "@graph": [*nodes, *extra]}


def to_script(data: dict) -> SafeString:
    """Write JSON-LD as a script element that no text inside it can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
