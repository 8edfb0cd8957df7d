"""Back office of 公示: scoped listing, create, actions, objections inbox (thin views)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from minsheng.beneficiaries import selectors as registry_selectors
from minsheng.core.masking import mask_phone
from minsheng.orgs.choices import AREA_KINDS, VILLAGE_KINDS
from minsheng.orgs.scoping import scope_for
from minsheng.projects.models import LivelihoodItem

from . import selectors, services
from .choices import DisclosureState
from .forms import DisclosureCreateForm, ObjectionAnswerForm


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def disclosure_index(request: HttpRequest) -> HttpResponse:
    _require(request, "disclosures.view_disclosure")
    state = request.GET.get("state", "")
    page = Paginator(selectors.disclosure_list(user=request.user, state=state), 50).get_page(request.GET.get("p"))
    context = {"page": page, "state": state, "states": DisclosureState.choices, "header_title": _("Disclosures")}
    return TemplateResponse(request, "disclosures/admin/index.html", context)


def disclosure_create(request: HttpRequest) -> HttpResponse:
    _require(request, "disclosures.add_disclosure")
    user = request.user
    scope = scope_for(user)
    issuers = [o.pk for o in scope.orgs() if services.can_prepare(user, o)]
    form_kwargs = {
        "items": LivelihoodItem.objects.filter(city_has_task=True).order_by("-year", "seq"),
        "issuers": scope.orgs().filter(pk__in=issuers),
        "batches": registry_selectors.batch_list(user=user),
        "villages": scope.orgs().filter(kind__in=VILLAGE_KINDS),
    }
    form = DisclosureCreateForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            disclosure = services.disclosure_create(
                actor=user,  # type: ignore[arg-type]
                item=data["item"],
                issuer=data["issuer"],
                batch=data["batch"],
                villages=list(data["villages"]) or None,
                period_days=data["period_days"],
                long_term=data["long_term"],
                objection_phone=data["objection_phone"],
                objection_address=data["objection_address"],
                objection_office=data["objection_office"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else _("You may not do this."))
        else:
            messages.success(request, _("Draft created."))
            return redirect("disclosures_admin_detail", pk=disclosure.pk)
    return TemplateResponse(
        request, "disclosures/admin/form.html", {"form": form, "header_title": _("New disclosure"), "area": AREA_KINDS}
    )


ACTIONS = {
    "submit": lambda u, d, r: services.disclosure_submit(actor=u, disclosure=d),
    "approve": lambda u, d, r: services.disclosure_approve(actor=u, disclosure=d),
    "return": lambda u, d, r: services.disclosure_return(actor=u, disclosure=d, reason=r),
    "publish": lambda u, d, r: services.disclosure_publish(actor=u, disclosure=d),
    "withdraw": lambda u, d, r: services.disclosure_withdraw(actor=u, disclosure=d, reason=r),
}


def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "disclosures.view_disclosure")
    disclosure = get_object_or_404(selectors.disclosure_list(user=request.user), pk=pk)
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
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
    entries = selectors.entry_list(disclosure=disclosure)[:50]
    context = {
        "disclosure": disclosure,
        "entries": entries,
        "objections": selectors.objection_list(user=request.user).filter(disclosure=disclosure),
        "can_prepare": services.can_prepare(request.user, disclosure.issuer),
        "can_approve": services.can_approve(request.user, disclosure),
        "header_title": disclosure.title,
    }
    return TemplateResponse(request, "disclosures/admin/detail.html", context)


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
    if request.method == "POST" and request.POST.get("action") == "reveal_contact":
        contact = services.objection_contact_reveal(actor=request.user, objection=objection)  # type: ignore[arg-type]
        form = ObjectionAnswerForm()
    else:
        form = ObjectionAnswerForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") != "reveal_contact" and form.is_valid():
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
        "days_left": objection.days_left(),
        "header_title": _("Objection"),
    }
    return TemplateResponse(request, "disclosures/admin/objection_detail.html", context)
