"""What each role may do in the back office, as Wagtail groups and permissions.

``roles_sync`` (run after every migrate and by ``seed_demo``) makes the groups match
this table; later apps add their own model permissions to ``ROLE_MODEL_PERMISSIONS``.
"""

from __future__ import annotations

from .choices import Role

# Group names are data shown in the Chinese admin; kept stable across languages.
ROLE_GROUPS: dict[str, str] = {
    Role.COORDINATOR: "市民生办",
    Role.DEPARTMENT_LIAISON: "部门联络员",
    Role.TOWN_LIAISON: "镇街联络员",
    Role.VILLAGE_STAFF: "村居工作人员",
    Role.SUPERVISOR: "特邀监督员",
}

# Wagtail's first migrations create two groups and a page workflow (and its one task) named
# in English. They are data shown to our staff (the users filter, "提交给…" on every page
# editor), so roles_sync renames them once; a name already taken is left alone.
WAGTAIL_DEFAULT_GROUPS: dict[str, str] = {"Moderators": "审核员", "Editors": "编辑"}
WAGTAIL_DEFAULT_WORKFLOWS: dict[str, str] = {"Moderators approval": "审核员审批"}


# "app_label.codename" per role. Later apps extend these lists in their AppConfig.ready().
ROLE_MODEL_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "wagtailadmin.access_admin",
        "orgs.view_org",
        "orgs.add_org",
        "orgs.change_org",
        "orgs.view_user",
        "orgs.add_user",
        "orgs.change_user",
        "core.view_auditevent",
        "wagtailcore.change_site",
        "portal.change_portalsettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
    Role.DEPARTMENT_LIAISON: ["wagtailadmin.access_admin", "orgs.view_org"],
    Role.TOWN_LIAISON: ["wagtailadmin.access_admin", "orgs.view_org"],
    Role.VILLAGE_STAFF: ["wagtailadmin.access_admin", "orgs.view_org"],
    Role.SUPERVISOR: ["wagtailadmin.access_admin"],
}

# Page permissions on the portal's home page (and so on its whole tree).
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}

# Collection permissions on the root collection (images and documents).
ROLE_COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ],
    Role.DEPARTMENT_LIAISON: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    Role.TOWN_LIAISON: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    Role.VILLAGE_STAFF: ["wagtailimages.add_image", "wagtailimages.choose_image"],
}
