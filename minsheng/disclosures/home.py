"""The home page's list of running 公示."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from minsheng.portal.selectors import HomeSection, register_home_section

HOME_COUNT = 6


def disclosures_section(*, home: Any, request: Any) -> HomeSection | None:
    from .models import DisclosureIndexPage
    from .selectors import running_disclosures

    index = DisclosureIndexPage.objects.live().public().descendant_of(home).first()
    if index is None:
        return None
    running = list(running_disclosures()[:HOME_COUNT])
    if not running:
        return None
    base = index.get_url(request)
    return HomeSection(
        key="disclosures",
        template="disclosures/home_disclosures.html",
        title=_("Disclosures"),
        context={
            "disclosures": [(d, base + index.reverse_subpage("detail", kwargs={"pk": d.pk})) for d in running],
            "index_url": base,
        },
    )


register_home_section("disclosures", disclosures_section)
