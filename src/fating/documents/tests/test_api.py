"""API and page behaviour beyond the matrix: error shapes, verified downloads, the dossier body."""

from __future__ import annotations

from pathlib import Path

import pytest

from fating.documents import services
from fating.documents.models import Document
from fating.documents.tests.factories import context_for
from fating.testing import Network, client_for

pytestmark = pytest.mark.usefixtures("fast_pdf")


@pytest.fixture
def summons(network: Network) -> Document:
    return services.generate_document(
        actor=network.users["court_admin"], matter=network.point, kind="summons",
        context=context_for("summons"),
    )  # fmt: skip


def test_generate_api_names_bad_fields_in_chinese(network: Network) -> None:
    context = context_for("summons", appear_at="明天下午")
    del context["place"]
    response = client_for(network.users["court_admin"]).post(
        "/api/v1/documents/documents/",
        {"matter_type": "network.servicepoint", "matter_id": network.point.pk, "kind": "summons",
         "context": context},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "appear_at": ["应到时间不是有效时间，格式应为“2026-03-01T09:00”。"],
        "place": ["应到处所不能为空。"],
    }


def test_unregistered_matter_type_is_404(network: Network) -> None:
    response = client_for(network.users["court_admin"]).get(
        f"/api/v1/documents/dossiers/network.court/{network.court.pk}/"
    )
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "事项不存在。"


def test_download_sends_the_verified_file(network: Network, summons: Document) -> None:
    response = client_for(network.users["judge"]).get(f"/documents/{summons.pk}/docx/")
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == summons.docx_sha256
    assert "attachment" in response["Content-Disposition"]


def test_tampered_download_is_refused_on_the_page(
    network: Network, summons: Document, media_root: Path
) -> None:
    (media_root / summons.docx.name).write_bytes(b"PK forged")
    response = client_for(network.users["judge"]).get(f"/documents/{summons.pk}/docx/")
    assert response.status_code == 409
    assert "文书 DOCX 文件校验失败：内容与登记的 SHA-256 不符，可能已被篡改，拒绝读取。" in (
        response.content.decode()
    )


def test_tampered_download_is_refused_by_the_api(
    network: Network, summons: Document, media_root: Path
) -> None:
    (media_root / summons.pdf.name).write_bytes(b"%PDF forged")
    response = client_for(network.users["judge"]).get(
        f"/api/v1/documents/documents/{summons.pk}/pdf/"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "integrity_error"


def test_dossier_api_reports_the_first_bad_entry(network: Network, summons: Document) -> None:
    from fating.documents.models import DossierEntry

    DossierEntry.objects.filter(document=summons).update(title="篡改")
    body = (
        client_for(network.users["clerk"])
        .get(f"/api/v1/documents/dossiers/network.servicepoint/{network.point.pk}/")
        .json()
    )
    assert body["verified"] is False and body["first_bad_seq"] == 1
    assert body["problem"] == "第1项：登记内容与其哈希不符（记录被修改）"
    assert body["can_manage"] is False


def test_dossier_page_shows_archive_button_to_managers_only(
    network: Network, summons: Document
) -> None:
    url = f"/documents/dossiers/network.servicepoint/{network.point.pk}/"
    admin_page = client_for(network.users["court_admin"]).get(url).content.decode()
    judge_page = client_for(network.users["judge"]).get(url).content.decode()
    assert "一键归档" in admin_page and "一键归档" not in judge_page
    assert "校验通过：共 1 项材料，哈希链完整。" in judge_page


def test_archive_page_action_reports_frozen_dossier(network: Network, summons: Document) -> None:
    client = client_for(network.users["court_admin"])
    base = f"/documents/dossiers/network.servicepoint/{network.point.pk}/"
    client.post(base + "archive/")
    response = client.post(base + "add/", {"title": "补充", "category": "other"}, follow=True)
    assert "请上传一个文件（或选择一份已生成的文书）。" in response.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 late evidence", "application/pdf")
    response = client.post(
        base + "add/", {"title": "补充", "category": "other", "file": upload}, follow=True
    )
    assert "卷宗已归档，不能再添加材料。" in response.content.decode()
