"""Nothing is fetched from outside the app's own server (officials work behind networks that cannot reach
Google's font servers), and the Material icons still draw as icons.

Every demo role (administrator, organiser, park official, viewer) visits every page the sidebar lists, in
Chinese (the administrator in English too), while every request
and websocket the browser opens is recorded; any http(s) or ws(s) address on another host fails the test.
An icon counts as drawn when the icon font is loaded and the icon's ligature (`dashboard`, `groups`, ...)
is one glyph wide: with the font missing the browser writes the name out in the fallback font, several
times wider, which the last test shows by blocking the font.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_journey import choose, idle
from tests.e2e.test_pages_zh import choose_role

pytestmark = pytest.mark.e2e

ICON_FONT = "Material Symbols Rounded"
HOME = {"zh": "全市概览", "en": "The city at a glance"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss"}  # data:, blob: and about: never leave the browser

# Problems with the page's Material icons (the sidebar's, the collapse button's, ...), as text (empty
# when every icon is drawn by the loaded icon font).
# The text's own box (a Range) is measured, not the element, whose width the stylesheet may fix.
ICON_PROBLEMS = """(family) => {
  const unquote = (name) => name.trim().replace(/^["']|["']$/g, "");
  const problems = [];
  const faces = [...document.fonts].filter((face) => unquote(face.family) === family);
  if (!faces.some((face) => face.status === "loaded")) {
    problems.push(`${family} not loaded (${faces.map((face) => face.status).join(", ") || "no font face"})`);
  }
  // the icons drawn now: one in a tab not chosen (display: none) has no box at all
  const icons = [...document.querySelectorAll("[data-testid=stIconMaterial]")].filter(
    (icon) => icon.getClientRects().length > 0,
  );
  if (icons.length === 0) problems.push("no icon on the page");
  for (const icon of icons) {
    const style = getComputedStyle(icon);
    if (unquote(style.fontFamily.split(",")[0]) !== family) {
      problems.push(`${icon.textContent}: font-family ${style.fontFamily}`);
    }
    const range = document.createRange();
    range.selectNodeContents(icon);
    const width = range.getBoundingClientRect().width;
    const size = parseFloat(style.fontSize);
    if (!(width > 0 && width <= 1.5 * size)) {
      problems.push(`${icon.textContent}: ${width.toFixed(1)} px wide at ${size} px, not one glyph`);
    }
  }
  return problems;
}"""


def icon_problems(page: Page) -> list[str]:
    page.evaluate("document.fonts.ready.then(() => true)")
    return list(page.evaluate(ICON_PROBLEMS, ICON_FONT))


def record_foreign(page: Page, app_url: str) -> list[str]:
    """A list that fills with every address the page's context asks for on another host than the app's."""
    own = urlsplit(app_url).netloc
    foreign: list[str] = []

    def note(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in NETWORK_SCHEMES and parts.netloc != own:
            foreign.append(f"{page.url} -> {url}")

    page.context.on("request", lambda request: note(request.url))
    page.on("websocket", lambda socket: note(socket.url))
    return foreign


def nav_links(page: Page) -> list[str]:
    """The addresses of every page in the sidebar (opening a collapsed "View N more" list if there is one)."""
    nav = page.get_by_test_id("stSidebarNav")
    if not nav.count():  # a role with one page (the viewer) has no list: that page is all
        return [page.url]
    more = nav.get_by_test_id("stSidebarNavViewButton")
    if more.count() and "less" not in more.inner_text().lower():
        more.click()
    links = nav.get_by_role("link").evaluate_all("links => links.map(link => link.href)")
    return [str(link) for link in links]


@pytest.mark.parametrize(
    ("role", "lang"),
    [("admin", "zh"), ("admin", "en"), ("organiser", "zh"), ("official", "zh"), ("viewer", "zh")],
)
def test_every_page_loads_only_from_the_app_server_with_icons_drawn(
    page: Page, app_url: str, artifacts: Path, role: str, lang: str
) -> None:
    foreign = record_foreign(page, app_url)
    choose_role(page, role)
    if lang == "en":
        choose(page, page.locator(".st-key-lang [role=combobox]"), "English")
        expect(page.get_by_role("heading", name=HOME["en"])).to_be_visible()
    idle(page)

    links = nav_links(page)
    assert len(links) >= (10 if role == "admin" else 1), f"{role} sees its pages: {links}"
    nav = page.get_by_test_id("stSidebarNav")
    problems: dict[str, list[str]] = {}
    for link in links:
        if len(links) > 1:
            nav.locator(f'a[href="{link}"]').click()
        expect(page).to_have_url(link)
        idle(page)
        if found := icon_problems(page):
            problems[link] = found
    page.screenshot(path=str(artifacts / f"offline-{role}-{lang}-last-page.png"))

    assert foreign == [], "requests that left the app's own server:\n" + "\n".join(foreign)
    assert problems == {}, f"icons not drawn by {ICON_FONT}: {problems}"


def test_navigation_lists_every_page_without_view_more(page: Page, app_url: str) -> None:
    """Streamlit folds a long sidebar behind an English "View N more"; the router shows every page."""
    page.goto("/")
    expect(page.get_by_role("heading", name=HOME["zh"])).to_be_visible()
    idle(page)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link").first).to_be_visible()
    expect(nav.get_by_test_id("stSidebarNavViewButton")).to_have_count(0)
    for link in nav.get_by_role("link").all():
        expect(link).to_be_visible()


def test_a_blocked_icon_font_is_noticed(page: Page, app_url: str) -> None:
    """The icon check is not vacuous: with the icon font blocked (as Google's font server is from the
    mainland) the icons are written out as words and the check says so."""
    page.route("**/*MaterialSymbols*", lambda route: route.abort())
    page.goto("/")
    expect(page.get_by_role("heading", name=HOME["zh"])).to_be_visible()
    idle(page)
    problems = icon_problems(page)
    assert any("not loaded" in problem for problem in problems), problems
    assert any("not one glyph" in problem for problem in problems), problems
