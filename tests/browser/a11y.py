"""Page checks run on every page a journey visits: axe-core for the accessibility rules a court
cannot ship without (contrast, labels, names of buttons and links, the page language), and on a
phone no text under 14 px and nothing overflowing sideways.

axe is vendored under tests/browser/vendor (test-only, never served). It is evaluated through
Playwright's protocol channel (`page.evaluate`), which the pages' Content-Security-Policy does not
govern, so the journey runs under the real CSP; a `<script>` tag added to the page would be
refused by it."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

# The rules named by issue 12: contrast, form labels, names of buttons and links, lang.
RULES = [
    "color-contrast",
    "label",
    "select-name",
    "button-name",
    "input-button-name",
    "link-name",
    "html-has-lang",
    "html-lang-valid",
    "valid-lang",
]
BLOCKING = ("serious", "critical")
MIN_PHONE_FONT_PX = 14

_RUN = """async (rules) => {
  const result = await axe.run(document, {runOnly: {type: "rule", values: rules},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""

# Visible text nodes whose computed font size is under the minimum (visually hidden labels, 1 px
# boxes, are for screen readers and do not count).
_SMALL_TEXT = """(minimum) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const size = parseFloat(style.fontSize);
    if (size < minimum) found.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px: ${text.slice(0, 30)}`);
  }
  return found.slice(0, 10);
}"""


@cache
def _axe_source() -> str:
    source = AXE.read_bytes()
    assert hashlib.sha256(source).hexdigest() == AXE_SHA256, "axe.min.js differs from VENDORED.md"
    return source.decode()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical violations of RULES on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    violations = page.evaluate(_RUN, RULES)
    return [v for v in violations if v["impact"] in BLOCKING]


def small_text(page: Any) -> list[str]:
    return list(page.evaluate(_SMALL_TEXT, MIN_PHONE_FONT_PX))


def overflows_sideways(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))


def check_page(page: Any, *, phone: bool) -> None:
    """Fail with what is wrong on the current page, naming its address."""
    page.wait_for_load_state("load")
    where = page.url
    problems = [f"axe {v['id']} ({v['impact']}): {v['help']}: {v['nodes']}"
                for v in axe_violations(page)]  # fmt: skip
    if phone:
        if overflows_sideways(page):
            problems.append("the page overflows sideways on a phone")
        problems += [f"text under {MIN_PHONE_FONT_PX}px: {t}" for t in small_text(page)]
    assert not problems, f"{where}:\n" + "\n".join(problems)
