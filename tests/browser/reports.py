"""What one visit to a page shows: axe's findings, the layout on a phone, requests and errors."""

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe

from .pages import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Every visible control smaller than 24x24 CSS px, unless it is a link inside a sentence (the
# inline exception of WCAG 2.5.8). A Bootstrap stretched link's target is the whole card.
SMALL_TARGETS = """() => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[role=button], [tabindex]:not([tabindex="-1"])';
  const words = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
  const inSentence = (el) => {
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    return getComputedStyle(el).display === 'inline' && words(block).length > words(el).length;
  };
  const small = [];
  for (const el of document.querySelectorAll(controls)) {
    let box = el.getBoundingClientRect();
    const offscreen = box.bottom <= 0 || box.right <= 0;
    // checkVisibility() also skips what a closed <details> hides (content-visibility).
    if (!el.checkVisibility({visibilityProperty: true}) || offscreen) continue;
    if (el.classList.contains('stretched-link') && el.closest('.card')) {
      box = el.closest('.card').getBoundingClientRect();
    }
    if ((box.width >= 24 && box.height >= 24) || inSentence(el)) continue;
    small.push(`${el.outerHTML.slice(0, 80)} is ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


# Every visible piece of text smaller than 16 px, with where it is: the README promises 16 px or more
# on a phone, for the small print too (labels, the equipment line, breadcrumbs, the footer).
SMALL_TEXT = """() => {
  const small = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.replace(/\\s+/g, ' ').trim();
    const el = walker.currentNode.parentElement;
    if (!text || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
    // Text in an SVG is drawn at its font size times the picture's scale.
    const ctm = el instanceof SVGElement && el.getScreenCTM ? el.getScreenCTM() : null;
    const size = parseFloat(style.fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    if (size < 16) small.add(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${text.slice(0, 40)}" is ${size.toFixed(1)}px`);
  }
  return [...small];
}"""


@dataclass(frozen=True)
class PageReport:
    page: Page
    violations: list[str]
    scroll_width: int
    small_targets: list[str]
    body_font_px: float
    small_text: list[str]
    offsite_requests: list[str]
    failed_responses: list[str]
    console_errors: list[str]


def axe_violations(page) -> list[str]:
    """Run axe-core on the page for WCAG 2.2 A and AA; return one line per element at fault."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{violation['id']}: {violation['help']} at {', '.join(node['target'])}: "
        f"{node.get('failureSummary', '')}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def inspect(tab, target: Page) -> PageReport:
    """Visit a page in a phone-sized tab and record everything the page checks look at."""
    tab.open(target)
    page_url = tab.page.url
    own_status = f"{target.status} {page_url}"
    own_error = f"status of {target.status}"
    return PageReport(
        page=target,
        violations=axe_violations(tab.page),
        scroll_width=tab.page.evaluate("document.documentElement.scrollWidth"),
        small_targets=tab.page.evaluate(SMALL_TARGETS),
        body_font_px=float(
            tab.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        ),
        small_text=tab.page.evaluate(SMALL_TEXT),
        offsite_requests=[
            url
            for url in tab.requests
            if not (url.startswith(f"{tab.origin}/") or url.startswith("data:"))
        ],
        failed_responses=[r for r in tab.failed_responses if r != own_status],
        # Chromium logs an error for a page served with an error status, as the 404 page is.
        console_errors=[
            error
            for error in tab.console_errors
            if not (target.status >= 400 and own_error in error and f"({page_url})" in error)
        ],
    )
