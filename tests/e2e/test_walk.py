"""A walk through the whole site for every demo role, on a phone (390 px) and a laptop (1366 px), in
Hebrew, English and Arabic: every page of the menu and the main pages reached from it.

On every visit two things are checked:

* the page is no wider than the window (``scrollWidth > innerWidth`` is a horizontal scrollbar, and in
  a right-to-left page it means the *start* of every line is cut off); wide tables scroll in their own
  box instead;
* a Hebrew or Arabic page shows no Latin-script words but names and technical terms
  (``untranslated_latin``): a Latin word there is an English string nobody translated.

Every visit is also saved as a full-page screenshot for a person to look at, under ``$SCREENSHOT_DIR``
(by default ``<repo>/test-screenshots/<language>/<role>-<width>/``); the suite prints the folder at its
end. One test per language, so xdist spreads the three over its processes; inside a test the demo
data is loaded once and one browser context serves each role and width.
"""

import re
import shutil
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from api_human.core.demo import DEMO_LOGINS, DEMO_PASSWORD, DIGITAL_WELFARE
from api_human.core.management.commands.loaddemo import load_all_demo
from api_human.core.models import Engagement, Organization, Stage, User
from tests.conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = [username for username, *_ in DEMO_LOGINS]  # team, manager, partner, admin
WIDTHS = {390: 844, 1366: 900}  # width: height (a phone, a laptop)
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Pages the menu leads to, besides the menu itself: the first link of each kind found on the menu's
# pages (the demo's main engagement is preferred for the engagement page and its dashboard).
DETAIL_PAGES = {
    "engagement": r"/engagements/\d+/",
    "stage dashboard": r"/dashboards/engagements/\d+/",
    "digest": r"/dashboards/digest/",
    "initiative": r"/initiatives/\d+/",
    "tension": r"/tensions/\d+/",
    "opportunity": r"/opportunities/\d+/",
    "organisation": r"/organizations/\d+/",
    "rubric": r"/rubrics/\d+/",
    "notifications": r"/notifications/",
    "webhook deliveries": r"/partner/webhooks/\d+/deliveries/",
}
# Pages reached from those pages (the engagement page leads to its connective work): the first link
# of each kind found on them, visited next.
SECOND_PAGES = {
    "mediation map": r"/engagements/\d+/mediation-map/",
    "event": r"/events/\d+/",
}
# Every ministry-side role must reach these; a missing one means the walk lost its way.
MINISTRY_DETAILS = {
    "engagement",
    "stage dashboard",
    "digest",
    "initiative",
    "tension",
    "opportunity",
    "organisation",
    "mediation map",
    "event",
}
EXPECTED_DETAILS = {
    "team": MINISTRY_DETAILS,
    "manager": MINISTRY_DETAILS,
    "admin": MINISTRY_DETAILS,
    "partner": set(),
}
OUT_OF_SCOPE = ("/admin/",)  # Django's own administration
API_DOCS = "/api/docs/"
# Swagger UI is the same page whoever asks (and slow to draw): walked once per language and width.
SAME_FOR_EVERY_ROLE = {API_DOCS}


# --------------------------------------------------------------------------------------------------
# The Latin-word check
# --------------------------------------------------------------------------------------------------
# Technical terms that stay in Latin letters in every language: file formats and acronyms, and the
# names of the web protocol partners code against (HTTP methods and statuses, headers).
LATIN_TERMS = {"API", "REST", "CSV", "XLSX", "PDF", "TRL", "JSON", "URL", "HTTP", "HTTPS", "POST", "2xx"}
LATIN_TERMS |= {"Authorization", "Api-Key", "Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"}
# Swagger UI is the API's own reference: its text comes from the schema and the tool, in English.
LATIN_EXEMPT_PAGES = {API_DOCS}

URL_OR_EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?:https?://|www\.)\S+"  # addresses
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|il|gov|ai|app|co)(?:/\S*)?\b"  # bare domains (monday.com)
)
LATIN_WORD = re.compile(r"[0-9]*[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*")
# A run of Latin words on one line: what a translator looks for ("Waiting for sign-off").
LATIN_RUN = re.compile(
    r"[0-9]*[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*(?:[ \t,;:&/()+._]+[A-Za-z0-9][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*)*"
)
RUN_EDGES = " \t,;:&/()+._"
# A name counts only as a whole word: "scale" is no excuse for "initiative-scale-readiness", while
# Hebrew joins its prefixes to a Latin word with a hyphen ("ל-Uniper").
NOT_AFTER_LATIN = r"(?<![A-Za-z0-9_])(?<![A-Za-z0-9][.-])"
NOT_BEFORE_LATIN = r"(?![A-Za-z0-9_])(?![.-][A-Za-z0-9])"
HEBREW = re.compile(r"[\u0590-\u05FF]")


@dataclass
class LatinAllowlist:
    """Names that are rightly written in Latin letters inside a Hebrew or Arabic page."""

    phrases: set[str] = field(default_factory=set)  # taken out whole first: organisation names, usernames
    words: set[str] = field(default_factory=set)


def stage_codes_in(language):
    """The stages' codes as the language's translation writes them: the part of each translated label
    before " — " (א', ב'1… in Hebrew; the Arabic translation keeps A, B1…). An untranslated label
    gives nothing, so an English code on a Hebrew page is still caught."""
    with translation.override("en"):
        english = [str(label) for label in Stage.labels]
    with translation.override(language):
        translated = [str(label) for label in Stage.labels]
    return {
        label.split(" — ")[0].strip() for label, en in zip(translated, english, strict=True) if label != en
    }


def latin_allowlist_from_database(language):
    """The technical terms, the stage codes as the language's translation writes them, and the names
    read from the database: organisations, usernames, and the product and project names the demo
    data mentions.

    Those are the Latin phrases inside the Hebrew texts the team wrote (``פלטפורמת Workplace``, ``Two in
    a box``): every text field of the project's own models that holds Hebrew counts, but never a field
    with choices (a raw choice value on a page is exactly the untranslated English this check looks
    for), and a stage's code (A, B1…) in a text does not excuse one that the interface did not write
    in the page's letters (א', ב'1…)."""
    allow = LatinAllowlist(words=set(LATIN_TERMS) | stage_codes_in(language))
    allow.phrases |= {
        name for name in Organization.objects.values_list("name", flat=True) if LATIN_WORD.search(name)
    }
    # A person's name is shown, or their username when they have none.
    allow.phrases |= set(User.objects.filter(first_name="", last_name="").values_list("username", flat=True))
    for model in apps.get_models():
        if model.__name__.startswith("Historical") or not model.__module__.startswith(
            ("api_human.", "stages.", "initiatives.", "tensions.", "opportunities.")
        ):
            continue
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for row in model.objects.values_list(*text_fields) if text_fields else []:
            for value in row:
                if value and HEBREW.search(value):
                    runs = (run.strip(RUN_EDGES) for run in LATIN_RUN.findall(URL_OR_EMAIL.sub(" ", value)))
                    allow.phrases |= {run for run in runs if run and run not in Stage.values}
    return allow


def untranslated_latin(text, allow):
    """The runs of Latin-script words in a page's visible text that are neither names nor technical
    terms (in a Hebrew or Arabic page: English that was never translated), each with the line it is on."""
    text = URL_OR_EMAIL.sub(" ", text)
    for phrase in sorted(allow.phrases, key=len, reverse=True):
        text = re.sub(rf"{NOT_AFTER_LATIN}{re.escape(phrase)}{NOT_BEFORE_LATIN}", " ", text)
    found = {}
    for line in text.splitlines():
        for run in LATIN_RUN.findall(line):
            run = run.strip(RUN_EDGES)
            if run and any(word not in allow.words for word in LATIN_WORD.findall(run)):
                found.setdefault(run, " ".join(line.split()))
    return found


# --------------------------------------------------------------------------------------------------
# What the browser is asked
# --------------------------------------------------------------------------------------------------
# The width of the page and the window, and the outermost elements that stick out of the window
# (not counting what is clipped by a box that scrolls or hides its overflow).
MEASURE = """() => {
    const width = window.innerWidth, scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
        const sticksOut = (el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.right > width + 1 || r.left < -1);
        };
        // Clipped by a box that scrolls or hides its overflow. An absolutely positioned element (such
        // as Bootstrap's .visually-hidden) escapes such a box unless the box or one inside it is positioned.
        const clipped = (el) => {
            const position = getComputedStyle(el).position;
            let escaping = position === "absolute" || position === "fixed";
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                const style = getComputedStyle(a);
                if (escaping && ((position === "absolute" && style.position !== "static") || style.transform !== "none")) {
                    escaping = false;
                }
                if (!escaping && style.overflowX !== "visible") return true;
            }
            return false;
        };
        const outside = (el) => el && el !== document.body && sticksOut(el) && !clipped(el);
        for (const el of document.body.querySelectorAll("*")) {
            if (!outside(el) || outside(el.parentElement)) continue;  // only the outermost
            const r = el.getBoundingClientRect();
            const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                + (el.classList.length ? "." + [...el.classList].join(".") : "");
            culprits.push(`${name} [${Math.round(r.left)}..${Math.round(r.right)}] `
                + JSON.stringify((el.innerText || "").trim().slice(0, 40)));
            if (culprits.length >= 6) break;
        }
    }
    return {width, scrollWidth, culprits};
}"""
# The visible text, without what is marked as written in another language (the language switcher's
# "English", "עברית", "العربية") and without code (an event's name, an address, a header).
VISIBLE_TEXT = """(language) => {
    let text = document.body.innerText;
    for (const el of document.body.querySelectorAll("[lang], code, kbd, samp, pre")) {
        // el.lang is "" for code that does not say its language
        if (el.lang !== language && el.innerText) text = text.split(el.innerText).join("\\n");
    }
    return text;
}"""
MENU_ROWS = """() => {
    const links = [...document.querySelectorAll("#main-nav .nav-link")];
    const lineHeight = parseFloat(getComputedStyle(links[0]).lineHeight);
    return {
        rows: new Set(links.map(a => Math.round(a.getBoundingClientRect().top))).size,
        wrapped: links.filter(a => a.getBoundingClientRect().height > 2 * lineHeight).map(a => a.innerText),
    };
}"""
MENU_CUT = """() => [...document.querySelectorAll("#main-nav .nav-link")]
    .filter(a => { const r = a.getBoundingClientRect(); return r.left < -1 || r.right > window.innerWidth + 1; })
    .map(a => a.innerText)"""
LINKS = """() => [...document.querySelectorAll("a[href]")].map(a => a.pathname).filter(Boolean)"""


@dataclass
class Walk:
    """What one language's walk found, and where it saved its screenshots."""

    language: str
    allow: LatinAllowlist
    overflows: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latin: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # path: run: {role@width}
    context: dict[str, str] = field(default_factory=dict)  # run: the line it was found on
    visits: int = 0

    def screenshot(self, page, role, width, name):
        folder = SCREENSHOT_DIR / self.language / f"{role}-{width}"
        folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "home"
        page.screenshot(path=folder / f"{self.visits:03d}-{slug}.png", full_page=True)

    def check(self, page, role, width, label="", kind=""):
        """Measure the page now shown, take its picture and read its text."""
        self.visits += 1
        path = urlsplit(page.url).path
        name = f"{path} ({kind})" if kind else path
        where = f"{role} · {width}px · {self.language} · {name}" + (f" ({label})" if label else "")
        measured = page.evaluate(MEASURE)
        if measured["scrollWidth"] > measured["width"]:
            self.overflows.append(
                f"{where}: {measured['scrollWidth']}px wide in a {measured['width']}px window — "
                + "; ".join(measured["culprits"])
            )
        self.screenshot(page, role, width, f"{path}-{label}" if label else path)
        if self.language in {"he", "ar"} and path not in LATIN_EXEMPT_PAGES:
            text = page.evaluate(VISIBLE_TEXT, self.language)
            for run, line in untranslated_latin(text, self.allow).items():
                self.latin.setdefault(name, {}).setdefault(run, set()).add(f"{role}@{width}")
                self.context.setdefault(run, line)

    def visit(self, page, role, width, path, kind=""):
        response = page.goto(path)
        if response is None or not response.ok:
            status = response.status if response else "no response"
            self.errors.append(f"{role} · {width}px · {self.language} · {path}: {status}")
            return []
        if path == API_DOCS:  # Swagger draws the operations after the load, from the schema it fetches
            page.locator(".swagger-ui .opblock").first.wait_for(timeout=20_000)
        self.check(page, role, width, kind=kind)
        return page.evaluate(LINKS)

    def check_the_menu(self, page, role, width):
        """On a laptop the menu is one row, each label on one line. On a phone it is behind a button:
        open it, and every item must be whole inside the window."""
        where = f"{role} · {width}px · {self.language}"
        toggler = page.locator(".navbar-toggler")
        if not toggler.is_visible():
            rows = page.evaluate(MENU_ROWS)
            if rows != {"rows": 1, "wrapped": []}:
                self.errors.append(
                    f"{where}: the menu takes {rows['rows']} rows; labels on two lines: {rows['wrapped']}"
                )
            return
        toggler.click()
        page.locator("#main-nav.show").wait_for()
        self.check(page, role, width, "menu open")
        cut = page.evaluate(MENU_CUT)
        if cut:
            self.errors.append(f"{where}: menu items cut off: {cut}")
        toggler.click()
        page.locator("#main-nav.show").wait_for(state="detached")

    def walk_as(self, page, role, width, main_engagement):
        page.goto("/accounts/login/")
        if role == ROLES[0]:
            self.check(page, "anonymous", width)
        page.fill("#id_username", role)
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
        self.check_the_menu(page, role, width)

        menu = page.evaluate(
            """() => [...document.querySelectorAll("#main-nav a[href], header .utility-bar a[href]")]
                .map(a => a.pathname)"""
        )
        menu = [path for path in dict.fromkeys(menu) if not path.startswith(OUT_OF_SCOPE)]
        if role != ROLES[0]:
            menu = [path for path in menu if path not in SAME_FOR_EVERY_ROLE]
        links = []
        for path in menu:
            links += self.visit(page, role, width, path)

        details = self.first_of_each(DETAIL_PAGES, links, menu, main_engagement)
        further = []
        for kind, path in details.items():
            further += self.visit(page, role, width, path, kind)
        seconds = self.first_of_each(SECOND_PAGES, further, menu, main_engagement)
        for kind, path in seconds.items():
            self.visit(page, role, width, path, kind)
        missing = EXPECTED_DETAILS[role] - set(details) - set(seconds)
        if missing:
            self.errors.append(f"{role} · {width}px · {self.language}: found no link to {sorted(missing)}")

    @staticmethod
    def first_of_each(patterns, links, menu, main_engagement):
        """The first link of each kind (the main engagement's, for its pages)."""
        chosen = {}
        for kind, pattern in patterns.items():
            found = [path for path in links if re.fullmatch(pattern, path) and path not in menu]
            preferred = [path for path in found if re.search(rf"/{main_engagement}/", path)]
            if preferred and kind in {"engagement", "stage dashboard", "mediation map"}:
                found = preferred
            if found:
                chosen[kind] = found[0]
        return chosen

    def report(self):
        lines = []
        for path, runs in sorted(self.latin.items()):
            lines.append(f"  {path}")
            for run, seen in sorted(runs.items()):
                context = self.context[run]
                lines.append(f"      {run!r}" + (f"   in “{context[:100]}”" if context != run else ""))
                lines.append(f"          ({', '.join(sorted(seen))})")
        return "\n".join(lines)


@pytest.fixture
def demo(transactional_db):
    load_all_demo()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_a_phone_and_a_laptop_and_speaks_the_language(chromium, live_server, demo, language):
    started = time.monotonic()
    shutil.rmtree(SCREENSHOT_DIR / language, ignore_errors=True)
    walk = Walk(language, latin_allowlist_from_database(language))
    main_engagement = Engagement.objects.get(name=DIGITAL_WELFARE).pk
    for role in ROLES:
        for width, height in WIDTHS.items():
            context = chromium.new_context(
                base_url=live_server.url, viewport={"width": width, "height": height}
            )
            context.set_default_timeout(10_000)
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            )
            try:
                walk.walk_as(context.new_page(), role, width, main_engagement)
            finally:
                context.close()
    # tests/conftest.py prints this at the end of the run
    (SCREENSHOT_DIR / language / "walk.txt").write_text(
        f"{language}: {walk.visits} pages walked in {time.monotonic() - started:.0f} s\n"
    )

    assert walk.errors == [], "\n".join(walk.errors)
    assert walk.overflows == [], "Pages wider than the window:\n" + "\n".join(walk.overflows)
    assert walk.latin == {}, f"Latin-script text on {language} pages (untranslated):\n{walk.report()}"


def test_the_latin_check_finds_english_and_spares_names():
    """Guards the guard: English left in a Hebrew page is found, names and technical terms are not."""
    allow = LatinAllowlist(phrases={"Uniper", "Two in a box"}, words=set(LATIN_TERMS))
    text = (
        "ממתין לאישור\nWaiting for sign-off 3\nהשותף ל-Uniper עובד ב-Two in a box עם ה-API\n"
        "ייצוא: CSV · XLSX · https://example.org/x · dana@example.org\nמדד initiative-scale-readiness"
    )
    assert untranslated_latin(text, allow) == {
        "Waiting for sign-off 3": "Waiting for sign-off 3",
        "initiative-scale-readiness": "מדד initiative-scale-readiness",
    }
