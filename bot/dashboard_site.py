"""The private dashboard's page, served by the bot's own HTTP server (bot.web).

Routes (each answers only a valid link's token, ``?t=...``, else one 403 page saying nothing
about why; the script and style sheet are the same for everyone and carry no data):

- ``GET /dashboard``: the page, in the community's language;
- ``GET /dashboard.json``: what the page shows, read by its script every few seconds;
- ``GET /dashboard.png``: the chart of the last 30 days (drawn in a worker thread);
- ``GET /dashboard-map.png``: the map of the last 30 days' calls by state (the same);
- ``GET /dashboard.js``, ``GET /dashboard.css``: the page's script and style.

The page's addresses are relative (``dashboard.json``), so a reverse proxy may serve it under
a path of its own. Every answer carries strict headers (:data:`SECURITY_HEADERS`): a Content
Security Policy allowing only this origin's images, script, style and requests and no inline
script, no framing, no referrer, no caching, no content sniffing. Nothing is logged that holds
a token.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from importlib import resources

from aiohttp import web

from bot.charts import day_labels, stacked_days_png
from bot.core.dashboard_links import PAGE_PATH, TOKEN_PARAM, DashboardLinks
from bot.core.dashboard_view import DashboardData, DashboardView
from bot.domain.dashboard_models import DashboardLink
from bot.domain.errors import Unavailable
from bot.domain.text import Text, t
from bot.i18n.languages import LANGUAGES
from bot.i18n.translator import Translator, Translators
from bot.i18n.when_words import At
from bot.tile_maps import state_map_png
from bot.web import WebServer

log = logging.getLogger(__name__)

REFRESH_SECONDS = 5.0
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
REFUSED = t("This link is not valid.")
GONE = t("This link no longer works. Ask for a new one with /dashboard.")
RETRYING = t("Could not refresh; trying again…")
LIVE = t("Live: refreshes every few seconds.")
PRIVATE = t(
    "Private page: anyone who has this link can see it until {when}. Nothing on it names a member."
)
NO_SCRIPT = t("This page needs JavaScript to show its numbers.")
COUNTS = t("Actions")
OUTCOME = t("Outcome")
CHART = t("Actions per day over the last 30 days")
NO_CHART = t("No actions in the last 30 days yet, so no chart.")
NOTES = t("Office notes (last 30 days)")
NO_NOTES = t("No office notes in the last 30 days.")
MAP = t("Calls by state over the last 30 days, per 100,000 residents")
MAP_PATH = "/dashboard-map.png"
STANCES = t("Stances")
STANCE_COLUMNS = (
    t("Lawmaker"),
    t("Stance"),
    t("Calls this week"),
    t("What callers heard this week"),
    t("Latest office note"),
)
NO_STANCES = t("No lawmaker targeted or called yet.")


def _asset(name: str) -> bytes:
    return resources.files("bot.resources").joinpath("dashboard", name).read_bytes()


class DashboardSite:
    """Serves the pages of :class:`DashboardLinks`' links with :class:`DashboardView`."""

    def __init__(
        self,
        links: DashboardLinks,
        view: DashboardView,
        words: Translators,
        refresh_seconds: float = REFRESH_SECONDS,
    ) -> None:
        self._links = links
        self._view = view
        self._words = words
        self._refresh = refresh_seconds
        self._script = _asset("page.js")
        self._style = _asset("page.css")

    def mount(self, server: WebServer) -> Callable[[], None]:
        """Serve the routes on ``server``; returns the function that unmounts them."""
        removers = [
            server.add_route("GET", PAGE_PATH, self.page),
            server.add_route("GET", f"{PAGE_PATH}.json", self.data),
            server.add_route("GET", f"{PAGE_PATH}.png", self.chart),
            server.add_route("GET", MAP_PATH, self.map),
            server.add_route("GET", f"{PAGE_PATH}.js", self.script),
            server.add_route("GET", f"{PAGE_PATH}.css", self.style),
        ]

        def remove() -> None:
            for unmount in removers:
                unmount()

        return remove

    # -- routes --------------------------------------------------------------------------------
    async def page(self, request: web.Request) -> web.Response:
        return await self._answer(request, self._page)

    async def data(self, request: web.Request) -> web.Response:
        return await self._answer(request, self._data)

    async def chart(self, request: web.Request) -> web.Response:
        return await self._answer(request, self._chart)

    async def map(self, request: web.Request) -> web.Response:
        return await self._answer(request, self._map)

    async def script(self, request: web.Request) -> web.Response:
        return _response(self._script, "text/javascript")

    async def style(self, request: web.Request) -> web.Response:
        return _response(self._style, "text/css")

    # -- answers -------------------------------------------------------------------------------
    async def _answer(
        self,
        request: web.Request,
        make: Callable[[DashboardLink, DashboardData], Awaitable[web.Response]],
    ) -> web.Response:
        """``make``'s answer for a valid link still showing something, else the 403 page."""
        try:
            link = await self._links.open(request.query.get(TOKEN_PARAM, ""))
            found = await self._view.data(link) if link is not None else None
            if link is None or found is None:
                return self.refused()
            return await make(link, found)
        except Unavailable:
            return _response(b"", "text/plain", status=503)
        except Exception:  # never the token: it is a bearer credential
            log.exception("the dashboard failed to answer %s", request.path)
            return _response(b"", "text/plain", status=500)

    def refused(self) -> web.Response:
        """The one 403 page: whatever the reason, it says nothing about it (in both
        languages, as no valid link says which one the reader speaks)."""
        said = " ".join(
            f'<p lang="{code}">{html.escape(self._words(code).render(REFUSED))}</p>'
            for code in LANGUAGES
        )
        page = (
            '<!doctype html><html><head><meta charset="utf-8"><title>403</title></head>'
            f"<body><h1>403</h1>{said}</body></html>"
        )
        return _response(page.encode("utf-8"), "text/html", status=403)

    async def _page(self, link: DashboardLink, found: DashboardData) -> web.Response:
        community = await self._view.community(link)
        words = self._words(found.language)
        zone = community.timezone if community else "UTC"
        private = words.render(PRIVATE.with_values(when=At(link.expires_at, zone)))
        return _response(render_page(found, words, private, self._refresh), "text/html")

    async def _data(self, link: DashboardLink, found: DashboardData) -> web.Response:
        body = json.dumps(found.as_json(), ensure_ascii=False).encode("utf-8")
        return _response(body, "application/json")

    async def _chart(self, link: DashboardLink, found: DashboardData) -> web.Response:
        if not found.chart_series:
            return _response(b"", "text/plain", status=404)
        png = await asyncio.to_thread(
            stacked_days_png,
            list(found.chart_days),
            {label: list(counts) for label, counts in found.chart_series.items()},
            found.chart_title,
            ylabel=found.chart_axis,
            labels=day_labels(list(found.chart_days), found.language),
        )
        return _response(png, "image/png")

    async def _map(self, link: DashboardLink, found: DashboardData) -> web.Response:
        calls = found.calls
        if calls is None:
            return _response(b"", "text/plain", status=404)
        shown = {
            place: calls.amount(place).said(found.language) for place, n in calls.calls.items() if n
        }
        png = await asyncio.to_thread(
            state_map_png, calls.values, shown, found.map_title, found.map_legend, found.map_empty
        )
        return _response(png, "image/png")


def render_page(found: DashboardData, words: Translator, private: str, refresh: float) -> bytes:
    """The page's HTML: its frame and words; the script fills in the numbers and notes."""

    def say(text: Text) -> str:
        return html.escape(words.render(text))

    heads = "".join(f'<th scope="col">{html.escape(p)}</th>' for p in found.periods)
    stance_heads = "".join(f'<th scope="col">{say(c)}</th>' for c in STANCE_COLUMNS)
    data = {
        "refresh": f"{refresh:g}",
        "gone": words.render(GONE),
        "retry": words.render(RETRYING),
        "live": words.render(LIVE),
    }
    attributes = " ".join(f'data-{k}="{html.escape(v)}"' for k, v in data.items())
    title = html.escape(found.title)
    page = f"""<!doctype html>
<html lang="{found.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="stylesheet" href="dashboard.css">
<script src="dashboard.js" defer></script>
</head>
<body {attributes}>
<header>
<h1 id="title">{title}</h1>
<p class="private">{html.escape(private)}</p>
</header>
<main id="main">
<noscript><p>{say(NO_SCRIPT)}</p></noscript>
<section>
<h2>{say(COUNTS)}</h2>
<table id="counts">
<thead><tr><th scope="col">{say(OUTCOME)}</th>{heads}</tr></thead>
<tbody id="counts-body"></tbody>
</table>
</section>
<section>
<h2>{say(CHART)}</h2>
<img id="chart" alt="{html.escape(found.chart_title)}" hidden>
<p id="no-chart" hidden>{say(NO_CHART)}</p>
</section>
<section id="map-section" hidden>
<h2>{say(MAP)}</h2>
<img id="map" alt="{html.escape(found.map_alt)}">
</section>
<section id="stances-section" hidden>
<h2>{say(STANCES)}</h2>
<table id="stances">
<thead><tr>{stance_heads}</tr></thead>
<tbody id="stances-body"></tbody>
</table>
<p id="no-stances" hidden>{say(NO_STANCES)}</p>
</section>
<section>
<h2>{say(NOTES)}</h2>
<ul id="notes"></ul>
<p id="no-notes" hidden>{say(NO_NOTES)}</p>
</section>
</main>
<footer><p id="status" role="status"></p></footer>
</body>
</html>
"""
    return page.encode("utf-8")


def _response(body: bytes, content_type: str, status: int = 200) -> web.Response:
    charset = "utf-8" if content_type.startswith(("text/", "application/json")) else None
    return web.Response(
        body=body,
        status=status,
        content_type=content_type,
        charset=charset,
        headers=SECURITY_HEADERS,
    )
