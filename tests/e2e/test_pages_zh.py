"""Every page, for every demo role, in Chinese as Chromium draws it: no raw key, no English sentence, no
`None` in a cell (the check of tests/ui/test_untranslated.py, fed what the browser shows), and none of
Streamlit's own English chrome (Deploy, the main menu, "View N more"). Each page leaves a screenshot,
`test-artifacts/e2e/zh-<role>-<page>.png`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_journey import idle
from tests.ui.test_untranslated import problems

pytestmark = pytest.mark.e2e

HOME = "全市概览"
# The demo switch's options end with the role's name; the park official is the first park's.
ROLES = {"admin": "· 管理员", "organiser": "· 招聘会组织者", "official": "· 园区干部", "viewer": "· 访客"}

# Everything the page shows as text, the sidebar included: visible text without the icon ligatures
# (`dashboard` is drawn as a glyph by the icon font), the grids' cells and headers (their accessible
# table), the placeholders of empty inputs and the values of the chosen options. Text drawn nowhere on
# the page (Streamlit's "Skip to main content" link until it has the keyboard's focus) is left out.
SHOWN = """() => {
  const texts = [];
  const skip = (element) =>
    element.closest("[data-testid=stIconMaterial], [data-testid=stDataFrame], style, script, noscript") ||
    getComputedStyle(element).fontFamily.includes("Material Symbols");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text || skip(node.parentElement)) continue;
    const box = node.parentElement.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || box.right <= 0 || box.bottom <= 0) continue;
    texts.push(["text", text]);
  }
  for (const grid of document.querySelectorAll("[data-testid=stDataFrame]")) {
    for (const head of grid.querySelectorAll("table th")) texts.push(["table header", head.textContent.trim()]);
    for (const cell of grid.querySelectorAll("table td")) texts.push(["table cell", cell.textContent.trim()]);
  }
  for (const input of document.querySelectorAll("input, textarea")) {
    if (["hidden", "file", "checkbox", "radio"].includes(input.type)) continue;
    if (input.value) texts.push(["input value", input.value]);
    else if (input.placeholder) texts.push(["placeholder", input.placeholder]);
  }
  return texts.filter(([, text]) => text !== "");
}"""


def demo_users(database_url: str) -> list[str]:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return [name for (name,) in connection.execute("SELECT username FROM users")]


def choose_role(page: Page, role: str) -> None:
    """The sidebar's demo switch set to the role's demo user (the administrator is the default)."""
    page.goto("/")
    expect(page.get_by_role("heading", name=HOME)).to_be_visible()
    idle(page)
    if role == "admin":
        return
    page.locator(".st-key-demo_user-zh [role=combobox]").click()
    page.get_by_role("option").filter(has_text=ROLES[role]).first.click()
    idle(page)
    expect(page.get_by_role("heading", name=HOME)).to_be_visible()


def no_english_chrome(page: Page) -> list[str]:
    """Streamlit's own controls an official must not meet: the Deploy button, the main menu (its items
    are English), the developer toolbar and a sidebar folded behind "View N more"."""
    found = []
    for test_id in ("stAppDeployButton", "stMainMenu", "stToolbarActions", "stSidebarNavViewButton"):
        if page.get_by_test_id(test_id).count():
            found.append(f"chrome: {test_id} shown")
    if page.get_by_text("Deploy", exact=True).count():
        found.append("chrome: Deploy shown")
    return found


def nav_pages(page: Page) -> list[tuple[str, str]]:
    """Every page the sidebar lists (address, name); a role with one page has no sidebar list, only it."""
    nav = page.get_by_test_id("stSidebarNav")
    if not nav.count():
        return [(page.url, HOME)]
    links = nav.get_by_role("link").evaluate_all(
        "links => links.map(link => [link.href, link.innerText.split('\\n').pop().trim()])"
    )
    return [(str(href), str(name)) for href, name in links]


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_in_chinese_has_no_english_key_or_none(
    page: Page, app_url: str, e2e_database: str, artifacts: Path, role: str
) -> None:
    users = demo_users(e2e_database)
    choose_role(page, role)
    links = nav_pages(page)
    assert links, "the role has pages"
    nav = page.get_by_test_id("stSidebarNav")
    report: dict[str, list[str]] = {}
    for href, name in links:
        if len(links) > 1:
            nav.locator(f'a[href="{href}"]').click()
        expect(page).to_have_url(href)
        idle(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        slug = urlsplit(href).path.strip("/") or "overview"
        page.screenshot(path=str(artifacts / f"zh-{role}-{slug}.png"), full_page=True)
        shown = [(where, text) for where, text in page.evaluate(SHOWN)]
        if found := no_english_chrome(page) + problems(shown, "zh", users):
            report[f"{name} ({slug})"] = sorted(set(found))
    lines = [f"{where}:\n    " + "\n    ".join(found[:25]) for where, found in report.items()]
    assert not report, f"{role}: pages with English, keys or None:\n" + "\n".join(lines)
