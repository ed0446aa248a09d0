"""The overview, the matrix, a municipality's to-do list and printable page, and one measure's
record with its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.apps.accounts.models import Role
from weerbaar.apps.accounts.rights import own_municipality_codes
from weerbaar.apps.programme import queries, rights, services
from weerbaar.apps.programme.forms import MatrixFilterForm, RecordForm, StatusForm
from weerbaar.apps.programme.models import MeasureRecord, Phase
from weerbaar.apps.programme.states import STATUS_SYMBOLS, MeasureStatus
from weerbaar.apps.programme.views.common import entry_or_404, municipality_or_404, reader_required


def status_legend() -> list[dict]:
    return [
        {"value": s.value, "label": s.label, "symbol": STATUS_SYMBOLS[s]} for s in MeasureStatus
    ]


def overview(request):
    context = {"budget": queries.budget_table(), "version": queries.current_version()}
    if rights.can_read_programme(request.user):
        context["rollups"] = queries.rollups()
        context["legend"] = status_legend()
        if request.user.role == Role.MUNICIPAL_OFFICER:
            context["own_codes"] = own_municipality_codes(request.user)
    return render(request, "programme/overview.html", context)


@reader_required
def matrix(request):
    form = MatrixFilterForm(request.GET or None, themes=queries.themes())
    phase = theme = ""
    if form.is_bound and form.is_valid():
        phase, theme = form.cleaned_data["phase"], form.cleaned_data["theme"]
    context = {
        "form": form,
        "data": queries.matrix(phase=phase, theme=theme),
        "version": queries.current_version(),
        "legend": status_legend(),
        "filtered": bool(phase or theme),
        "query": request.GET.urlencode(),
    }
    return render(request, "programme/matrix.html", context)


def _todo_context(request, municipality) -> dict:
    items = queries.todo(municipality)
    return {
        "municipality": municipality,
        "items": items,
        "tally": queries.tally(items),
        "can_edit": rights.can_edit_record(request.user, regional=False, municipality=municipality),
        "can_manage": rights.can_manage_programme(request.user),
        "statuses": MeasureStatus.choices,
        "version": queries.current_version(),
        "legend": status_legend(),
    }


@reader_required
def todo(request, code):
    context = _todo_context(request, municipality_or_404(code))
    return render(request, "programme/todo.html", context)


@reader_required
def print_page(request, code):
    municipality = municipality_or_404(code)
    context = _todo_context(request, municipality)
    by_phase = []
    for phase in Phase:
        in_phase = [i for i in context["items"] if i["entry"].phase == phase]
        if in_phase:
            by_phase.append({"phase": phase, "tally": queries.tally(in_phase)})
    context.update(by_phase=by_phase, printed_at=timezone.localtime())
    return render(request, "programme/print.html", context)


def _record_page(request, entry, municipality):
    regional = entry.is_regional
    can_edit = rights.can_edit_record(request.user, regional=regional, municipality=municipality)
    record = queries.record_for(entry, municipality)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("You may not change this measure's record."))
        form = RecordForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_record(
                    request.user,
                    entry.measure,
                    None if regional else municipality,
                    values={name: data[name] for name in services.RECORD_FIELDS},
                    evidence=services.EvidenceUpload(
                        file=data["evidence_file"], clear=data["clear_evidence_file"]
                    ),
                    reason=data["reason"],
                )
            except services.ProgrammeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The measure has been saved."))
                return redirect(request.path)
    else:
        form = RecordForm(
            initial={
                "status": record.status,
                "owner": record.owner,
                "due_date": record.due_date,
                "evidence_url": record.evidence_url,
                "notes": record.notes,
            }
        )
    history = record.history.select_related("actor").order_by("-created_at") if record.pk else []
    context = {
        "entry": entry,
        "municipality": municipality,
        "record": record,
        "form": form if can_edit else None,
        "history": history,
        "subprojects": entry.measure.subprojects.all(),
    }
    return render(request, "programme/record.html", context)


@reader_required
def record(request, code, measure_code):
    municipality, entry = municipality_or_404(code), entry_or_404(measure_code)
    if entry.is_regional:
        return redirect("programme:regional_record", measure_code=entry.code)
    return _record_page(request, entry, municipality)


@reader_required
def regional_record(request, measure_code):
    entry = entry_or_404(measure_code)
    if not entry.is_regional:
        raise Http404
    return _record_page(request, entry, None)


@require_POST
@reader_required
def quick_status(request, code, measure_code):
    """Change only the status, from the to-do list (htmx swaps the row in place)."""
    municipality, entry = municipality_or_404(code), entry_or_404(measure_code)
    if entry.is_regional or not rights.can_edit_record(
        request.user, regional=False, municipality=municipality
    ):
        raise PermissionDenied(_("You may not change this measure's record."))
    form = StatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.update_record(
                request.user, entry.measure, municipality, values=form.cleaned_data
            )
        except services.ProgrammeError as exc:
            error = str(exc)
    else:
        error = _("Choose a status.")
    if request.htmx:
        context = _todo_context(request, municipality)
        item = {"entry": entry, "record": queries.record_for(entry, municipality)}
        context.update(item=item, saved=not error, error=error)
        return render(request, "programme/_todo_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The status has been saved."))
    return redirect("programme:todo", code=municipality.code)


@reader_required
def evidence(request, pk):
    record = get_object_or_404(MeasureRecord.objects.exclude(evidence_file=""), pk=pk)
    try:
        handle = record.evidence_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=record.evidence_file_name)
