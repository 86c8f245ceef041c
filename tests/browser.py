"""Shared by the browser tests: Debian's Chromium driven by Playwright (never a downloaded browser build).

A browser test module sets `pytestmark = BROWSER` and asks for the `browser_page` fixture (tests/conftest.py)."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="需要 Debian 的 Chromium：/usr/bin/chromium 不存在"),
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the fixtures are still sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
