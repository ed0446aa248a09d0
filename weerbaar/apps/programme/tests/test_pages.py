"""The programme monitor's pages: who sees what, who changes what (Assen's officer changes
Assen's records, never Emmen's), the exports and the printable page."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from weerbaar.apps.programme.models import BudgetLine, CatalogueVersion, MeasureRecord, SubProject

pytestmark = pytest.mark.django_db

ASSEN_T1 = "/programme/municipalities/GM0106/measures/T1/"
EMMEN_T1 = "/programme/municipalities/GM0114/measures/T1/"
ASSEN_T1_STATUS = ASSEN_T1 + "status/"
EMMEN_T1_STATUS = EMMEN_T1 + "status/"


def html(response) -> str:
    return response.content.decode()


# --- reading ---------------------------------------------------------------------------------


def test_the_overview_and_budget_are_public(client_for, programme_data):
    client = client_for(None)
    overview = html(client.get("/programme/"))
    assert "-389.500" in overview and "1.500.000" in overview  # Dutch grouping
    assert "/programme/matrix/" not in overview.split("<main")[1]
    budget = client.get("/programme/budget/")
    assert budget.status_code == 200
    page = html(budget)
    assert "Lespakketten" in page and "p.m." in page and "-911.500" in page
    assert "Betref een inschatting van de verwachtte Rijksbijdrage" in page


def test_the_budget_page_in_english(client_for, english, programme_data):
    page = html(english.get("/programme/budget/"))
    assert "Result of previous years" in page and "-389,500" in page


@pytest.mark.parametrize(
    "path",
    [
        "/programme/matrix/",
        "/programme/municipalities/GM0106/",
        "/programme/municipalities/GM0106/print/",
        ASSEN_T1,
        "/programme/regional/R1/",
        "/programme/catalogue/",
        "/programme/catalogue/1/",
        "/programme/subprojects/",
        "/programme/matrix.csv",
    ],
)
def test_pages_need_a_login(client_for, catalogue, path):
    response = client_for(None).get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/programme/",
        "/programme/matrix/",
        "/programme/matrix/?phase=cold&theme=Water",
        "/programme/municipalities/GM0114/",
        "/programme/municipalities/GM0114/print/",
        EMMEN_T1,
        "/programme/regional/R1/",
        "/programme/catalogue/",
        "/programme/catalogue/1/",
        "/programme/subprojects/",
    ],
)
def test_every_logged_in_account_reads_the_programme(client_for, volunteer, catalogue, path):
    assert client_for(volunteer).get(path).status_code == 200


def test_the_matrix_shows_a_status_as_symbol_and_text(
    client_for, english, officer_assen, catalogue
):
    english.force_login(officer_assen)
    english.post(ASSEN_T1_STATUS, {"status": "done"})
    page = html(english.get("/programme/matrix/"))
    cell = page.split('data-municipality="GM0106" data-status="done"')[1].split("</td>")[0]
    assert "●" in cell and "Done" in cell
    assert page.count('data-status="not_started"') == 2 * 12 + 11 + 1  # + R1, one cell
    assert "regional measure: one record for all municipalities" in page


def test_the_matrix_filter_keeps_the_measures_of_one_phase(
    client_for, english, volunteer, catalogue
):
    english.force_login(volunteer)
    page = html(english.get("/programme/matrix/?phase=warm_within_72h"))
    assert ">T2<" in page and ">T1<" not in page
    assert "1 measure shown." in page
    assert "(filtered)" in page


def test_a_regional_measure_in_a_municipalitys_address_leads_to_the_regional_page(
    client_for, volunteer, catalogue
):
    response = client_for(volunteer).get("/programme/municipalities/GM0106/measures/R1/")
    assert response.status_code == 302 and response["Location"] == "/programme/regional/R1/"
    assert client_for(volunteer).get("/programme/regional/T1/").status_code == 404


# --- changing status records -----------------------------------------------------------------


def test_assens_officer_changes_the_status_from_the_to_do_list(
    client_for, officer_assen, catalogue
):
    response = client_for(officer_assen).post(ASSEN_T1_STATUS, {"status": "in_progress"})
    assert response.status_code == 302
    assert MeasureRecord.objects.get(municipality__code="GM0106").status == "in_progress"


def test_assens_officer_cannot_change_emmens_status(client_for, officer_assen, catalogue):
    assert client_for(officer_assen).post(EMMEN_T1_STATUS, {"status": "done"}).status_code == 403
    assert client_for(officer_assen).post(EMMEN_T1, {"status": "done"}).status_code == 403
    assert not MeasureRecord.objects.exists()


def test_the_to_do_list_offers_the_form_only_where_one_may_change(
    client_for, officer_assen, catalogue
):
    client = client_for(officer_assen)
    assert 'name="status"' in html(client.get("/programme/municipalities/GM0106/"))
    assert 'name="status"' not in html(client.get("/programme/municipalities/GM0114/"))


def test_htmx_gets_back_only_the_changed_row(client_for, english, officer_assen, catalogue):
    english.force_login(officer_assen)
    response = english.post(ASSEN_T1_STATUS, {"status": "done"}, HTTP_HX_REQUEST="true")
    row = html(response)
    assert row.strip().startswith("<tr") and 'data-status="done"' in row and "Saved" in row
    assert "<html" not in row


def test_a_bad_status_from_the_to_do_list_is_refused(client_for, officer_assen, catalogue):
    response = client_for(officer_assen).post(ASSEN_T1_STATUS, {"status": "finished"})
    assert response.status_code == 302
    assert not MeasureRecord.objects.exists()


@pytest.mark.parametrize(
    "persona", ["programme_member", "operator_assen", "volunteer", "officer_emmen"]
)
def test_others_cannot_change_assens_record(request, client_for, catalogue, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.post(ASSEN_T1_STATUS, {"status": "done"}).status_code == 403
    assert client.post(ASSEN_T1, {"status": "done"}).status_code == 403
    assert 'enctype="multipart/form-data"' not in html(client.get(ASSEN_T1))


def test_the_record_page_saves_owner_date_link_and_file(client_for, officer_assen, catalogue):
    client = client_for(officer_assen)
    upload = SimpleUploadedFile("besluit.pdf", b"%PDF-1.7 evidence")
    response = client.post(
        ASSEN_T1,
        {
            "status": "done",
            "owner": "AOV'er",
            "due_date": "2026-03-01",
            "evidence_url": "https://example.org/besluit",
            "evidence_file": upload,
            "notes": "Vastgesteld door het college",
            "reason": "college besluit",
        },
    )
    assert response.status_code == 302
    record = MeasureRecord.objects.get()
    assert record.status == "done" and record.owner == "AOV'er"
    assert str(record.due_date) == "2026-03-01"
    assert record.evidence_file_name == "besluit.pdf"
    download = client.get(f"/programme/evidence/{record.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7 evidence"
    assert "attachment" in download["Content-Disposition"]
    page = html(client.get(ASSEN_T1))
    assert "college besluit" in page and "besluit.pdf" in page


def test_the_record_page_refuses_a_wrong_file_and_a_plain_http_link(
    client_for, english, officer_assen, catalogue
):
    english.force_login(officer_assen)
    response = english.post(
        ASSEN_T1,
        {
            "status": "done",
            "evidence_file": SimpleUploadedFile("virus.exe", b"MZ"),
            "evidence_url": "http://x.org",
        },
    )
    assert response.status_code == 200
    page = html(response)
    assert "Choose a PDF, Word (docx), Excel (xlsx), OpenDocument (odt), PNG or JPG file." in page
    assert "A link must start with https://" in page
    assert not MeasureRecord.objects.exists()


def test_the_regional_record_is_changed_by_the_programme_team_only(
    client_for, programme_member, officer_assen, catalogue
):
    path = "/programme/regional/R1/"
    assert client_for(officer_assen).post(path, {"status": "done"}).status_code == 403
    assert client_for(programme_member).post(path, {"status": "done"}).status_code == 302
    record = MeasureRecord.objects.get()
    assert record.municipality is None and record.status == "done"
    # The one regional record shows in every municipality's to-do list.
    for code in ("GM0106", "GM0114"):
        page = html(client_for(officer_assen).get(f"/programme/municipalities/{code}/"))
        assert page.split('id="row-R1" data-status="')[1].startswith("done")


# --- exports and the printable page ----------------------------------------------------------


def test_the_matrix_exports_as_csv_and_excel(client_for, officer_assen, catalogue):
    client = client_for(officer_assen)
    client.post(ASSEN_T1_STATUS, {"status": "done"})
    response = client.get("/programme/matrix.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["id", "title", "phase", "theme", "scope"] and "GM0106" in rows[0]
    t1 = next(r for r in rows if r[0] == "T1")
    assert t1[rows[0].index("GM0106")] == "done"
    assert t1[rows[0].index("GM0114")] == "not_started"

    workbook = load_workbook(io.BytesIO(client.get("/programme/matrix.xlsx").content))
    sheet = workbook.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[2]
    t1 = next(r for r in values if r[0] == "T1")
    assert "●" in t1[header.index("Assen")]
    assert client.get("/programme/matrix.pdf").status_code == 404


def test_the_budget_exports_give_the_computed_figures(client_for, programme_data):
    client = client_for(None)
    rows = list(
        csv.reader(io.StringIO(client.get("/programme/budget.csv").content.decode("utf-8-sig")))
    )
    assert rows[0] == ["group", "topic", "2025", "2026", "2027", "2028"]
    assert ["Bewustwording", "Lespakketten", "-10000", "-40000", "-40000", "0"] in rows
    assert rows[-1][2:] == ["90000", "-389500", "22000", "3000"]
    assert rows[-5][2:] == ["-85000", "-829500", "-911500", "-457000"]

    sheet = load_workbook(io.BytesIO(client.get("/programme/budget.xlsx").content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    manager = next(r for r in values if r[1] == "Programmamanager t.b.v. Weerbaarheid")
    assert manager[2:6] == [-40000, -157500, -117500, "p.m."]
    result_row = next(r for r in values if r[2:6] == [90000, -389500, 22000, 3000])
    assert result_row


def test_the_printable_page_lists_the_municipalitys_measures(
    client_for, english, officer_assen, catalogue
):
    english.force_login(officer_assen)
    english.post(ASSEN_T1_STATUS, {"status": "done"})
    page = html(english.get("/programme/municipalities/GM0106/print/"))
    assert "Resilience measures of Assen" in page
    assert "1 of the 4 measures that apply are done (25%)." in page
    assert "Drinking water plan" in page and "Regional power outage plan" in page


# --- managing: catalogue, sub-projects, budget -----------------------------------------------


def test_the_programme_team_imports_a_catalogue_file(
    client_for, english, programme_member, catalogue
):
    english.force_login(programme_member)
    upload = SimpleUploadedFile(
        "vng.csv", b"id,title,phase,source\nT1,Water,koude fase,VNG\nV2,Food,nafase,VNG\n"
    )
    response = english.post("/programme/catalogue/", {"file": upload}, follow=True)
    assert response.status_code == 200
    page = html(response)
    assert "Imported as version 2." in page
    assert "V2" in page.split("Added")[1].split("</dd>")[0]
    assert CatalogueVersion.objects.get(number=2).source_name == "vng.csv"
    yaml_text = english.get("/programme/catalogue/2.yaml").content.decode()
    assert "id: V2" in yaml_text


def test_a_bad_catalogue_file_is_refused_on_the_page(
    client_for, english, programme_member, catalogue
):
    english.force_login(programme_member)
    upload = SimpleUploadedFile("vng.csv", b"id,title\nT1,Water\n")
    response = english.post("/programme/catalogue/", {"file": upload})
    assert response.status_code == 200 and "Measure T1 has no source." in html(response)
    assert CatalogueVersion.objects.count() == 1


def test_officers_cannot_import_a_catalogue_on_the_page(client_for, officer_assen, catalogue):
    upload = SimpleUploadedFile("vng.csv", b"id,title,source\nX,X,s\n")
    client = client_for(officer_assen)
    assert client.post("/programme/catalogue/", {"file": upload}).status_code == 403
    assert 'type="file"' not in html(client.get("/programme/catalogue/"))


def test_sub_projects_are_changed_by_the_programme_team_only(
    client_for, programme_member, officer_assen, programme_data
):
    path = "/programme/subprojects/awareness/"
    data = {
        "name": "Bewustwording",
        "goal": "Doel",
        "progress": "30",
        "action_lines": "Een\nTwee\n",
    }
    assert client_for(officer_assen).post(path, data).status_code == 403
    assert client_for(programme_member).post(path, data).status_code == 302
    subproject = SubProject.objects.get(key="awareness")
    assert subproject.progress == 30 and subproject.action_lines == ["Een", "Twee"]


def test_a_budget_line_is_changed_by_the_programme_team_and_totals_follow(
    client_for, programme_member, officer_assen, programme_data
):
    line = BudgetLine.objects.get(topic="Lespakketten")
    path = f"/programme/budget/lines/{line.pk}/"
    data = {"y2025": "-20.000", "y2026": "p.m.", "y2027": "-40000", "y2028": "-"}
    assert client_for(officer_assen).post(path, data).status_code == 403
    assert client_for(None).get(path).status_code == 302
    assert client_for(programme_member).post(path, data).status_code == 302
    page = html(client_for(None).get("/programme/budget/"))
    assert "-95.000" in page  # 2025 costs: -85.000 - 10.000 more


def test_a_bad_budget_amount_is_refused(client_for, english, programme_member, programme_data):
    english.force_login(programme_member)
    line = BudgetLine.objects.get(topic="Lespakketten")
    response = english.post(f"/programme/budget/lines/{line.pk}/", {"y2025": "veel"})
    assert response.status_code == 200
    assert "Enter an amount in whole euros" in html(response)


def test_year_figures_are_changed_by_the_programme_team_only(
    client_for, coordinator, officer_assen, programme_data
):
    path = "/programme/budget/years/2025/"
    data = {"national_contribution": "185000", "fund_formation": "0"}
    assert client_for(officer_assen).post(path, data).status_code == 403
    assert client_for(coordinator).post(path, data).status_code == 302
    assert "100.000" in html(client_for(None).get("/programme/budget/"))


def test_the_navigation_links_to_the_programme_for_everyone(client_for, reference_data):
    page = html(client_for(None).get("/"))
    assert 'href="/programme/"' in page
