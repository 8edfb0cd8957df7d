"""Chinese search: segmentation, the index kept in step with publishing, ranking,
highlighting, pagination, and what must never be found."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from minsheng.portal.choices import Column
from minsheng.portal.models import ArticlePage, PhotoStoryPage, SearchEntry
from minsheng.portal.search import (
    MAX_TERMS,
    highlight,
    html_text,
    normalise_query,
    query_terms,
    search_pieces,
    snippet,
    stream_text,
)

from .conftest import Portal

# --- Query normalisation and segmentation (no database) ---------------------------------


def test_normalise_query_nfkc_whitespace_and_length() -> None:
    assert normalise_query("  ＡＢＣ\u3000２０２２年\t民生  ") == "ABC 2022年 民生"
    assert normalise_query(None) == ""
    assert normalise_query(" \u3000 ") == ""
    long = "民" * 150
    assert normalise_query(long) == "民" * 100


def test_query_terms_segments_each_chunk_with_jieba() -> None:
    assert query_terms("助餐") == ["助餐"]
    assert query_terms("老年助餐") == ["老年", "助餐"]
    assert query_terms("老年 助餐") == ["老年", "助餐"]
    assert query_terms("老年助餐服务全面铺开") == ["老年", "助餐", "服务", "全面铺开"]


def test_query_terms_drop_punctuation_stopwords_and_duplicates() -> None:
    assert query_terms("老年的助餐！") == ["老年", "助餐"]
    assert query_terms("青河市的民生工程与医疗") == ["青河", "市", "民生", "工程", "医疗"]
    assert query_terms("助餐，助餐 ，助餐。") == ["助餐"]
    assert query_terms("Health HEALTH health") == ["Health"]
    assert query_terms("、。！？……") == []
    # a query of stop words only still searches for them
    assert query_terms("的") == ["的"]


def test_query_terms_are_capped() -> None:
    words = "农村 饮水 安全 老旧 小区 改造 养老 服务 医疗 保险 教育 就业"
    assert len(query_terms(words)) == MAX_TERMS
    assert query_terms(words)[:3] == ["农村", "饮水", "安全"]


def test_html_text_strips_tags_and_unescapes() -> None:
    assert html_text("<p>民生&amp;工程</p><p>第二段<br/>换行</p>") == "民生&工程\n第二段\n换行"
    assert html_text("") == ""
    assert html_text("<script>alert(1)</script>文字") == "alert(1)文字"


def test_highlight_escapes_before_marking() -> None:
    out = highlight("<b>老年</b>助餐 & 助餐", ["助餐"])
    assert str(out) == "&lt;b&gt;老年&lt;/b&gt;<mark>助餐</mark> &amp; <mark>助餐</mark>"
    assert str(highlight("Health care", ["health"])) == "<mark>Health</mark> care"
    # the longest term wins where terms overlap
    assert str(highlight("城乡居民医保", ["城乡", "城乡居民"])) == "<mark>城乡居民</mark>医保"


def test_snippet_is_about_a_hundred_characters_around_the_first_match() -> None:
    body = "甲" * 300 + "老年助餐" + "乙" * 300
    out = str(snippet(body, ["助餐"]))
    assert "<mark>助餐</mark>" in out
    assert out.startswith("…") and out.endswith("…")
    plain = re.sub(r"</?mark>", "", out).strip("…")
    assert len(plain) == 100
    assert str(snippet("短文本", ["不存在"])) == "短文本"


# --- The index --------------------------------------------------------------------------

needs_db = pytest.mark.django_db


@needs_db
def test_publishing_indexes_a_piece_with_its_text_kind_and_date(
    portal: Portal, policy_with_attachment: ArticlePage
) -> None:
    entry = SearchEntry.objects.get(page=policy_with_attachment)
    assert entry.title == "青河市2022年民生实事实施方案"
    assert entry.kind == Column.POLICIES
    assert entry.date == date(2022, 3, 1)
    # summary, document number, paragraph text and image alt/caption are all searchable
    for text in (
        "全市实施16项民生实事。",
        "青政办〔2022〕5号",
        "为扎实推进2022年民生实事，制定本方案。",
        "民生实事项目分布图",
    ):
        assert text in entry.body
    assert "<p>" not in entry.body
    # pages that are not pieces are not indexed
    assert not SearchEntry.objects.filter(page=portal.home).exists()
    assert not SearchEntry.objects.filter(page=portal.columns[Column.NEWS]).exists()


@needs_db
def test_photo_captions_are_indexed(photo_story: PhotoStoryPage) -> None:
    entry = SearchEntry.objects.get(page=photo_story)
    assert entry.kind == Column.PHOTOS
    assert "改造后：楼道整洁明亮" in entry.body and "青河镇三个小区完成改造。" in entry.body


@needs_db
def test_stream_text_of_an_article_body(policy_with_attachment: ArticlePage) -> None:
    text = stream_text(policy_with_attachment.body)
    assert text.splitlines()[0] == "为扎实推进2022年民生实事，制定本方案。"
    assert "图一：项目分布" in text


@needs_db
def test_unpublish_delete_and_rebuild_keep_the_index_in_step(portal: Portal) -> None:
    a = portal.article(title="农村饮水安全工程完工", body="三万人喝上放心水")
    b = portal.article(title="老旧小区改造开工", body="加装电梯")
    assert SearchEntry.objects.count() == 2
    a.unpublish()
    assert list(SearchEntry.objects.values_list("page_id", flat=True)) == [b.pk]
    b.delete()
    assert SearchEntry.objects.count() == 0
    # republish and rebuild from scratch
    a.save_revision().publish()
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(SearchEntry.objects.values_list("title", flat=True)) == ["农村饮水安全工程完工"]


@needs_db
def test_moving_a_piece_changes_its_kind(portal: Portal) -> None:
    piece = portal.article(Column.NEWS, title="一篇稿件")
    piece.move(portal.columns[Column.GRASSROOTS], pos="last-child")
    assert SearchEntry.objects.get(page_id=piece.pk).kind == Column.GRASSROOTS


@needs_db
def test_view_restriction_takes_a_section_out_of_the_index(
    portal: Portal, django_capture_on_commit_callbacks: object
) -> None:
    piece = portal.article(Column.GRASSROOTS, title="内部材料：助餐点考核")
    restriction = PageViewRestriction.objects.create(
        page=portal.columns[Column.GRASSROOTS], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert not SearchEntry.objects.filter(page_id=piece.pk).exists()
    piece.save_revision().publish()  # republishing a private page does not index it
    assert not SearchEntry.objects.filter(page_id=piece.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        restriction.delete()
    assert SearchEntry.objects.filter(page_id=piece.pk).exists()


# --- Searching through the page ---------------------------------------------------------


def results(page: str) -> list[str]:
    """Titles of the results, in order, tags removed."""
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<li class="search-result">\s*<h2><a [^>]*>(.*?)</a>', page)]


@needs_db
def test_title_match_ranks_above_newer_body_only_match(client: Client, portal: Portal) -> None:
    portal.article(title="老年助餐服务全面铺开", body="全市建成助餐点120个", date=date(2022, 5, 1))
    portal.article(
        Column.GRASSROOTS, title="社区里的幸福食堂", body="老人在社区食堂享受助餐服务", date=date(2022, 9, 1)
    )
    portal.article(title="农村饮水安全工程完工", body="三万人喝上放心水", date=date(2022, 10, 1))

    page = client.get("/search/", {"q": "助餐"}).content.decode()
    assert results(page) == ["老年助餐服务全面铺开", "社区里的幸福食堂"]
    assert "<mark>助餐</mark>" in page
    assert "老年<mark>助餐</mark>服务全面铺开" in page
    assert "农村饮水安全工程完工" not in page

    page = client.get("/search/", {"q": "老年 助餐"}).content.decode()
    assert results(page)[0] == "老年助餐服务全面铺开"
    assert "<mark>老年</mark><mark>助餐</mark>" in page

    assert search_pieces("老年助餐")[0].title == "老年助餐服务全面铺开"


@needs_db
def test_result_shows_snippet_url_date_kind_and_total(client: Client, portal: Portal) -> None:
    piece = portal.article(
        title="养老服务再升级", body="为满足老年人需求，" + "全市" * 60 + "新增助餐点三十个。", date=date(2022, 5, 3)
    )
    page = client.get("/search/", {"q": "助餐"}).content.decode()
    assert f'href="{piece.url}"' in page
    assert "2022-05-03" in page
    assert re.search(r'<p class="snippet">…[^<]*<mark>助餐</mark>', page)
    from django.utils import translation

    with translation.override("zh-hans"):
        assert f'<span class="tag">{Column.NEWS.label}</span>' in page
    assert re.search(r'class="search-summary"[^>]*>\s*1 ', page)


@needs_db
def test_html_in_titles_and_bodies_is_escaped(client: Client, portal: Portal) -> None:
    # a plain-text summary, and rich text in which an editor typed "<script>" as text
    portal.article(
        title="<script>alert('t')</script>助餐公告",
        summary="<script>alert('b')</script>助餐内容",
        body="&lt;img src=x onerror=alert(1)&gt;",
    )
    page = client.get("/search/", {"q": "助餐"}).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;b&#x27;)&lt;/script&gt;<mark>助餐</mark>内容" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;<mark>助餐</mark>公告" in page


@needs_db
def test_results_are_paginated_ten_a_page(client: Client, portal: Portal) -> None:
    for i in range(25):
        portal.article(title=f"助餐点第{i:02d}期", date=date(2022, 1, 1) + timedelta(days=i))
    first = client.get("/search/", {"q": "助餐"}).content.decode()
    assert len(results(first)) == 10 and results(first)[0] == "助餐点第24期"
    assert re.search(r'class="search-summary"[^>]*>\s*25 ', first)
    assert 'href="?q=%E5%8A%A9%E9%A4%90&amp;page=3"' in first
    third = client.get("/search/", {"q": "助餐", "page": "3"}).content.decode()
    assert results(third) == [f"助餐点第{i:02d}期" for i in range(4, -1, -1)]


@needs_db
def test_unpublished_and_private_pages_are_not_found(client: Client, portal: Portal) -> None:
    gone = portal.article(title="助餐点名单（已撤回）")
    portal.article(title="助餐点名单（正式）")
    secret = portal.article(Column.GRASSROOTS, title="助餐点考核细则（内部）")
    assert len(results(client.get("/search/", {"q": "助餐点"}).content.decode())) == 3

    gone.unpublish()
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    page = client.get("/search/", {"q": "助餐点"}).content.decode()
    assert results(page) == ["助餐点名单（正式）"]


@needs_db
def test_any_word_fallback_ranks_by_number_of_words_matched(client: Client, portal: Portal) -> None:
    portal.article(title="电梯加装进小区", body="老旧小区加装电梯", date=date(2022, 9, 1))
    portal.article(title="老年助餐进社区", body="社区老年助餐点开张，楼里还加装了电梯", date=date(2022, 1, 1))
    portal.article(title="农村饮水安全", body="三万人喝上放心水", date=date(2022, 10, 1))
    # no piece holds all three words
    page = client.get("/search/", {"q": "助餐 电梯 饮水"}).content.decode()
    assert results(page) == ["老年助餐进社区", "电梯加装进小区", "农村饮水安全"]
    assert 'class="notice"' in page
    # all words present somewhere: no fallback notice
    page = client.get("/search/", {"q": "助餐 电梯"}).content.decode()
    assert results(page) == ["老年助餐进社区"] and 'class="notice"' not in page


@needs_db
def test_empty_and_overlong_queries(client: Client, portal: Portal) -> None:
    portal.article(title="助餐")
    page = client.get("/search/").content.decode()
    assert 'class="hint"' in page and 'class="search-results"' not in page
    assert 'class="hint"' in client.get("/search/", {"q": "   "}).content.decode()
    page = client.get("/search/", {"q": "助" * 500}).content.decode()
    assert 'value="' + "助" * 100 + '"' in page and "助" * 101 not in page
    assert client.get("/search/", {"q": "助餐", "page": "x"}).status_code == 200
    assert client.post("/search/", {"q": "助餐"}).status_code == 405
    page = client.get("/search/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
