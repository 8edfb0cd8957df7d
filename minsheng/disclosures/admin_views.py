"""Back office of 公示: scoped listing, create, edit and delete drafts, actions, the print
sheet (full names, audited), objections inbox (thin views)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from minsheng.beneficiaries import selectors as registry_selectors
from minsheng.core.masking import mask_phone
from minsheng.orgs.choices import AREA_KINDS, VILLAGE_KINDS
from minsheng.orgs.models import Org
from minsheng.orgs.scoping import scope_for
from minsheng.projects.models import LivelihoodItem

from . import selectors, services
from .choices import DisclosureState
from .forms import DisclosureCreateForm, ObjectionAnswerForm
from .models import Disclosure
from .outputs import web_rows

ENTRIES_PER_PAGE = 100


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def disclosure_index(request: HttpRequest) -> HttpResponse:
    _require(request, "disclosures.view_disclosure")
    state = request.GET.get("state", "")
    page = Paginator(selectors.disclosure_list(user=request.user, state=state), 50).get_page(request.GET.get("p"))
    # village staff also read their town's 公示 for their own board (their entries only)
    board = selectors.board_read(user=request.user, state=state)
    context = {
        "page": page,
        "board": board,
        "board_disclosures": board.disclosures[:200] if board is not None else [],
        "state": state,
        "states": DisclosureState.choices,
        "header_title": _("Disclosures"),
    }
    return TemplateResponse(request, "disclosures/admin/index.html", context)


def _form_choices(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    scope = scope_for(user)
    issuers = [o.pk for o in scope.orgs() if services.can_prepare(user, o)]
    return {
        "items": LivelihoodItem.objects.filter(city_has_task=True).order_by("-year", "seq"),
        "issuers": scope.orgs().filter(pk__in=issuers),
        "batches": registry_selectors.batch_list(user=user),
        "villages": scope.orgs().filter(kind__in=VILLAGE_KINDS),
    }


def _draft_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": data["title"],
        "item": data["item"],
        "issuer": data["issuer"],
        "batch": data["batch"],
        "villages": list(data["villages"]) or None,
        "period_days": data["period_days"],
        "long_term": data["long_term"],
        "objection_phone": data["objection_phone"],
        "objection_address": data["objection_address"],
        "objection_office": data["objection_office"],
    }


def _form_page(request: HttpRequest, form: DisclosureCreateForm, **context: Any) -> HttpResponse:
    context.update({"form": form, "area": AREA_KINDS})
    return TemplateResponse(request, "disclosures/admin/form.html", context)


def disclosure_create(request: HttpRequest) -> HttpResponse:
    _require(request, "disclosures.add_disclosure")
    form = DisclosureCreateForm(request.POST or None, **_form_choices(request))
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.disclosure_create(
                actor=request.user,  # type: ignore[arg-type]
                **_draft_fields(form.cleaned_data),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else _("You may not do this."))
        else:
            messages.success(request, _("Draft created."))
            return redirect("disclosures_admin_detail", pk=disclosure.pk)
    return _form_page(request, form, header_title=_("New disclosure"), submit_label=_("Create draft"))


def _draft_initial(disclosure: Disclosure) -> dict[str, Any]:
    standard = services.make_title(issuer=disclosure.issuer, item=disclosure.item, year=disclosure.year)
    return {
        # a standard title is left empty, so that it follows a change of unit or item
        "title": "" if disclosure.title == standard else disclosure.title,
        "item": disclosure.item_id,
        "issuer": disclosure.issuer_id,
        "batch": disclosure.batch_id,
        "villages": selectors.entry_villages(disclosure=disclosure),
        "period_days": disclosure.period_days,
        "long_term": disclosure.long_term,
        "objection_phone": disclosure.objection_phone,
        "objection_address": disclosure.objection_address,
        "objection_office": disclosure.objection_office,
    }


def disclosure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "disclosures.change_disclosure")
    disclosure = get_object_or_404(selectors.disclosure_list(user=request.user), pk=pk)
    if not services.can_edit(request.user, disclosure):
        raise PermissionDenied
    form = DisclosureCreateForm(request.POST or None, initial=_draft_initial(disclosure), **_form_choices(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_update(
                actor=request.user,  # type: ignore[arg-type]
                disclosure=disclosure,
                reselect=bool(form.SELECTION_FIELDS & set(form.changed_data)),
                **_draft_fields(form.cleaned_data),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else _("You may not do this."))
        else:
            messages.success(request, _("Draft saved."))
            return redirect("disclosures_admin_detail", pk=disclosure.pk)
    return _form_page(request, form, header_title=_("Edit draft"), submit_label=_("Save draft"), disclosure=disclosure)


def disclosure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "disclosures.delete_disclosure")
    disclosure = get_object_or_404(selectors.disclosure_list(user=request.user), pk=pk)
    if not services.can_delete(request.user, disclosure):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.disclosure_delete(actor=request.user, disclosure=disclosure)  # type: ignore[arg-type]
        except PermissionDenied:
            messages.error(request, _("You may not do this."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Draft deleted."))
            return redirect("disclosures_admin_index")
        return redirect("disclosures_admin_detail", pk=pk)
    context = {"disclosure": disclosure, "header_title": _("Delete draft")}
    return TemplateResponse(request, "disclosures/admin/confirm_delete.html", context)


def _readable(request: HttpRequest, pk: int) -> tuple[Disclosure, Org | None]:
    """The disclosure as the user sees it, and the village it is narrowed to: ``None`` for
    the units that see it whole, the user's village for a village reading its town's 公示
    (read-only). 404 for anything else."""
    disclosure = selectors.disclosure_list(user=request.user).filter(pk=pk).first()
    if disclosure is not None:
        return disclosure, None
    board = selectors.board_read(user=request.user)
    if board is None:
        raise Http404
    return get_object_or_404(board.disclosures, pk=pk), board.village


ACTIONS = {
    "submit": lambda u, d, r: services.disclosure_submit(actor=u, disclosure=d),
    "approve": lambda u, d, r: services.disclosure_approve(actor=u, disclosure=d),
    "return": lambda u, d, r: services.disclosure_return(actor=u, disclosure=d, reason=r),
    "publish": lambda u, d, r: services.disclosure_publish(actor=u, disclosure=d),
    "withdraw": lambda u, d, r: services.disclosure_withdraw(actor=u, disclosure=d, reason=r),
}


def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "disclosures.view_disclosure")
    disclosure, board_village = _readable(request, pk)
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None or board_village is not None:  # a village's reading is read-only
            raise PermissionDenied
        try:
            action(request.user, disclosure, request.POST.get("reason", ""))
        except PermissionDenied:
            messages.error(request, _("You may not do this."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Done."))
        return redirect("disclosures_admin_detail", pk=pk)
    entries = Paginator(selectors.entry_list(disclosure=disclosure, village=board_village), ENTRIES_PER_PAGE).get_page(
        request.GET.get("p")
    )
    index = selectors.public_index_page()
    public_url = index.detail_url(disclosure, request) if index is not None and disclosure.is_public() else ""
    context = {
        "disclosure": disclosure,
        # the admin shows the web profile (张*明) to everyone: full names only on the print
        # sheet, whose every download is audited
        "entries": entries,
        "rows": web_rows(entries.object_list),
        "objections": selectors.objection_list(user=request.user).filter(disclosure=disclosure),
        "can_prepare": services.can_prepare(request.user, disclosure.issuer),
        "can_edit": services.can_edit(request.user, disclosure),
        "can_delete": services.can_delete(request.user, disclosure),
        "can_approve": services.can_approve(request.user, disclosure),
        "prints_sheet": disclosure.prints_board_sheet(),
        "board_village": board_village,
        # a sheet per village, for each village board (not for a village's own reading)
        "sheet_villages": (
            selectors.sheet_villages(user=request.user, disclosure=disclosure) if board_village is None else []
        ),
        "public_url": public_url,
        "header_title": disclosure.title,
    }
    return TemplateResponse(request, "disclosures/admin/detail.html", context)


def disclosure_sheet(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The 公示栏 sheet with full names, for staff to print (audited by the service)."""
    _require(request, "disclosures.view_disclosure")
    disclosure, board_village = _readable(request, pk)
    if kind not in services.SHEET_KINDS or not disclosure.prints_board_sheet():
        raise Http404
    village = board_village
    if request.GET.get("village"):  # one village's sheet, for its board
        village = get_object_or_404(
            selectors.sheet_villages(user=request.user, disclosure=disclosure), pk=_int(request.GET["village"])
        )
    index = selectors.public_index_page()
    url = request.build_absolute_uri(index.detail_url(disclosure, request)) if index is not None else ""
    try:
        sheet = services.disclosure_sheet_download(
            actor=request.user,  # type: ignore[arg-type]
            disclosure=disclosure,
            kind=kind,
            url=url,
            request=request,
            village=village,
        )
    except (PermissionDenied, ValidationError):
        raise Http404 from None
    response = HttpResponse(sheet.content, content_type=sheet.content_type)
    response["Content-Disposition"] = f'attachment; filename="{sheet.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


def objection_index(request: HttpRequest) -> HttpResponse:
    _require(request, "disclosures.view_objection")
    rows = [(o, o.days_left()) for o in selectors.objection_list(user=request.user)[:500]]
    return TemplateResponse(
        request, "disclosures/admin/objections.html", {"rows": rows, "header_title": _("Objections")}
    )


def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "disclosures.view_objection")
    objection = get_object_or_404(selectors.objection_list(user=request.user), pk=pk)
    contact = mask_phone(objection.contact())
    can_answer = services.can_answer(request.user, objection)
    revealing = request.method == "POST" and request.POST.get("action") == "reveal_contact"
    if revealing:
        try:
            contact = services.objection_contact_reveal(
                actor=request.user,  # type: ignore[arg-type]
                objection=objection,
                request=request,
            )
        except PermissionDenied:
            messages.error(request, _("You may not do this."))
        form = ObjectionAnswerForm()
    elif request.method == "POST" and not can_answer:
        raise PermissionDenied
    else:
        form = ObjectionAnswerForm(request.POST or None)
    if request.method == "POST" and not revealing and form.is_valid():
        try:
            services.objection_answer(
                actor=request.user,  # type: ignore[arg-type]
                objection=objection,
                recheck=form.cleaned_data["recheck"],
                outcome=form.cleaned_data["outcome"],
                answer=form.cleaned_data["answer"],
                amount=form.cleaned_data["amount"],
            )
        except PermissionDenied:
            form.add_error(None, _("You may not do this."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The answer was recorded."))
            return redirect("disclosures_admin_objections")
    context = {
        "objection": objection,
        "form": form,
        "contact": contact,
        "can_answer": can_answer,
        "can_reveal": services.can_reveal_contact(request.user, objection),
        "days_left": objection.days_left(),
        "header_title": _("Objection"),
    }
    return TemplateResponse(request, "disclosures/admin/objection_detail.html", context)
