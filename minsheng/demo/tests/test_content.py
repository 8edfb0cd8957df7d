"""The demo content and media, checked without a database."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from django.conf import settings
from docx import Document as WordDocument
from PIL import Image

from minsheng.demo import content
from minsheng.demo.content import Figure, Heading
from minsheng.demo.media import PALETTES, SCENES, VIDEO_PATH, policy_docx, render_scene
from minsheng.portal.choices import Column

DATA = Path(settings.DEMO_DATA_DIR)


def _codes(name: str) -> set[str]:
    with (DATA / name).open(encoding="utf-8-sig") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


def test_pieces_are_spread_over_the_columns_and_the_first_half_of_2022() -> None:
    per_column = {c.value: [p for p in content.PIECES if p.column == c.value] for c in Column}
    assert len(content.PIECES) >= 30
    assert {k: len(v) for k, v in per_column.items()} == {
        "news": 12,
        "grassroots": 8,
        "photos": 5,
        "videos": 2,
        "policies": 4,
    }
    assert all(date(2022, 1, 1) <= p.date <= date(2022, 6, 30) for p in content.PIECES)
    assert {p.date.month for p in content.PIECES} == {1, 2, 3, 4, 5, 6}
    assert len({p.slug for p in content.PIECES}) == len(content.PIECES)
    assert len({p.title for p in content.PIECES}) == len(content.PIECES)
    assert [c.column for c in content.COLUMNS] == [c.value for c in Column]


def test_every_piece_is_complete() -> None:
    orgs = _codes("demo_city.csv") | _codes("demo_departments.csv")
    for piece in content.PIECES:
        assert piece.source in orgs, piece.slug
        assert piece.author and piece.summary, piece.slug
        assert all(1 <= seq <= 20 for seq in piece.items), piece.slug
        paragraphs = [b for b in piece.body if isinstance(b, str)]
        if piece.column in ("news", "grassroots", "policies"):
            assert 3 <= len(paragraphs) <= 6, piece.slug
        if piece.column == "photos":
            assert 3 <= len(piece.photos) <= 5, piece.slug
            assert all(f.alt and f.caption for f in piece.photos), piece.slug
        if piece.column == "videos":
            assert piece.video_file != bool(piece.embed_url), piece.slug
            assert piece.poster is not None
        if piece.column == "policies":
            assert "〔2022〕" in piece.doc_number and piece.attachment is not None, piece.slug
        for block in piece.body:
            if isinstance(block, Figure):
                assert block.alt, piece.slug
    assert sum(p.video_file for p in content.PIECES) == 1
    assert next(p.embed_url for p in content.PIECES if p.embed_url).startswith("https://player.bilibili.com/")


def test_the_meal_service_pieces() -> None:
    (rollout,) = [p for p in content.PIECES if p.title == "老年助餐服务全面铺开"]
    assert rollout.column == "news" and rollout.source == "D05" and 7 in rollout.items
    text = "".join(b for b in rollout.body if isinstance(b, str))
    for words in ("市民政局", "助餐点", "60", "补贴标准"):
        assert words in text
    body_only = [
        p for p in content.PIECES if "助餐" not in p.title and any("助餐" in b for b in p.body if isinstance(b, str))
    ]
    assert body_only


def test_images_have_one_spec_per_title() -> None:
    specs: dict[str, content.Img] = {}
    for piece in content.PIECES:
        figures = [b for b in piece.body if isinstance(b, Figure)] + list(piece.photos)
        for img in [f.image for f in figures] + ([piece.poster] if piece.poster else []):
            assert specs.setdefault(img.title, img) == img, img.title
            assert img.scene in SCENES and img.palette in PALETTES
    assert len(content.all_images()) == len(specs) + 1  # and the banner


def test_demo_users_cover_every_role() -> None:
    roles = {u.role for u in content.DEMO_USERS}
    assert roles == {"coordinator", "department_liaison", "town_liaison", "village_staff", "supervisor"}
    assert [u.org_code for u in content.DEMO_USERS if u.role == "supervisor"] == [None]


def test_scenes_are_deterministic_jpegs() -> None:
    first = render_scene("village", palette="spring", seed=7)
    assert first == render_scene("village", palette="spring", seed=7)
    assert first != render_scene("village", palette="spring", seed=8)
    image = Image.open(io.BytesIO(first))
    assert image.format == "JPEG" and image.size == (1200, 800)
    assert 30_000 < len(first) < 200_000


def test_policy_docx_holds_the_chinese_text() -> None:
    data = policy_docx(
        title="青河市老年助餐服务补贴实施细则",
        doc_number="青民〔2022〕8号",
        issuer="青河市民政局",
        date_text="2022年3月15日",
        blocks=["第一条 服务对象", "本市户籍60周岁及以上老年人。"],
        headings=["第一条 服务对象"],
    )
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)
    assert "青民〔2022〕8号" in text and "老年助餐" in text and "青河市民政局" in text


def test_the_committed_video_is_a_small_mp4() -> None:
    data = VIDEO_PATH.read_bytes()
    assert data[4:8] == b"ftyp"
    assert len(data) <= 400 * 1024


def test_headings_are_not_counted_as_paragraphs() -> None:
    policies = [p for p in content.PIECES if p.column == "policies"]
    assert all(any(isinstance(b, Heading) for b in p.body) for p in policies)


def test_the_repository_copy_of_the_demo_data_matches_shared() -> None:
    """minsheng/demo/data is used when ../shared/data is not beside the checkout; keep it equal."""
    repo_copy = Path(settings.BASE_DIR) / "minsheng" / "demo" / "data"
    shared = Path(settings.BASE_DIR).parent / "shared" / "data"
    names = ["demo_city.csv", "demo_departments.csv", "livelihood_items_2022.csv"]
    assert all((repo_copy / n).stat().st_size > 0 for n in names)
    if shared.exists():
        for n in names:
            assert (repo_copy / n).read_bytes() == (shared / n).read_bytes(), n
