"""What the browser tests check on every page: axe-core results, focus styles, reflow."""

import pytest

# Officer pages (the Django admin) are held to WCAG 2.2 A/AA; public pages run every rule
# axe has on by default, best practice included (landmarks, heading order, …).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# GOV.UK Frontend's focus colour: every focused control is drawn with this yellow.
FOCUS_YELLOW = "rgb(255, 221, 0)"


def axe_violations(page, *, context=None, wcag_only=False) -> str:
    """Run axe-core on the page: "" when it passes, else what to fix and where."""
    from axe_playwright_python.sync_playwright import Axe

    if not getattr(page, "kp_javascript", True):
        pytest.fail("axe-core needs JavaScript: run it in a context with JavaScript on")
    options = {"resultTypes": ["violations"]}
    if wcag_only:
        options["runOnly"] = {"type": "tag", "values": WCAG_TAGS}
    violations = Axe().run(page, context=context, options=options).response["violations"]
    if not violations:
        return ""
    lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", " ")
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def assert_no_axe_violations(page, *, context=None, wcag_only=False):
    """axe-core finds nothing on the page: all rules, or only WCAG 2.2 A/AA (officer pages)."""
    report = axe_violations(page, context=context, wcag_only=wcag_only)
    if report:
        pytest.fail(report, pytrace=False)


def focus_style(page) -> dict:
    """The computed focus indicator of whatever has focus now, plus what it is."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            // GOV.UK radios and checkboxes hide the real input and draw the focus ring
            // on the label's ::before box.
            const drawn = /govuk-(radios|checkboxes)__input/.test(el.className) && el.labels[0];
            const s = drawn ? getComputedStyle(el.labels[0], "::before") : getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                text: (el.textContent || "").trim().slice(0, 80),
                outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
                outlineColor: s.outlineColor, boxShadow: s.boxShadow,
                background: s.backgroundColor,
            };
        }"""
    )


def assert_focus_visible(page):
    """The focused element shows GOV.UK's focus style: a yellow outline, fill or shadow."""
    style = focus_style(page)
    assert style["tag"] != "body", "nothing has focus"
    outlined = style["outlineStyle"] not in ("none", "") and style["outlineWidth"] != "0px"
    yellow = FOCUS_YELLOW in (style["outlineColor"], style["background"]) or (
        FOCUS_YELLOW in style["boxShadow"]
    )
    assert (outlined or style["boxShadow"] != "none") and yellow, (
        f"focused element has no visible GOV.UK focus style: {style}"
    )


def assert_no_horizontal_scroll(page, width):
    """At this viewport width the page reflows: nothing makes the user scroll sideways."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = page.evaluate(
            """(width) => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 0.5)
                .slice(0, 8)
                .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                     + (el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                     + ' right=' + Math.round(el.getBoundingClientRect().right))""",
            width,
        )
        pytest.fail(
            f"{page.url} scrolls sideways at {width}px: scrollWidth={scroll_width}. "
            f"Elements past the edge: {wide}",
            pytrace=False,
        )
