"""List English UI text that staff meet in the Wagtail admin while it speaks Chinese.

    .venv/bin/python scripts/find_english_admin.py [--var-dir DIR] [--users a,b] [--json OUT]
    .venv/bin/python scripts/find_english_admin.py --gaps-only

Builds a throw-away demo database (``migrate`` + ``seed_demo`` under a temporary
MINSHENG_VAR_DIR; ``--var-dir`` keeps and reuses one), logs in as a city coordinator
and a town liaison, and GETs the admin: seed URLs (dashboard, page explorer, page edit /
history / add-subpage / delete / unpublish, snippets, images, documents, users, reports,
workflows, settings, search, choosers, every menu entry our apps register), then the
admin links found there, one URL per path shape. From each page it takes the text
nodes, the ``placeholder``/``title``/``aria-label``/``alt`` attributes, button values,
``data-*-value`` attributes and the strings of JSON data blocks (``wagtail-config``
with its ``STRINGS``, sidebar props, block definitions), and reports the runs that
read as English UI words. Chinese runs become ``…`` and numbers ``N`` so that one
English template counts once ("Sort by '…' in ascending order.").

It also fetches the admin's JavaScript catalogue (/admin/jsi18n/) and lists Wagtail's
JS msgids without Chinese, and (``--gaps-only`` does just this, without a database)
lists the msgids of Wagtail's installed apps that neither Wagtail's zh_Hans catalogue
nor ours (minsheng/wagtail_zh) translate: the list to work from after a Wagtail upgrade.

The exit code is 0 whatever is found: this is a report, not a test.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zoneinfo
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> set[str]:
    return set(text.split())


# Words that are fine in a Chinese admin: product names, formats, units, key names.
ALLOWED = _words(
    "wagtail django javascript excel xlsx xls csv ods pdf docx doc word wps txt zip mp4 svg png jpg jpeg gif"
    " webp avif heic id url urls html json api ip e-mail email kb mb gb px seo utc ok rss qr ssl http https www"
    " iframe bilibili localhost unicode utf-8 ctrl cmd shift alt enter esc tab english v2 v3"
)
# Data, not UI: the demo's user names, shown as entered.
DATA_WORDS = _words("coordinator minzheng weijian qingshan baita liuhe jiaoyu zhangzhuang supervisor admin root")
TIME_ZONES = zoneinfo.available_timezones() | {"GMT", "UTC", "Zulu", "Universal", "Greenwich", "UCT", "Factory"}
SKIP_PATH_PARTS = (
    "/logout",
    "/jsi18n/",
    "/sprite/",
    "/preview",
    "/failwhale/",
    "/test404/",
    "/admin/api/",
    "/export/",
    "export_format=",
    ".xlsx",
    ".csv",
    ".pdf",
    "/download/",
    "/serve/",
    "/original/",
)
TEXT_ATTRS = ("placeholder", "title", "aria-label", "alt", "aria-description", "aria-placeholder")
LATIN = re.compile(r"[A-Za-z]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|__[A-Z_]+__|%[sd]")
# a token that is code, not words: dotted/underscored names, paths, #ids, date formats
CODE_TOKEN = re.compile(
    r"^(\S*[._/#@=]\S*|[A-Z0-9-]{2,}|[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+[A-Z]\w*|[YmdHisDMjnNaAgGhP:/ -]+)$"
)
URLISH = re.compile(r"(https?://|www\.|mailto:|\.(png|jpe?g|gif|svg|webp|docx?|xlsx?|pdf|csv|ods|mp4|txt|zip)\b)", re.I)
# Strings that are not UI (checked after normalisation).
IGNORE = {
    "None",  # the side panel's hidden comment counter before JavaScript fills it in
}


def normalise(text: str) -> str:
    """One key per English template: Chinese runs become …, digits N."""
    text = " ".join(text.split())
    text = CJK.sub("…", text)
    return re.sub(r"\d+(?:[.,:]\d+)*", "N", text)


def is_ui_english(text: str) -> bool:
    """True for a run of text that reads as English UI words."""
    text = " ".join(text.split())
    if not LATIN.search(text) or len(text) > 600 or text[:1] in "{[<":
        return False
    if URLISH.search(text) or text in TIME_ZONES or text.startswith("Etc/") or re.search(r'[\[{]"', text):
        return False
    bare = PLACEHOLDER.sub(" ", CJK.sub(" ", text))
    tokens = [t for t in re.split(r"[\s,;()（）：:，、。]+", bare) if t and not CODE_TOKEN.match(t)]
    words = [w.strip("'’-").lower() for t in tokens for w in WORD.findall(t)]
    words = [w for w in words if len(w) > 1 and w not in ALLOWED and w not in DATA_WORDS]
    return bool(words)


def json_strings(value: Any) -> list[str]:
    """UI-looking strings of a JSON value (keys that hold names, icons or URLs are skipped)."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in {"url", "href", "icon", "icon_name", "name", "type", "classname", "attrs", "id", "_type"}:
                out += json_strings(item)
    elif isinstance(value, list):
        for item in value:
            out += json_strings(item)
    elif isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("<"):
            out += [text for text, _where in html_texts(stripped)]
        elif " " in stripped or re.fullmatch(r"[A-Z][a-z]+", stripped):
            out.append(stripped)
    return out


def html_texts(markup: str) -> list[tuple[str, str]]:
    """(text, where) for the visible text runs and text attributes of HTML."""
    import lxml.html

    try:
        root = lxml.html.fromstring(markup)
    except Exception:
        return []
    out: list[tuple[str, str]] = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if el.tail and el.tail.strip():
            out.append((el.tail, f"after <{tag or '!--'}>"))
        if tag in {"script", "style", "noscript"} or not tag:
            if tag == "script" and (el.get("type") or "").endswith("json") and el.text:
                try:
                    data = json.loads(el.text)
                except ValueError:
                    data = None
                out += [(s, f"<script#{el.get('id', '')}> JSON") for s in json_strings(data)]
            continue
        if el.text and el.text.strip() and tag not in {"code", "kbd", "pre", "samp"}:
            out.append((el.text, f"<{tag}>"))
        for attr in TEXT_ATTRS:
            if el.get(attr):
                out.append((el.get(attr), f"<{tag} {attr}>"))
        if tag in {"input", "button"} and (el.get("type") or "") in {"submit", "button", "reset"} and el.get("value"):
            out.append((el.get("value"), f"<{tag} value>"))
        for attr, val in el.attrib.items():
            if attr.startswith("data-") and attr.endswith("-value") and val.strip():
                val = val.strip()
                if val[:1] in "[{":
                    with contextlib.suppress(ValueError):
                        out += [(s, f"<{tag} {attr}> JSON") for s in json_strings(json.loads(val))]
                elif " " in val or re.fullmatch(r"[A-Z][a-z]+", val):
                    out.append((val, f"<{tag} {attr}>"))
    return [(" ".join(t.split()), where) for t, where in out]


def response_html(response: Any) -> str:
    ctype = response.get("Content-Type", "")
    body = response.content.decode("utf-8", "replace")
    if "json" in ctype:  # modal views answer {"html": "...", ...}
        try:
            data = json.loads(body)
        except ValueError:
            return ""
        return data.get("html", "") or "" if isinstance(data, dict) else ""
    return body if "html" in ctype else ""


def page_texts(response: Any) -> list[tuple[str, str]]:
    ctype = response.get("Content-Type", "")
    texts = html_texts(response_html(response)) if response_html(response).strip() else []
    if "json" in ctype:
        try:
            data = json.loads(response.content)
        except ValueError:
            data = None
        if isinstance(data, dict):
            data.pop("html", None)
            texts += [(s, "JSON response") for s in json_strings(data)]
    return texts


def links(markup: str) -> list[str]:
    import lxml.html

    if not markup.strip():
        return []
    try:
        root = lxml.html.fromstring(markup)
    except Exception:
        return []
    hrefs = (urldefrag(el.get("href") or "")[0] for el in root.iter("a"))
    return [href for href in hrefs if href.startswith("/admin/")]


def shape(url: str) -> str:
    """One crawl slot per path shape: numbers become <n>, the query string is dropped."""
    return re.sub(r"/\d+(?=/|$)", "/<n>", urlsplit(url).path)


def seed_urls() -> list[str]:
    from django.urls import NoReverseMatch, reverse
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Task, Workflow
    from wagtail.snippets.models import get_snippet_models

    from minsheng.orgs.models import User

    urls = [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/search/?q=%E6%B0%91%E7%94%9F",
        "/admin/pages/search/?q=zzzz-nothing",
        "/admin/snippets/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/documents/chooser/",
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=a",
        "/admin/choose-external-link/",
        "/admin/choose-email-link/",
        "/admin/choose-phone-link/",
        "/admin/choose-anchor-link/",
        "/admin/collections/",
        "/admin/users/",
        "/admin/users/add/",
        "/admin/groups/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/workflows/add/",
        "/admin/sites/",
        "/admin/redirects/",
        "/admin/redirects/add/",
        "/admin/forms/",
        "/admin/account/",
    ]
    by_type: dict[int, Page] = {}
    for page in Page.objects.filter(depth__gte=2).order_by("path"):
        by_type.setdefault(page.content_type_id, page)
    for page in by_type.values():
        for view in ("", "edit/", "history/", "add_subpage/", "usage/", "move/", "copy/", "delete/", "unpublish/"):
            urls.append(f"/admin/pages/{page.pk}/{view}")
        urls.append(f"/admin/pages/{page.pk}/workflow_history/")
        for model in page.specific_class.allowed_subpage_models()[:1]:
            urls.append(f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{page.pk}/")
    for model in get_snippet_models():
        app, name = model._meta.app_label, model._meta.model_name
        base = f"/admin/snippets/{app}/{name}/"
        urls += [base, f"{base}add/", f"/admin/snippets/choose/{app}/{name}/"]
        obj = model.objects.order_by("pk").first()
        if obj is not None:
            urls += [f"{base}edit/{obj.pk}/", f"{base}history/{obj.pk}/", f"{base}inspect/{obj.pk}/"]
    for model in settings_registry:
        urls.append(f"/admin/settings/{model._meta.app_label}/{model._meta.model_name}/")
    image = get_image_model().objects.order_by("pk").first()
    if image:
        urls += [f"/admin/images/{image.pk}/", f"/admin/images/usage/{image.pk}/", f"/admin/images/{image.pk}/delete/"]
    document = get_document_model().objects.order_by("pk").first()
    if document:
        urls += [f"/admin/documents/edit/{document.pk}/", f"/admin/documents/usage/{document.pk}/"]
    user = User.objects.order_by("pk").first()
    if user:
        urls.append(reverse("wagtailusers_users:edit", args=[user.pk]))
    workflow = Workflow.objects.first()
    if workflow:
        urls.append(f"/admin/workflows/edit/{workflow.pk}/")
    task = Task.objects.first()
    if task:
        urls.append(f"/admin/workflows/tasks/edit/{task.pk}/")
    # Our apps' entries (minsheng/*/wagtail_hooks.py). The menu links are crawled from the
    # dashboard anyway; naming them makes sure each is fetched for both users.
    for name in (
        "beneficiaries_index",
        "beneficiaries_import",
        "beneficiaries_batches",
        "callbacks_tasks",
        "callbacks_campaigns",
        "callbacks_campaign_add",
        "callbacks_corrections",
        "disclosures_admin_index",
        "disclosures_admin_create",
        "disclosures_admin_objections",
        "progress_late",
        "submission_queue",
        "submission_rankings",
        "items:index",
        "items:add",
        "progress:index",
        "progress:add",
        "orgs:index",
        "orgs:add",
        "audit:index",
        "placements:index",
        "point_schemes:index",
        "point_rules:index",
        "quotas:index",
        "penalties:index",
    ):
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            print(f"  (no URL named {name})", file=sys.stderr)
    return urls


def crawl(username: str, max_pages: int) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """{normalised English text: {"example", "where", "urls"}} and {url: status} for one user."""
    from django.test import Client

    from minsheng.orgs.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    seeds = seed_urls()
    queue = list(seeds)
    shapes: set[str] = set()
    status: dict[str, int] = {}
    found: dict[str, dict[str, Any]] = {}
    while queue and len(status) < max_pages:
        url = queue.pop(0)
        if url in status or any(part in url for part in SKIP_PATH_PARTS):
            continue
        if url not in seeds and shape(url) in shapes:  # seeds always go; found links once per shape
            continue
        shapes.add(shape(url))
        try:
            response = client.get(url)
        except Exception as exc:  # a broken view is worth a line, not a crash
            print(f"  ! {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
            status[url] = 500
            continue
        status[url] = response.status_code
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        for text, where in page_texts(response):
            if not is_ui_english(text):
                continue
            key = normalise(text)
            if key in IGNORE:
                continue
            entry = found.setdefault(key, {"example": text, "where": where, "urls": set()})
            entry["urls"].add(url)
        queue += [link for link in links(response_html(response)) if link not in status]
    return found, status


def js_catalogue_gaps() -> list[str]:
    """Wagtail admin JS msgids that /admin/jsi18n/ serves no Chinese for."""
    import polib
    import wagtail
    from django.test import Client

    body = Client().get("/admin/jsi18n/").content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", body, re.S)
    catalog = json.loads(match.group(1)) if match else {}
    en = Path(wagtail.__file__).parent / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    missing = []
    for entry in polib.pofile(str(en)):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in catalog:
            missing.append(entry.msgid + (f"  [{entry.msgctxt}]" if entry.msgctxt else ""))
    return missing


def catalogue_gaps() -> list[str]:
    """Msgids of the installed Wagtail apps with Chinese in no catalogue (Wagtail's or ours)."""
    import polib
    from django.apps import apps

    ours: set[tuple[str | None, str]] = set()
    for po_path in (ROOT / "minsheng" / "wagtail_zh" / "locale").glob("zh_Hans/LC_MESSAGES/*.po"):
        ours |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if e.translated()}
    gaps = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        for en in sorted((Path(config.path) / "locale" / "en" / "LC_MESSAGES").glob("*.po")):
            mo = Path(str(en).replace("/en/", "/zh_Hans/")).with_suffix(".mo")
            have = {(e.msgctxt, e.msgid) for e in polib.mofile(str(mo))} if mo.exists() else set()
            for entry in polib.pofile(str(en)):
                key = (entry.msgctxt, entry.msgid)
                if not entry.obsolete and key not in have and key not in ours:
                    gaps.append(f"{config.name} {en.stem}: {entry.msgid!r}")
    return gaps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var-dir", help="use (and keep) this MINSHENG_VAR_DIR; seeded on first use")
    parser.add_argument("--users", default="coordinator,qingshan")
    parser.add_argument("--max-pages", type=int, default=700, help="per user")
    parser.add_argument("--json", help="also write the findings to this JSON file")
    parser.add_argument("--gaps-only", action="store_true", help="only compare Wagtail's catalogues with ours")
    args = parser.parse_args()

    var_dir = args.var_dir or tempfile.mkdtemp(prefix="minsheng-english-")
    if not args.var_dir:
        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    os.environ.update({"MINSHENG_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    os.environ.pop("DATABASE_URL", None)  # never the real database
    env = dict(os.environ)

    def manage(*command: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    manage("compile_catalogs")
    if not args.gaps_only and not (Path(var_dir) / "seeded").exists():
        print(f"building the demo database in {var_dir} …", file=sys.stderr)
        manage("migrate", "--noinput")
        manage("seed_demo")
        (Path(var_dir) / "seeded").touch()

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    gaps = catalogue_gaps()
    print(f"== Catalogues: {len(gaps)} msgids of installed Wagtail apps without Chinese")
    for line in gaps:
        print(f"  {line}")
    if args.gaps_only:
        return 0

    import logging

    from django.conf import settings

    settings.DEBUG = False
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 403/404 of the crawl are expected

    report: dict[str, Any] = {"catalogue_gaps": gaps, "users": {}}
    total: set[str] = set()
    for username in args.users.split(","):
        found, status = crawl(username, args.max_pages)
        ok = sum(1 for s in status.values() if s == 200)
        print(f"\n== {username}: {len(status)} URLs fetched, {ok} rendered, {len(found)} English strings")
        for url, code in sorted(status.items()):
            if code >= 500:
                print(f"  server error {code}: {url}")
        for key in sorted(found, key=str.lower):
            entry = found[key]
            urls = sorted(entry["urls"])
            more = f" (+{len(urls) - 1} pages)" if len(urls) > 1 else ""
            example = f"  e.g. {entry['example']!r}" if entry["example"] != key else ""
            print(f"  {key!r}{example}  [{entry['where']}]  {urls[0]}{more}")
        total |= set(found)
        report["users"][username] = {
            "status": status,
            "found": {k: {**e, "urls": sorted(e["urls"])} for k, e in found.items()},
        }

    js_missing = js_catalogue_gaps()
    print(f"\n== JavaScript catalogue (/admin/jsi18n/): {len(js_missing)} Wagtail JS strings without Chinese")
    for msgid in js_missing:
        print(f"  {msgid!r}")
    print(
        f"\nTOTAL: {len(total)} distinct English strings on admin pages; {len(js_missing)} JS strings; {len(gaps)} catalogue gaps"
    )
    report["js_missing"] = js_missing
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
