"""Downloads: the matrix (logged in) and the budget (public) as CSV and Excel."""

from django.http import Http404, HttpResponse
from django.utils import timezone

from weerbaar.apps.programme import exports, queries
from weerbaar.apps.programme.forms import MatrixFilterForm
from weerbaar.apps.programme.views.common import reader_required

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


@reader_required
def matrix_export(request, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    form = MatrixFilterForm(request.GET or None, themes=queries.themes())
    phase = theme = ""
    if form.is_bound and form.is_valid():
        phase, theme = form.cleaned_data["phase"], form.cleaned_data["theme"]
    data = queries.matrix(phase=phase, theme=theme)
    if fmt == "csv":
        content = exports.matrix_csv(data)
    else:
        content = exports.matrix_xlsx(data, queries.current_version())
    return _download(content, "measures", fmt)


def budget_export(request, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    table = queries.budget_table()
    content = exports.budget_csv(table) if fmt == "csv" else exports.budget_xlsx(table)
    return _download(content, "budget", fmt)
