"""Keep the search index (``SearchEntry``) in step with publishing.

Publishing indexes a piece, unpublishing or deleting removes it; moving a page or
changing a view restriction re-checks the page and everything below it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .search import index_page, reindex_subtree, unindex_page


@receiver(page_published, dispatch_uid="portal_search_published")
def on_page_published(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    index_page(instance)


@receiver(page_unpublished, dispatch_uid="portal_search_unpublished")
def on_page_unpublished(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    unindex_page(instance)


@receiver(post_delete, dispatch_uid="portal_search_page_deleted")
def on_page_deleted(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    # The entry also goes by ON DELETE CASCADE; this covers deletes that bypass it.
    if isinstance(instance, Page) and instance.pk is not None:
        unindex_page(instance.pk)


@receiver(post_page_move, dispatch_uid="portal_search_page_moved")
def on_page_moved(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    # The new parent may be another column (kind) or a private section.
    reindex_subtree(instance)


def _reindex_later(page_id: int) -> None:
    """Re-check a subtree once the transaction commits (the page may be going away)."""

    def run() -> None:
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            reindex_subtree(page)

    transaction.on_commit(run)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="portal_search_restriction_saved")
def on_restriction_saved(sender: type[PageViewRestriction], instance: PageViewRestriction, **kwargs: Any) -> None:
    # Leaving the index must not wait for a commit: a private page must never be found.
    reindex_subtree(instance.page)


@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="portal_search_restriction_deleted")
def on_restriction_deleted(sender: type[PageViewRestriction], instance: PageViewRestriction, **kwargs: Any) -> None:
    # Deferred: during a page delete the restriction goes first and the page right after.
    _reindex_later(instance.page_id)
