"""Build the demo: 青河市's orgs, the 2022 items, demo accounts and a filled portal, with
the items side (民生实事 and 亮点展示 pages, each city item's policy, targets, milestones and
six months of progress reports; see ``items_seed.py``).

Idempotent: everything is looked up before it is made (orgs and items by code, users by
user name, images and documents by title in the demo collections, pages by slug under
their parent, reports by item, month and town), so a second run creates, changes and
publishes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.utils.file import hash_filelike

from minsheng.core.services import audit_event
from minsheng.disclosures.models import DisclosureIndexPage
from minsheng.orgs.choices import Role
from minsheng.orgs.models import Org, User
from minsheng.orgs.services import orgs_load_csv, roles_sync, user_create
from minsheng.portal.models import (
    ArticleAttachment,
    ArticlePage,
    ColumnPage,
    HomePage,
    PhotoStoryImage,
    PhotoStoryPage,
    PortalSettings,
    VideoPage,
)
from minsheng.projects.models import HighlightIndexPage, HighlightPage, ItemIndexPage, LivelihoodItem
from minsheng.projects.services import items_import

from . import content, items_content
from .beneficiaries_seed import seed_beneficiaries
from .content import Attachment, Block, Figure, Heading, Img, Piece
from .items_seed import seed_items
from .media import demo_video_bytes, policy_docx, policy_pdf, render_scene

CITY_CSV = "demo_city.csv"
DEPARTMENTS_CSV = "demo_departments.csv"
ITEMS_CSV = "livelihood_items_2022.csv"
DATA_FILES = (CITY_CSV, DEPARTMENTS_CSV, ITEMS_CSV)
WELCOME_TITLE = "Welcome to your new Wagtail site!"
PUBLISH_TIME = time(9, 30)

Progress = Callable[[str], None]


class DemoDataMissing(Exception):
    """The demo data directory (settings.DEMO_DATA_DIR) or one of its files is missing."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


@dataclass
class SeedReport:
    orgs_created: int = 0
    items_created: int = 0
    users_created: list[str] = field(default_factory=list)
    images_created: int = 0
    documents_created: int = 0
    pages_created: int = 0
    items_filled: int = 0
    reports_created: int = 0
    pages_moved: int = 0
    home_replaced_welcome: bool = False
    site_changed: bool = False
    settings_changed: bool = False
    progress_settings_changed: bool = False
    submissions_created: int = 0
    roster_batches: int = 0
    disclosures_created: int = 0
    callback_campaigns: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.orgs_created
            or self.items_created
            or self.users_created
            or self.images_created
            or self.documents_created
            or self.pages_created
            or self.roster_batches
            or self.items_filled
            or self.reports_created
            or self.pages_moved
            or self.site_changed
            or self.settings_changed
            or self.progress_settings_changed
            or self.submissions_created
            or self.disclosures_created
            or self.callback_campaigns
        )


def demo_data_dir() -> Path:
    return Path(settings.DEMO_DATA_DIR)


def check_data_dir(data_dir: Path) -> None:
    if not data_dir.is_dir():
        raise DemoDataMissing(data_dir)
    for name in DATA_FILES:
        if not (data_dir / name).is_file():
            raise DemoDataMissing(data_dir / name)


def seed_demo(*, data_dir: Path | None = None, progress: Progress | None = None) -> SeedReport:
    """Build (or complete) the demo in one transaction; returns what was created."""
    data_dir = data_dir or demo_data_dir()
    check_data_dir(data_dir)
    say: Progress = progress or (lambda _msg: None)
    report = SeedReport()
    with transaction.atomic():
        _seed_orgs(data_dir, report)
        say("orgs")
        _seed_items(data_dir, report)
        say("items")
        _seed_users(report)
        say("users")
        builder = _PortalBuilder(report)
        builder.build()
        say("portal")
        result = seed_items(image=builder._image)
        report.items_filled += result.items_filled
        report.reports_created += result.reports_created
        report.progress_settings_changed = result.settings_changed
        say("item_content")
        from .submissions_seed import seed_submissions

        report.submissions_created = seed_submissions()
        say("submissions")
        report.roster_batches = seed_beneficiaries()
        say("beneficiaries")
        from .disclosures_seed import seed_disclosures

        report.disclosures_created = seed_disclosures()
        say("disclosures")
        from .callbacks_seed import seed_callbacks

        report.callback_campaigns = seed_callbacks()
        say("callbacks")
        roles_sync()
        say("roles")
        if report.changed:
            audit_event(
                actor=None,
                action="demo.seed",
                data={
                    "orgs": report.orgs_created,
                    "items": report.items_created,
                    "users": report.users_created,
                    "images": report.images_created,
                    "documents": report.documents_created,
                    "pages": report.pages_created,
                    "items_filled": report.items_filled,
                    "reports": report.reports_created,
                    "roster_batches": report.roster_batches,
                    "disclosures": report.disclosures_created,
                    "callback_campaigns": report.callback_campaigns,
                },
            )
    return report


# --- Orgs, items, users -----------------------------------------------------------------


def _seed_orgs(data_dir: Path, report: SeedReport) -> None:
    for name in (CITY_CSV, DEPARTMENTS_CSV):
        result = orgs_load_csv(actor=None, source=data_dir / name)
        report.orgs_created += result.created


def _seed_items(data_dir: Path, report: SeedReport) -> None:
    # The shared list has no is_construction column, and the import reads a missing column
    # as "no": load a copy with the column filled from the demo content, so a rerun keeps
    # the construction items as they are.
    construction = {spec.seq for spec in items_content.ITEMS if spec.is_construction}
    with (data_dir / ITEMS_CSV).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with tempfile.TemporaryDirectory(prefix="minsheng-demo-") as tmp:
        path = Path(tmp) / ITEMS_CSV
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=[*rows[0].keys(), "is_construction"])
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "is_construction": "1" if int(row["seq"]) in construction else "0"})
        created = items_import(actor=None, path=path, year=content.ITEMS_YEAR).created
    report.items_created += created


def _seed_users(report: SeedReport) -> None:
    existing = set(
        User.objects.filter(username__in=[u.username for u in content.DEMO_USERS]).values_list("username", flat=True)
    )
    orgs = {o.code: o for o in Org.objects.filter(code__in=[u.org_code for u in content.DEMO_USERS if u.org_code])}
    for spec in content.DEMO_USERS:
        if spec.username in existing:
            continue
        user_create(
            actor=None,
            username=spec.username,
            role=Role(spec.role),
            org=orgs[spec.org_code] if spec.org_code else None,
            full_name=spec.full_name,
            password=content.DEMO_PASSWORD,
            phone=spec.phone,
        )
        report.users_created.append(spec.username)


def ensure_coordinator() -> tuple[User | None, bool]:
    """The demo coordinator account, created (with the demo password) if it is missing and
    this is the demo database (the demo city and the city office exist). Returns
    (user or None, created)."""
    spec = next(u for u in content.DEMO_USERS if u.role == Role.COORDINATOR)
    user = User.objects.filter(username=spec.username).first()
    if user is not None:
        return user, False
    org = Org.objects.filter(code=spec.org_code).first()
    if org is None or not Org.objects.filter(code=content.DEMO_CITY_CODE).exists():
        return None, False
    user = user_create(
        actor=None,
        username=spec.username,
        role=Role.COORDINATOR,
        org=org,
        full_name=spec.full_name,
        password=content.DEMO_PASSWORD,
        phone=spec.phone,
    )
    return user, True


# --- Portal -----------------------------------------------------------------------------


def _html(blocks: Iterable[str | Heading]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h3>{escape(block.text)}</h3>")
        else:
            parts.append(f"<p>{escape(block)}</p>")
    return "".join(parts)


def _ascii_name(title: str, ext: str) -> str:
    return f"demo-{hashlib.sha1(title.encode()).hexdigest()[:12]}.{ext}"  # noqa: S324 - a file name, not security


def _published_at(piece: Piece) -> datetime:
    return datetime.combine(piece.date, PUBLISH_TIME, tzinfo=ZoneInfo(settings.TIME_ZONE))


class _PortalBuilder:
    def __init__(self, report: SeedReport) -> None:
        self.report = report
        self.image_model: Any = get_image_model()
        self.document_model: Any = get_document_model()
        self.images: dict[str, Any] = {}
        self.documents: dict[str, Any] = {}
        self.orgs = {o.code: o for o in Org.objects.all()}
        self.items = {i.seq: i for i in LivelihoodItem.objects.filter(year=content.ITEMS_YEAR)}

    def build(self) -> None:
        self.image_collection = self._collection(content.IMAGE_COLLECTION)
        self.document_collection = self._collection(content.DOCUMENT_COLLECTION)
        for img in content.all_images():
            self._image(img)
        home = self._home()
        self._site(home)
        # The items pages first (on a fresh database they come before the columns in the
        # tree, so the menu reads 民生实事 first; an older demo gets them moved there).
        item_index = self._index_page(home, ItemIndexPage, items_content.ITEM_INDEX)
        highlight_index = self._index_page(home, HighlightIndexPage, items_content.HIGHLIGHT_INDEX)
        if self._put_first(home, [item_index, highlight_index]):
            highlight_index = HighlightIndexPage.objects.get(pk=highlight_index.pk)  # its path changed
        columns = {spec.column: self._column(home, spec) for spec in content.COLUMNS}
        self._index_page(home, DisclosureIndexPage, items_content.DISCLOSURE_INDEX)
        for piece in content.PIECES:
            self._piece(columns[piece.column], piece)
        for spec in items_content.HIGHLIGHTS:
            self._highlight(highlight_index, spec)

    # media

    def _collection(self, name: str) -> Collection:
        root = Collection.get_first_root_node()
        found = root.get_children().filter(name=name).first()
        if found is not None:
            return found
        return root.add_child(instance=Collection(name=name))

    def _image(self, img: Img) -> Any:
        if img.title in self.images:
            return self.images[img.title]
        image = self.image_model.objects.filter(collection=self.image_collection, title=img.title).first()
        if image is None:
            data = render_scene(img.scene, palette=img.palette, seed=img.seed)
            image = self.image_model(
                title=img.title,
                description=img.description[:255],
                collection=self.image_collection,
                file=ImageFile(io.BytesIO(data), name=_ascii_name(img.title, "jpg")),
                file_size=len(data),
                file_hash=hash_filelike(io.BytesIO(data)),
            )
            image.save()
            self.report.images_created += 1
        self.images[img.title] = image
        return image

    def _document(self, title: str, filename: str, make: Callable[[], bytes]) -> Any:
        if title in self.documents:
            return self.documents[title]
        doc = self.document_model.objects.filter(collection=self.document_collection, title=title).first()
        if doc is None:
            data = make()
            doc = self.document_model(
                title=title,
                collection=self.document_collection,
                file=ContentFile(data, name=filename),
                file_size=len(data),
                file_hash=hash_filelike(io.BytesIO(data)),
            )
            doc.save()
            self.report.documents_created += 1
        self.documents[title] = doc
        return doc

    # pages

    def _publish(self, parent: Page, page: Page) -> Page:
        page.live = False
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.pages_created += 1
        return page

    def _home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        welcome = (
            Page.objects.child_of(root)
            .filter(content_type=ContentType.objects.get_for_model(Page), title=WELCOME_TITLE, numchild=0)
            .first()
        )
        sites = list(Site.objects.filter(root_page=welcome)) if welcome else []
        if welcome is not None:
            # Deleting a page deletes the sites rooted at it: park them on the root first.
            for site in sites:
                site.root_page = root
                site.save()
            welcome.delete()
            self.report.home_replaced_welcome = True
            root.refresh_from_db()
        spec = content.HOME
        home = HomePage(
            title=spec.title,
            slug=spec.slug,
            seo_title=spec.seo_title,
            search_description=spec.search_description,
            banner_title=spec.banner_title,
            banner_subtitle=spec.banner_subtitle,
            banner_image=self._image(spec.banner_image),
            intro=_html(spec.intro),
        )
        self._publish(root, home)
        for site in sites:
            site.root_page = home
            site.save()
        return home

    def _site(self, home: HomePage) -> None:
        spec = content.SITE
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.filter(hostname=spec.hostname, port=spec.port).first() or Site()
        wanted = {
            "hostname": spec.hostname,
            "port": spec.port,
            "site_name": spec.site_name,
            "root_page_id": home.pk,
            "is_default_site": True,
        }
        if site.pk is None or any(getattr(site, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(site, k, v)
            site.save()
            self.report.site_changed = True
        portal = PortalSettings.objects.filter(site=site).first() or PortalSettings(site=site)
        # Fill what is empty; never overwrite what someone has since edited.
        changed = portal.pk is None
        for name, value in spec.settings.items():
            if not getattr(portal, name):
                setattr(portal, name, value)
                changed = True
        if changed:
            portal.save()
            self.report.settings_changed = True

    def _index_page(self, home: HomePage, model: type[Page], spec: items_content.IndexSpec) -> Any:
        found = model.objects.child_of(home).first() or model.objects.first()
        if found is not None:
            return found.specific
        page = model(
            title=spec.title,
            slug=spec.slug,
            intro=_html(spec.intro),
            show_in_menus=True,
            seo_title=spec.seo_title,
            search_description=spec.search_description,
        )
        return self._publish(home, page)

    def _put_first(self, home: HomePage, pages: list[Page]) -> bool:
        """Move ``pages`` (children of home) to the front of home's children, in this order.
        Returns whether anything moved (the in-memory pages then have stale paths)."""
        children = list(home.get_children().order_by("path").values_list("pk", flat=True))
        wanted = [p.pk for p in pages]
        if children[: len(wanted)] == wanted or not set(wanted) <= set(children):
            return False
        previous: Page | None = None
        for page in pages:
            page = Page.objects.get(pk=page.pk)
            if previous is None:
                page.move(Page.objects.get(pk=home.pk), pos="first-child")
            else:
                page.move(Page.objects.get(pk=previous.pk), pos="right")
            previous = page
            self.report.pages_moved += 1
        return True

    def _highlight(self, index: HighlightIndexPage, spec: items_content.HighlightSpec) -> None:
        if index.get_children().filter(slug=spec.slug).exists():
            return
        page = HighlightPage(
            title=spec.title,
            slug=spec.slug,
            date=spec.date,
            kind=spec.kind,
            summary=spec.summary,
            cover_image=self._image(spec.cover),
            body=self._stream(spec.body),
            first_published_at=datetime.combine(spec.date, PUBLISH_TIME, tzinfo=ZoneInfo(settings.TIME_ZONE)),
        )
        page.related_items = [self.items[seq] for seq in spec.items]  # type: ignore[assignment]
        page.units = [self.orgs[code] for code in spec.units]  # type: ignore[assignment]
        self._publish(index, page)

    def _column(self, home: HomePage, spec: content.ColumnSpec) -> ColumnPage:
        found = ColumnPage.objects.filter(column=spec.column).first()
        if found is None:
            found = ColumnPage.objects.child_of(home).filter(slug=spec.slug).first()
        if found is not None:
            return found
        page = ColumnPage(title=spec.title, slug=spec.slug, column=spec.column, intro=_html([spec.intro]))
        self._publish(home, page)
        return page

    def _piece(self, column: ColumnPage, piece: Piece) -> None:
        if column.get_children().filter(slug=piece.slug).exists():
            return
        common: dict[str, Any] = {
            "title": piece.title,
            "slug": piece.slug,
            "date": piece.date,
            "source_unit": self.orgs[piece.source],
            "author": piece.author,
            "summary": piece.summary,
            "first_published_at": _published_at(piece),
        }
        page: ArticlePage | PhotoStoryPage | VideoPage
        if piece.photos:
            page = PhotoStoryPage(**common)
            page.photos = [  # type: ignore[assignment]
                PhotoStoryImage(image=self._image(f.image), alt_text=f.alt, caption=f.caption) for f in piece.photos
            ]
        elif piece.video_file or piece.embed_url:
            page = VideoPage(
                **common,
                video=self._video() if piece.video_file else None,
                embed_url=piece.embed_url,
                poster=self._image(piece.poster) if piece.poster else None,
                description=_html(b for b in piece.body if isinstance(b, str | Heading)),
            )
        else:
            page = ArticlePage(**common, doc_number=piece.doc_number, body=self._stream(piece.body))
            if piece.attachment is not None:
                docx, pdf = self._attachments(piece, piece.attachment)
                page.attachments = [  # type: ignore[assignment]
                    ArticleAttachment(document=docx, title=piece.attachment.label, sort_order=0),
                    ArticleAttachment(document=pdf, title=_pdf_label(piece.attachment), sort_order=1),
                ]
        page.related_items = [self.items[seq] for seq in piece.items]  # type: ignore[assignment]
        self._publish(column, page)

    def _stream(self, blocks: Iterable[Block]) -> list[tuple[str, Any]]:
        stream: list[tuple[str, Any]] = []
        pending: list[str | Heading] = []
        for block in blocks:
            if isinstance(block, Figure):
                if pending:
                    stream.append(("paragraph", _html(pending)))
                    pending = []
                image = {"image": self._image(block.image), "alt_text": block.alt, "caption": block.caption}
                stream.append(("image", image))
            else:
                pending.append(block)
        if pending:
            stream.append(("paragraph", _html(pending)))
        return stream

    def _video(self) -> Any:
        return self._document(content.VIDEO_TITLE, content.VIDEO_FILENAME, demo_video_bytes)

    def _attachments(self, piece: Piece, attachment: Attachment) -> tuple[Any, Any]:
        """The policy file as Word and as PDF (made from the piece's own text)."""
        texts = [b.text if isinstance(b, Heading) else b for b in piece.body if isinstance(b, str | Heading)]
        headings = [b.text for b in piece.body if isinstance(b, Heading)]
        args: dict[str, Any] = {
            "title": piece.title,
            "doc_number": piece.doc_number,
            "issuer": attachment.issuer,
            "date_text": attachment.date_text,
            "blocks": texts,
            "headings": headings,
        }
        docx = self._document(attachment.title, attachment.filename, lambda: policy_docx(**args))
        pdf = self._document(
            f"{attachment.title}（PDF）", str(Path(attachment.filename).with_suffix(".pdf")), lambda: policy_pdf(**args)
        )
        return docx, pdf


def _pdf_label(attachment: Attachment) -> str:
    label = attachment.label or attachment.title
    return label.replace("（Word）", "（PDF）") if "（Word）" in label else f"{label}（PDF）"
