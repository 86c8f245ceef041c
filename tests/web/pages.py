"""Reading what a user sees on a page."""

import re


def figure(html: str, name: str) -> str:
    """The text of the funnel figure `name` as shown on the program page."""
    match = re.search(rf'data-figure="{name}">(.*?)</dd>', html, re.S)
    assert match, f"figure {name} missing"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
