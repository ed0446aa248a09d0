"""The catalogue and its versions, the sub-projects and the budget: everyone logged in reads
them (the budget: everyone), the programme team and the regional coordinator change them."""

import yaml
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from weerbaar.apps.programme import queries, rights, services
from weerbaar.apps.programme.forms import (
    BudgetLineForm,
    BudgetYearForm,
    CatalogueImportForm,
    SubProjectForm,
)
from weerbaar.apps.programme.models import BudgetLine, BudgetYear, CatalogueVersion, SubProject
from weerbaar.apps.programme.views.common import manager_required, reader_required

# --- the catalogue ---------------------------------------------------------------------------


@reader_required
def catalogue(request):
    can_import = rights.can_manage_programme(request.user)
    form = CatalogueImportForm()
    if request.method == "POST":
        if not can_import:
            raise PermissionDenied(
                _("Only the programme team and the regional coordinator may change this.")
            )
        form = CatalogueImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            version, created = services.import_catalogue(
                request.user, form.catalogue, source_name=upload.name
            )
            if created:
                messages.success(request, _("Imported as version %(n)s.") % {"n": version.number})
            else:
                messages.success(request, _("This catalogue is the same as the current version."))
            return redirect("programme:catalogue_version", number=version.number)
    current = queries.current_version()
    context = {
        "version": current,
        "entries": current.entries.select_related("measure").prefetch_related(
            "measure__subprojects"
        ),
        "versions": CatalogueVersion.objects.select_related("imported_by"),
        "form": form if can_import else None,
    }
    return render(request, "programme/catalogue.html", context)


@reader_required
def catalogue_version(request, number):
    queries.current_version()
    version = get_object_or_404(CatalogueVersion, number=number)
    changes = version.changes or {}
    context = {
        "version": version,
        "entries": version.entries.select_related("measure"),
        "added": changes.get("added", []),
        "removed": changes.get("removed", []),
        "changed": changes.get("changed", {}),
        "previous": CatalogueVersion.objects.filter(number__lt=number).first(),
    }
    return render(request, "programme/catalogue_version.html", context)


@reader_required
def catalogue_download(request, number):
    """A version as YAML in the import format: download, edit, import as the next version."""
    version = get_object_or_404(CatalogueVersion, number=number)
    document = {
        "catalogue": {"title": version.title, "concept": version.is_concept, "note": version.note},
        "measures": [
            {
                "id": e.measure.code,
                "title": e.title,
                "description": e.description,
                "phase": e.phase,
                "responsible_party": e.responsible_party,
                "partners": list(e.partners),
                "theme": e.theme,
                "scope": e.scope,
                "source": e.source,
            }
            for e in version.entries.select_related("measure")
        ],
    }
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="catalogue-v{number}.yaml"'
    return response


# --- sub-projects ----------------------------------------------------------------------------


@reader_required
def subprojects(request):
    rollups = {t.key: t for t in queries.rollups()["by_subproject"]}
    items = []
    for subproject in SubProject.objects.prefetch_related("measures", "budget_groups"):
        items.append({"subproject": subproject, "tally": rollups.get(subproject.key)})
    return render(request, "programme/subprojects.html", {"items": items})


@reader_required
def subproject(request, key):
    subproject = get_object_or_404(SubProject, key=key)
    can_edit = rights.can_manage_programme(request.user)
    entries = queries.current_entries()
    choices = {e.measure: f"{e.code} {e.title}" for e in entries}
    form = None
    if can_edit:
        initial = {
            "name": subproject.name,
            "goal": subproject.goal,
            "action_lines": "\n".join(subproject.action_lines),
            "needed_roles": "\n".join(subproject.needed_roles),
            "owner": subproject.owner,
            "progress": subproject.progress,
            "note": subproject.note,
            "measures": list(subproject.measures.all()),
        }
        form = SubProjectForm(request.POST or None, initial=initial, measure_choices=choices)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(
                _("Only the programme team and the regional coordinator may change this.")
            )
        if form.is_valid():
            codes = [m.code for m in form.cleaned_data["measures"]]
            try:
                services.save_subproject(subproject.key, form.values(), codes)
            except services.ProgrammeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The sub-project has been saved."))
                return redirect("programme:subproject", key=subproject.key)
    linked = {m.pk for m in subproject.measures.all()}
    context = {
        "subproject": subproject,
        "entries": [e for e in entries if e.measure_id in linked],
        "tally": {t.key: t for t in queries.rollups()["by_subproject"]}.get(subproject.key),
        "budget_groups": subproject.budget_groups.all(),
        "form": form,
    }
    return render(request, "programme/subproject.html", context)


# --- the budget ------------------------------------------------------------------------------


def budget(request):
    context = {
        "table": queries.budget_table(),
        "can_edit": rights.can_manage_programme(request.user),
    }
    return render(request, "programme/budget.html", context)


@manager_required
def budget_line(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("group"), pk=pk)
    years = queries.budget_years()
    initial = {a.year: a.as_amount() for a in line.amounts.all()}
    form = BudgetLineForm(request.POST or None, years=years, initial_amounts=initial)
    if request.method == "POST" and form.is_valid():
        services.save_budget_line(line, form.amounts)
        messages.success(request, _("The budget line has been saved."))
        return redirect("programme:budget")
    return render(request, "programme/budget_line_form.html", {"line": line, "form": form})


@manager_required
def budget_year(request, year):
    budget_year = get_object_or_404(BudgetYear, year=year)
    form = BudgetYearForm(
        request.POST or None,
        initial={
            "national_contribution": budget_year.national_contribution,
            "national_contribution_note": budget_year.national_contribution_note,
            "fund_formation": budget_year.fund_formation,
            "fund_formation_label": budget_year.fund_formation_label,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.save_budget_year(year, form.cleaned_data)
        messages.success(request, _("The figures for %(year)s have been saved.") % {"year": year})
        return redirect("programme:budget")
    return render(request, "programme/budget_year_form.html", {"year": year, "form": form})
