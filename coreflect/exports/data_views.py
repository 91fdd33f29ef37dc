"""A round's data page and its downloads (CSV, Excel, JSON, the action plan as Excel), and an admin's raw
export of an anonymous round, explained and confirmed first.

Anyone who may see the round's results may download its data, which holds no more than the results pages
show; every download is recorded. Only admins may take an anonymous round's raw data, after a page that
says what it is, by posting a confirmation; facilitators and viewers never can.
"""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import data_downloads, data_files
from .cells import safe_filename
from .data import RoundData
from .data_columns import DATA_TABLES, RESPONSES
from .data_forms import RawDataForm
from .data_plan import plan_workbook
from .models import Contents, Format

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round(request, pk, permission=Permission.VIEW_RESULTS):
    rounds = request.organisation.rounds.select_related("framework_version__framework", "organisation")
    return get_for_member(request, rounds, pk, permission=permission)


def _name(round_, extension, part=""):
    return safe_filename(round_.title, timezone.localdate(), extension, part=part)


def _private(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file(data: RoundData, format_: str, part: str, table=None):
    round_ = data.round
    if format_ == Format.CSV:
        table = table or data.tables()[0]
        pieces = data_files.csv_pieces(data, table)
        response = StreamingHttpResponse(pieces, content_type="text/csv; charset=utf-8")
        return _private(response, _name(round_, "csv", f"{part}-{table.key}" if part else table.key))
    if format_ == Format.JSON:
        response = StreamingHttpResponse(data_files.json_pieces(data), content_type="application/json")
        return _private(response, _name(round_, "json", part))
    return _private(FileResponse(data_files.workbook(data), content_type=XLSX), _name(round_, "xlsx", part))


@member_required(Permission.VIEW_RESULTS)
@require_safe
def data_page(request, pk):
    round_ = _round(request, pk)
    tables = [table for table in DATA_TABLES if table is not RESPONSES or not round_.anonymous]
    context = {
        "round": round_,
        "tables": tables,
        "may_export_raw": round_.anonymous and request.membership.allows(Permission.EXPORT_RAW_DATA),
    }
    return render(request, "exports/data.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def data_csv(request, pk):
    round_ = _round(request, pk)
    data = RoundData(round_)
    key = request.GET.get("table") or "answers"
    table = next((table for table in data.tables() if table.key == key), None)
    if table is None:
        raise Http404
    data_downloads.record(round_, request.user, Contents.DATA, Format.CSV)
    return _file(data, Format.CSV, "", table)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def data_xlsx(request, pk):
    round_ = _round(request, pk)
    data_downloads.record(round_, request.user, Contents.DATA, Format.EXCEL)
    return _file(RoundData(round_), Format.EXCEL, "data")


@member_required(Permission.VIEW_RESULTS)
@require_safe
def data_json(request, pk):
    round_ = _round(request, pk)
    data_downloads.record(round_, request.user, Contents.DATA, Format.JSON)
    return _file(RoundData(round_), Format.JSON, "data")


@member_required(Permission.VIEW_RESULTS)
@require_safe
def action_plan_xlsx(request, pk):
    round_ = _round(request, pk)
    data_downloads.record(round_, request.user, Contents.ACTION_PLAN, Format.EXCEL)
    return _private(FileResponse(plan_workbook(round_), content_type=XLSX), _name(round_, "xlsx", "action-plan"))


@member_required(Permission.EXPORT_RAW_DATA)
@require_http_methods(["GET", "POST"])
def raw_data(request, pk):
    round_ = _round(request, pk, Permission.EXPORT_RAW_DATA)
    if not round_.anonymous:
        raise Http404  # a named round's download already holds each person's answers
    form = RawDataForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        format_ = form.cleaned_data["format"]
        data_downloads.record(round_, request.user, Contents.RAW_DATA, format_)
        return _file(RoundData(round_, raw=True), format_, "raw-data")
    context = {"round": round_, "form": form, "previous": data_downloads.raw_exports(round_)}
    return render(request, "exports/data_raw.html", context)
