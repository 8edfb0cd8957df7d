"""Chinese search of the portal's published pieces.

The index is the ``SearchEntry`` table: one row per live, public piece (title, plain-text
body, kind, date), kept in step with publishing by ``signals.py`` and rebuilt by
``manage.py rebuild_search_index``. A query is normalised (NFKC), cut into words with
jieba, and every word must occur in the entry's ``folded`` text (title and body, NFKC and
case-folded; one ``LIKE '%word%'`` per word, so it works the same on SQLite and
PostgreSQL). When no entry has all the words, entries with some of them are shown, the
ones with most words first. One narrow scan returns id, title and date of every match;
ranking (title hits first, then newest) is done in Python on those, and bodies are read
only for the ten results shown (snippets). ``bench/bench_search.py`` measures it.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, reduce
from operator import and_, or_
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from wagtail.blocks import StreamValue
from wagtail.models import Page

from .choices import Column
from .models import ColumnPage, SearchEntry

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
SNIPPET_LENGTH = 100
SNIPPET_LEAD = 25  # characters of context shown before the first match

# Words that carry no meaning of their own in a query (and English equivalents).
STOPWORDS = frozenset(
    {
        "的", "了", "和", "与", "及", "在", "是", "或", "并", "等", "之", "其", "而", "也",
        "着", "把", "被", "对", "就", "都", "以及", "及其", "关于", "有关", "吗", "呢", "吧", "啊",
        "a", "an", "and", "the", "of", "or", "in", "on", "to", "for", "is",
    }
)  # fmt: skip

_WS_RE = re.compile(r"\s+")
_BLOCK_END_RE = re.compile(r"<br\s*/?>|</(p|h\d|li|blockquote|div|tr|td|th)>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")

_jieba_lock = threading.Lock()
_jieba_ready = False


# --- Text of pages ---------------------------------------------------------------------


def html_text(value: str | None) -> str:
    """Plain text of an HTML fragment (rich text): tags stripped, entities unescaped,
    blocks separated by a line break."""
    if not value:
        return ""
    text = _BLOCK_END_RE.sub(lambda m: m.group(0) + "\n", str(value))
    text = html.unescape(_TAG_RE.sub("", text))
    lines = (_WS_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def stream_text(value: StreamValue | None) -> str:
    """Plain text of a StreamField value: the searchable content of every block (rich text
    without tags, image alt texts and captions), one block per line."""
    if not value:
        return ""
    # Blocks give plain text already (rich text is stripped and unescaped by Wagtail's
    # get_text_for_indexing); stripping again would drop text that looks like a tag.
    parts = value.stream_block.get_searchable_content(value)
    lines = (_WS_RE.sub(" ", str(part)).strip() for part in parts if part)
    return "\n".join(line for line in lines if line)


# --- Index -----------------------------------------------------------------------------


def is_indexable(page: Page) -> bool:
    """A page is in the index when it is a live piece (it has ``search_text``), is not an
    alias of another page, and neither it nor an ancestor has a view restriction."""
    specific = page.specific
    return bool(
        page.live
        and not page.alias_of_id
        and callable(getattr(specific, "search_text", None))
        and not page.get_view_restrictions().exists()
    )


def page_kind(page: Page) -> str:
    """The column the piece is published in, else the page's model name."""
    parent = page.get_parent()
    if parent is not None and parent.specific_class is ColumnPage:
        return str(parent.specific.column)
    return str(page.specific_class._meta.model_name) if page.specific_class else ""


def page_date(page: Page) -> date | None:
    specific = page.specific
    value = getattr(specific, "date", None)
    if isinstance(value, date):
        return value
    stamp = page.first_published_at or page.last_published_at
    return stamp.date() if stamp else None


def index_page(page: Page) -> SearchEntry | None:
    """Create or update the entry of a live public piece; remove it for any other page."""
    if not is_indexable(page):
        unindex_page(page)
        return None
    specific = page.specific
    title = page.title[:255]
    body = specific.search_text() or ""
    entry, _created = SearchEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "title": title,
            "body": body,
            "folded": fold(f"{title}\n{body}"),
            "kind": page_kind(page)[:30],
            "date": page_date(page),
        },
    )
    return entry


def fold(text: str) -> str:
    """The form both the index and the query are compared in: NFKC, case-folded (so
    full-width letters and digits, and upper case, match their plain forms)."""
    return unicodedata.normalize("NFKC", text).casefold()


def unindex_page(page: Page | int) -> None:
    page_id = page if isinstance(page, int) else page.pk
    SearchEntry.objects.filter(page_id=page_id).delete()


def reindex_subtree(page: Page) -> int:
    """Index a page and every page below it again (after a move or a view restriction
    change); returns the number of entries now present for the subtree."""
    count = 0
    for node in page.get_descendants(inclusive=True).specific().iterator():
        if index_page(node) is not None:
            count += 1
    return count


def rebuild_index() -> int:
    """Drop every entry and index all live public pieces again."""
    SearchEntry.objects.all().delete()
    count = 0
    for page in Page.objects.live().public().filter(alias_of__isnull=True).specific().iterator():
        if index_page(page) is not None:
            count += 1
    return count


# --- Query -----------------------------------------------------------------------------


def _ensure_jieba() -> Any:
    """Import and initialise jieba once, quietly, on the first search (not at start-up)."""
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                for word in _domain_words():
                    jieba.add_word(word)
                _jieba_ready = True
    return jieba


def _domain_words() -> set[str]:
    """Names jieba's dictionary lacks but residents type: our towns and villages (青山镇,
    张庄村, also without the suffix) and the livelihood items, so 青山镇 stays one word."""
    words: set[str] = set()
    org_model = apps.get_model("orgs", "Org")
    for name, short in org_model.objects.values_list("name", "short_name"):
        for value in (name, short):
            if len(value) >= 2:
                words.add(value)
                stem = re.sub(r"(社区居委会|村民委员会|居委会|村委会|街道|社区|镇|乡|村)$", "", value)
                if len(stem) >= 2:
                    words.add(stem)
    if apps.is_installed("minsheng.projects"):
        item_model = apps.get_model("projects", "LivelihoodItem")
        words.update(n for n in item_model.objects.values_list("name", flat=True) if 2 <= len(n) <= 12)
    return words


def normalise_query(raw: str | None) -> str:
    """NFKC (full-width letters and digits become ASCII), whitespace collapsed, trimmed,
    at most ``MAX_QUERY_LENGTH`` characters."""
    if not raw:
        return ""
    text = _WS_RE.sub(" ", unicodedata.normalize("NFKC", raw)).strip()
    return text[:MAX_QUERY_LENGTH].strip()


def _is_word(token: str) -> bool:
    """False for tokens made only of punctuation, symbols, spaces or control characters."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def _dedupe(tokens: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for token in tokens:
        key = token.casefold()
        if key not in seen:
            seen.add(key)
            out.append(token)
    return out


def query_terms(query: str) -> list[str]:
    """The words of a query: each whitespace-separated chunk cut by jieba (precise mode),
    punctuation and stop words dropped, duplicates removed, at most ``MAX_TERMS``.
    A query made only of stop words keeps them (so ``的`` still searches for 的)."""
    text = normalise_query(query)
    if not text:
        return []
    jieba = _ensure_jieba()
    tokens = [t.strip() for chunk in text.split(" ") for t in jieba.lcut(chunk)]
    words = [t for t in tokens if t and _is_word(t)]
    meaningful = [t for t in words if t.casefold() not in STOPWORDS]
    return _dedupe(meaningful or words)[:MAX_TERMS]


def fallback_terms(terms: Sequence[str]) -> list[str]:
    """Terms for the any-word fallback: the query's words plus jieba's finer words of
    the long ones (search mode), e.g. 城乡居民 → 城乡, 居民."""
    jieba = _ensure_jieba()
    extra = [w for t in terms if len(t) > 2 for w in jieba.lcut_for_search(t) if len(w) >= 2 and w != t]
    # a single character (不, 青) matches nearly everything on its own: not in the fallback
    words = [t for t in terms if len(t) >= 2 or not _is_cjk(t)]
    return _dedupe([*words, *(w for w in extra if w.casefold() not in STOPWORDS)])[: MAX_TERMS * 2]


def _is_cjk(token: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in token)


def _terms_pattern(terms: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """HTML-escape ``text`` and wrap every occurrence of a term in ``<mark>``."""
    if not terms or not text:
        return escape(text)
    out: list[str] = []
    pos = 0
    for m in _terms_pattern(terms).finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(escape(text[pos:]))
    # Every piece of ``text`` above went through escape(); only our own <mark> is raw.
    return mark_safe("".join(out))


def snippet(body: str, terms: Sequence[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``body`` around the first match, highlighted."""
    text = _WS_RE.sub(" ", body).strip()
    if not text:
        return SafeString("")
    first = _terms_pattern(terms).search(text) if terms else None
    start = max(0, first.start() - SNIPPET_LEAD) if first else 0
    end = min(len(text), start + length)
    start = max(0, end - length)
    piece = highlight(text[start:end], terms)
    return SafeString(("…" if start > 0 else "") + piece + ("…" if end < len(text) else ""))


def kind_label(kind: str) -> str:
    """Human name of an entry's kind: the column's label, else the page type's name."""
    if kind in Column.values:
        return str(Column(kind).label)
    try:
        model = apps.get_model("portal", kind)
    except LookupError:
        return kind
    return str(capfirst(model._meta.verbose_name))


@dataclass
class SearchResult:
    """One match. Ranking needs only the title and date; the body (for the snippet) is
    loaded for the results actually shown."""

    entry_id: int
    page_id: int
    title: str
    date: date | None
    kind: str
    terms: tuple[str, ...]
    title_all: bool  # the title holds every term (or the whole query)
    title_hits: int  # terms found in the title
    matched: int  # terms found in title or body
    partial: bool = False  # found by the any-word fallback
    hits: int = 0  # occurrences of the terms (counted in the fallback, where the text is read)
    body: str = field(default="", repr=False)
    page: Page | None = field(default=None, repr=False)
    request: HttpRequest | None = field(default=None, repr=False)

    @cached_property
    def title_html(self) -> SafeString:
        return highlight(self.title, self.terms)

    @cached_property
    def snippet_html(self) -> SafeString:
        return snippet(self.body, self.terms)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @cached_property
    def url(self) -> str:
        page = self.page or Page.objects.filter(pk=self.page_id).first()
        return (page.get_url(request=self.request) or "") if page else ""

    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        day = self.date.toordinal() if self.date else 0
        first = self.matched if self.partial else 0
        return (-first, -int(self.title_all), -self.title_hits, -self.hits, -day, -self.entry_id)


def _rank(rows: Iterable[tuple[Any, ...]], terms: Sequence[str], phrase: str, *, partial: bool) -> list[SearchResult]:
    folded_terms = [fold(t) for t in terms]
    folded_phrase = fold(phrase)
    results = []
    for row in rows:
        pk, page_id, title, day, kind = row[:5]
        folded_title = fold(title)
        in_title = sum(1 for t in folded_terms if t in folded_title)
        hits = 0
        if partial:
            text = row[5]
            matched = sum(1 for t in folded_terms if t in text)
            hits = sum(text.count(t) for t in folded_terms)
        else:
            matched = len(folded_terms)
        results.append(
            SearchResult(
                entry_id=pk,
                page_id=page_id,
                title=title,
                date=day,
                kind=kind,
                terms=tuple(terms),
                title_all=in_title == len(folded_terms) or (bool(folded_phrase) and folded_phrase in folded_title),
                title_hits=in_title,
                matched=matched,
                partial=partial,
                hits=hits,
            )
        )
    results.sort(key=SearchResult.sort_key)
    return results


def _matches(terms: Sequence[str], *, any_term: bool, with_text: bool) -> list[tuple[Any, ...]]:
    """One scan of the index: the narrow rows of every entry whose folded text holds all
    (or, ``any_term``, some) of the terms. Plain ``LIKE '%word%'`` on one column: no
    per-row upper-casing, and the same on SQLite and PostgreSQL."""
    conditions = [Q(folded__contains=fold(t)) for t in terms]
    condition = reduce(or_ if any_term else and_, conditions)
    columns = ["pk", "page_id", "title", "date", "kind"] + (["folded"] if with_text else [])
    return list(SearchEntry.objects.filter(condition).values_list(*columns))


def search_pieces(query: str) -> list[SearchResult]:
    """Live public pieces matching ``query``, best first (see the module docstring)."""
    phrase = normalise_query(query)
    terms = query_terms(phrase)
    if not terms:
        return []
    results = _rank(_matches(terms, any_term=False, with_text=False), terms, phrase, partial=False)
    if not results:
        wider = fallback_terms(terms)
        if len(wider) >= 2:
            results = _rank(_matches(wider, any_term=True, with_text=True), wider, phrase, partial=True)
    return results


def load_bodies(results: Sequence[SearchResult], *, request: HttpRequest | None = None) -> None:
    """Fetch the bodies (for snippets) and pages (for URLs) of the results to be shown."""
    bodies = dict(SearchEntry.objects.filter(pk__in=[r.entry_id for r in results]).values_list("pk", "body"))
    pages = Page.objects.in_bulk([r.page_id for r in results])
    for result in results:
        result.body = bodies.get(result.entry_id, "")
        result.page = pages.get(result.page_id)
        result.request = request


@dataclass
class SearchPage:
    """What the search page shows: the query, its words, one page of results."""

    query: str
    terms: list[str]
    results: PaginatorPage | None
    total: int
    partial: bool


def search_page(raw_query: str | None, *, page_number: str | int | None, request: HttpRequest | None) -> SearchPage:
    """Run a visitor's query and return the requested page of results, with the pages
    of those results loaded in one query for their URLs."""
    query = normalise_query(raw_query)
    if not query:
        return SearchPage(query="", terms=[], results=None, total=0, partial=False)
    results = search_pieces(query)
    paginator = Paginator(results, settings.SEARCH_PAGE_SIZE, allow_empty_first_page=True)
    current = paginator.get_page(page_number)
    load_bodies(list(current.object_list), request=request)
    return SearchPage(
        query=query,
        terms=list(results[0].terms) if results else query_terms(query),
        results=current,
        total=paginator.count,
        partial=bool(results) and results[0].partial,
    )
