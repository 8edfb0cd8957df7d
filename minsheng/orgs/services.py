"""Every write to orgs, users and roles."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from minsheng.core.imports import ImportRejected, LoadResult
from minsheng.core.services import audit_event
from minsheng.core.tabular import TableError, decode_text

from .choices import OrgKind
from .models import Org, User
from .roles import (
    ROLE_COLLECTION_PERMISSIONS,
    ROLE_GROUPS,
    ROLE_MODEL_PERMISSIONS,
    ROLE_PAGE_PERMISSIONS,
    WAGTAIL_DEFAULT_GROUPS,
    WAGTAIL_DEFAULT_WORKFLOWS,
)

# --- Orgs -----------------------------------------------------------------------------

CSV_KIND_ALIASES = {
    "city": OrgKind.CITY,
    "coordinator": OrgKind.COORDINATOR,
    "department": OrgKind.DEPARTMENT,
    "town": OrgKind.TOWN,
    "subdistrict": OrgKind.SUBDISTRICT,
    "township": OrgKind.TOWNSHIP,
    "village": OrgKind.VILLAGE,
    "community": OrgKind.COMMUNITY,
    "市": OrgKind.CITY,
    "镇": OrgKind.TOWN,
    "街道": OrgKind.SUBDISTRICT,
    "乡": OrgKind.TOWNSHIP,
    "村": OrgKind.VILLAGE,
    "社区": OrgKind.COMMUNITY,
    "部门": OrgKind.DEPARTMENT,
}


class OrgImportError(ImportRejected):
    """A CSV of orgs that cannot be loaded."""


OrgLoadResult = LoadResult


def _set_path(org: Org) -> None:
    org.path = org.compute_path()
    org.depth = org.path.count("/") - 2


def org_save(*, actor: User | None, org: Org) -> Org:
    """Create or update one org (and re-path its subtree if it moved)."""
    with transaction.atomic():
        old_path = None
        if org.pk:
            old_path = Org.objects.filter(pk=org.pk).values_list("path", flat=True).first()
        _set_path(org)
        org.full_clean()
        created = org.pk is None
        org.save()
        if old_path and old_path != org.path:
            for child in Org.objects.filter(path__startswith=old_path).exclude(pk=org.pk).order_by("depth"):
                _set_path(child)
                child.save(update_fields=["path", "depth", "updated_at"])
        audit_event(actor=actor, action="org.create" if created else "org.update", target=org, org=org)
    return org


def orgs_load_csv(
    *, actor: User | None, source: Path | str | io.TextIOBase, default_parent: str | None = None
) -> OrgLoadResult:
    """Load a CSV shaped like ``demo_city.csv`` (code,name,kind,parent_code) or
    ``demo_departments.csv`` (code,name,short_name,kind). All or nothing.

    Departments (no parent column) are placed under ``default_parent`` or, if not
    given, under the only city in the database.
    """
    if isinstance(source, (str, Path)):
        raw = Path(source).read_bytes()
        text = _decode(raw)
    else:
        text = source.read()
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lstrip("\ufeff") for f in (reader.fieldnames or [])]
    reader.fieldnames = fields
    missing = {"code", "name", "kind"} - set(fields)
    if missing:
        raise OrgImportError([_("Missing column(s): %(cols)s") % {"cols": ", ".join(sorted(missing))}])

    rows: list[dict[str, str]] = []
    errors: list[str] = []
    seen: set[str] = set()
    for lineno, row in enumerate(reader, start=2):
        clean = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(clean.values()):
            continue
        code, name, kind = clean.get("code", ""), clean.get("name", ""), clean.get("kind", "")
        where = _("line %(line)d") % {"line": lineno}
        if not code:
            errors.append(_("%(where)s: code is empty") % {"where": where})
            continue
        if code in seen:
            errors.append(_("%(where)s: code %(code)s appears twice") % {"where": where, "code": code})
            continue
        seen.add(code)
        if not name:
            errors.append(_("%(where)s: name is empty") % {"where": where})
        if kind not in CSV_KIND_ALIASES:
            errors.append(_("%(where)s: unknown kind “%(kind)s”") % {"where": where, "kind": kind})
            continue
        mapped = CSV_KIND_ALIASES[kind]
        if mapped not in (OrgKind.DEPARTMENT, OrgKind.COORDINATOR) and not (code.isdigit() and len(code) == 12):
            errors.append(_("%(where)s: area code %(code)s must be 12 digits") % {"where": where, "code": code})
        clean["kind"] = mapped
        clean["_line"] = str(lineno)
        rows.append(clean)

    known = set(Org.objects.values_list("code", flat=True)) | {r["code"] for r in rows}
    city_code = default_parent
    if city_code is None:
        cities = [r["code"] for r in rows if r["kind"] == OrgKind.CITY] or list(
            Org.objects.filter(kind=OrgKind.CITY, parent__isnull=True).values_list("code", flat=True)
        )
        city_code = cities[0] if len(cities) == 1 else None
    for r in rows:
        parent = r.get("parent_code", "")
        if not parent and r["kind"] in (OrgKind.DEPARTMENT, OrgKind.COORDINATOR):
            if city_code is None:
                errors.append(
                    _("line %(line)s: no city to place department %(code)s under; load the city first")
                    % {"line": r["_line"], "code": r["code"]}
                )
                continue
            r["parent_code"] = city_code
        elif parent and parent not in known:
            errors.append(
                _("line %(line)s: parent code %(parent)s is not known") % {"line": r["_line"], "parent": parent}
            )
    if errors:
        raise OrgImportError(errors)

    result = OrgLoadResult()
    with transaction.atomic():
        by_code = {o.code: o for o in Org.objects.filter(code__in=known)}
        pending = list(rows)
        # parents first: repeat passes until every row's parent exists
        while pending:
            progressed = False
            rest = []
            for r in pending:
                parent_code = r.get("parent_code", "")
                parent_org: Org | None = by_code.get(parent_code) if parent_code else None
                if parent_code and (parent_org is None or parent_org.pk is None):
                    rest.append(r)
                    continue
                org = by_code.get(r["code"]) or Org(code=r["code"])
                before = (org.name, org.short_name, org.kind, org.parent_id)
                org.name = r["name"]
                org.short_name = r.get("short_name", "") or org.short_name
                org.kind = r["kind"]
                org.parent = parent_org
                after = (org.name, org.short_name, org.kind, org.parent_id)
                if org.pk is None:
                    result.created += 1
                    org_save(actor=actor, org=org)
                elif before != after:
                    result.updated += 1
                    org_save(actor=actor, org=org)
                else:
                    result.unchanged += 1
                by_code[org.code] = org
                result.codes.append(org.code)
                progressed = True
            if not progressed:
                raise OrgImportError(
                    [_("Parent codes form a cycle: %(codes)s") % {"codes": ", ".join(r["code"] for r in rest)}]
                )
            pending = rest
    return result


def _decode(raw: bytes) -> str:
    try:
        return decode_text(raw)
    except TableError as exc:
        raise OrgImportError([str(exc)]) from exc


# --- Users and roles ------------------------------------------------------------------


# Account fields the admin edits besides role and unit (their change is audited by name only).
ACCOUNT_FIELDS = ("username", "full_name", "email", "phone", "is_active", "is_superuser", "password")


def _check_may_grant(actor: User | None, *, superuser: bool, extra_groups: bool) -> None:
    """Only a superuser (or the system) makes administrators or hands out groups beyond a
    role's: a coordinator manages accounts, not the powers of the platform itself."""
    if actor is not None and not actor.is_superuser and (superuser or extra_groups):
        raise PermissionDenied(_("Only an administrator may grant administrator rights or extra groups."))


def user_create(
    *,
    actor: User | None,
    username: str,
    role: str,
    org: Org | None,
    full_name: str = "",
    password: str | None = None,
    email: str = "",
    phone: str = "",
    is_superuser: bool = False,
    extra_groups: Sequence[Group] = (),
) -> User:
    """Create an account; its group is the one of its role (``extra_groups``, beyond
    the role groups, and ``is_superuser`` only from a superuser)."""
    extra = [g for g in extra_groups if g.name not in ROLE_GROUPS.values()]
    _check_may_grant(actor, superuser=is_superuser, extra_groups=bool(extra))
    with transaction.atomic():
        user = User(
            username=username,
            role=role,
            org=org,
            full_name=full_name,
            email=email,
            phone=phone,
            is_superuser=is_superuser,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        if extra:
            user.groups.add(*extra)
        _sync_user_groups(user)
        data: dict[str, Any] = {"role": role}
        if is_superuser:
            data["superuser"] = True
        if extra:
            data["groups"] = sorted(g.name for g in extra)
        audit_event(actor=actor, action="user.create", target=user, org=org, data=data)
    return user


def user_set_role(*, actor: User | None, user: User, role: str, org: Org | None) -> User:
    """Move an account to another role and/or unit; its groups follow at once."""
    with transaction.atomic():
        before = {"role": user.role, "org": user.org.code if user.org else None}
        user.role = role
        user.org = org
        user.full_clean(exclude=["password"])
        user.save(update_fields=["role", "org"])
        _sync_user_groups(user)
        audit_event(
            actor=actor,
            action="user.set_role",
            target=user,
            org=org,
            data={"before": before, "after": {"role": role, "org": org.code if org else None}},
        )
    return user


def user_update(
    *,
    actor: User | None,
    user: User,
    role: str,
    org: Org | None,
    extra_groups: Sequence[Group] | None = None,
) -> User:
    """Save an account edited in the admin.

    ``user`` carries its edited account fields (name, phone, e-mail, active,
    administrator, a new password already hashed); a change of role or unit goes
    through :func:`user_set_role`, so the groups follow at once and the move is audited
    as ``user.set_role``. ``extra_groups`` (``None``: unchanged) are the groups besides
    the role's, which only a superuser hands out. Other changes are audited as
    ``user.update`` with the names of the fields, never their values.
    """
    with transaction.atomic():
        stored = User.objects.select_for_update().get(pk=user.pk)
        if actor is not None and not actor.is_superuser and stored.is_superuser:
            raise PermissionDenied(_("Only an administrator may change an administrator's account."))
        extra = None if extra_groups is None else [g for g in extra_groups if g.name not in ROLE_GROUPS.values()]
        _check_may_grant(
            actor, superuser=user.is_superuser and not stored.is_superuser, extra_groups=extra_groups is not None
        )
        # Role and unit stay as stored here; user_set_role moves them.
        user.role, user.org = stored.role, stored.org
        user.full_clean(exclude=["password"])
        changed = [f for f in ACCOUNT_FIELDS if getattr(stored, f) != getattr(user, f)]
        if changed:
            user.save(update_fields=changed)
        data: dict[str, Any] = {}
        if changed:
            data["fields"] = changed
        if extra is not None:
            had = set(user.groups.exclude(name__in=ROLE_GROUPS.values()).values_list("name", flat=True))
            if had != {g.name for g in extra}:
                user.groups.remove(*user.groups.exclude(name__in=ROLE_GROUPS.values()))
                user.groups.add(*extra)
                data["groups"] = sorted(g.name for g in extra)
        if data:
            audit_event(actor=actor, action="user.update", target=user, org=stored.org, data=data)
        if (role, org.pk if org else None) != (stored.role, stored.org_id):
            user_set_role(actor=actor, user=user, role=role, org=org)
        else:
            _sync_user_groups(user)
    return user


def users_set_active(*, actor: User | None, users: Iterable[User], active: bool) -> int:
    """Activate or deactivate accounts (never the actor's own; an administrator's only by
    an administrator). An inactive account is signed out at its next request."""
    with transaction.atomic():
        targets = [
            u
            for u in User.objects.select_for_update().filter(pk__in=[u.pk for u in users]).exclude(is_active=active)
            if actor is None or (u.pk != actor.pk and (actor.is_superuser or not u.is_superuser))
        ]
        User.objects.filter(pk__in=[u.pk for u in targets]).update(is_active=active)
        for target in targets:
            audit_event(
                actor=actor,
                action="user.update",
                target=target,
                org=target.org,
                data={"fields": ["is_active"], "is_active": active},
            )
    return len(targets)


def _sync_user_groups(user: User) -> None:
    """A user is in exactly the group of their role (other groups are left alone)."""
    role_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
    user.groups.remove(*role_groups)
    if user.role in ROLE_GROUPS:
        group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[user.role])
        user.groups.add(group)


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def roles_sync(**_kwargs: Any) -> None:
    """Make the role groups and their permissions match ``roles.py``, and give Wagtail's default
    groups and workflow Chinese names (``WAGTAIL_DEFAULT_*``). Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Task, Workflow

    with transaction.atomic():
        for english, chinese in WAGTAIL_DEFAULT_GROUPS.items():
            if not Group.objects.filter(name=chinese).exists():
                Group.objects.filter(name=english).update(name=chinese)
        for english, chinese in WAGTAIL_DEFAULT_WORKFLOWS.items():
            Workflow.objects.filter(name=english).update(name=chinese)
            Task.objects.filter(name=english).update(name=chinese)
        root_collection = Collection.get_first_root_node()
        portal_root = Page.objects.filter(depth=2).first()
        for role, name in ROLE_GROUPS.items():
            group, _created = Group.objects.get_or_create(name=name)
            perms = [p for p in (_permission(d) for d in ROLE_MODEL_PERMISSIONS.get(role, [])) if p]
            group.permissions.set(perms)
            if root_collection is not None:
                wanted = [p for p in (_permission(d) for d in ROLE_COLLECTION_PERMISSIONS.get(role, [])) if p]
                GroupCollectionPermission.objects.filter(group=group).exclude(permission__in=wanted).delete()
                for perm in wanted:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )
            if portal_root is not None:
                wanted_pages = [
                    p for p in (_permission(f"wagtailcore.{c}") for c in ROLE_PAGE_PERMISSIONS.get(role, [])) if p
                ]
                GroupPagePermission.objects.filter(group=group).exclude(permission__in=wanted_pages).delete()
                for perm in wanted_pages:
                    GroupPagePermission.objects.get_or_create(group=group, page=portal_root, permission=perm)
