"""generate_document and open_verified: validation, storage, hashes, audit, supersedes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import AuditEvent
from fating.documents import services
from fating.documents.exceptions import IntegrityFailure
from fating.documents.models import Document
from fating.documents.tests.factories import context_for
from fating.testing import Network


@pytest.fixture
def ruling(network: Network) -> Document:
    return services.generate_document(
        actor=network.users["court_admin"],
        matter=network.point,
        kind="confirmation_ruling",
        context=context_for("confirmation_ruling"),
    )


def test_generate_stores_both_files_with_their_hashes(network: Network, ruling: Document) -> None:
    assert ruling.kind == "confirmation_ruling" and ruling.template_version == 2
    assert ruling.title == "民事裁定书 （2026）鲁0399民特12号"
    assert ruling.matter == network.point
    assert services.open_verified(ruling, "pdf").startswith(b"%PDF")
    assert services.open_verified(ruling, "docx").startswith(b"PK")
    assert ruling.context["accepted_on"] == "2026-03-06"


def test_generate_writes_one_audit_event(network: Network, ruling: Document) -> None:
    events = AuditEvent.objects.filter(action__startswith="documents.")
    assert [e.action for e in events] == ["documents.document.generate"]
    assert events[0].after["pdf_sha256"] == ruling.pdf_sha256
    assert events[0].after["dossier_seq"] == 1


def test_schema_errors_name_the_field_in_chinese(network: Network, fast_pdf: None) -> None:
    context = context_for("mediation_agreement")
    context["parties"][0]["name"] = ""
    del context["performance_deadline"]
    with pytest.raises(FieldError) as info:
        services.generate_document(
            actor=network.users["court_admin"],
            matter=network.point,
            kind="mediation_agreement",
            context=context,
        )
    assert info.value.fields == {
        "parties.0.name": ["当事人第1项的姓名或名称不能为空。"],
        "performance_deadline": ["履行期限不能为空。"],
    }
    assert not Document.objects.exists()


def test_unknown_kind_is_a_field_error(network: Network) -> None:
    with pytest.raises(FieldError) as info:
        services.generate_document(
            actor=network.users["court_admin"], matter=network.point, kind="judgment", context={}
        )
    assert info.value.fields == {"kind": ["未知的文书种类。"]}


def test_reader_may_not_generate(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有本事项的承办人员可以生成文书或管理卷宗。"):
        services.generate_document(
            actor=network.users["judge"], matter=network.point, kind="summons", context={}
        )


def test_outsider_does_not_see_the_matter(network: Network) -> None:
    with pytest.raises(NotVisible, match="事项不存在。"):
        services.generate_document(
            actor=network.users["other_admin"], matter=network.point, kind="summons", context={}
        )


def test_tampered_file_is_refused_and_logged(
    network: Network, ruling: Document, media_root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = media_root / ruling.pdf.name
    path.write_bytes(path.read_bytes().replace(b"%PDF", b"%PDX", 1))
    with caplog.at_level(logging.ERROR, logger="fating.documents"):
        with pytest.raises(IntegrityFailure) as info:
            services.open_verified(ruling, "pdf")
    assert info.value.message == (
        "文书 PDF 文件校验失败：内容与登记的 SHA-256 不符，可能已被篡改，拒绝读取。请联系系统管理员。"
    )
    assert "SHA-256 mismatch" in caplog.text
    assert services.open_verified(ruling, "docx").startswith(b"PK")  # the other file is intact


def test_missing_file_is_refused(network: Network, ruling: Document, media_root: Path) -> None:
    (media_root / ruling.docx.name).unlink()
    with pytest.raises(IntegrityFailure, match="文书 DOCX 文件缺失，拒绝读取。"):
        services.open_verified(ruling, "docx")


def test_regenerated_document_supersedes_the_old_one(network: Network, fast_pdf: None) -> None:
    admin = network.users["court_admin"]
    first = services.generate_document(
        actor=admin, matter=network.point, kind="summons", context=context_for("summons")
    )
    second = services.generate_document(
        actor=admin,
        matter=network.point,
        kind="summons",
        context=context_for("summons", place="本院第二审判庭"),
        supersedes=first,
    )
    assert second.supersedes == first
    with pytest.raises(FieldError) as info:
        services.generate_document(
            actor=admin, matter=network.point, kind="summons", context=context_for("summons"),
            supersedes=first,
        )  # fmt: skip
    assert info.value.fields == {"supersedes": ["该文书已被重新生成的版本取代。"]}


def test_supersedes_must_be_same_matter_and_kind(network: Network, fast_pdf: None) -> None:
    admin = network.users["court_admin"]
    notice = services.generate_document(
        actor=admin, matter=network.point, kind="acceptance_notice",
        context=context_for("acceptance_notice"),
    )  # fmt: skip
    with pytest.raises(FieldError) as info:
        services.generate_document(
            actor=admin, matter=network.point, kind="summons", context=context_for("summons"),
            supersedes=notice,
        )  # fmt: skip
    assert info.value.fields == {"supersedes": ["只能取代同一事项的同种文书。"]}


def test_generation_refused_into_an_archived_dossier(network: Network, fast_pdf: None) -> None:
    admin = network.users["court_admin"]
    services.generate_document(
        actor=admin, matter=network.point, kind="summons", context=context_for("summons")
    )
    services.archive_dossier(actor=admin, matter=network.point)
    with pytest.raises(InvalidTransition, match="卷宗已归档，不能再添加材料。"):
        services.generate_document(
            actor=admin, matter=network.point, kind="summons", context=context_for("summons")
        )
    outside = services.generate_document(
        actor=admin, matter=network.point, kind="summons", context=context_for("summons"),
        file_in_dossier=False,
    )  # fmt: skip
    assert not outside.dossier_entries.exists()
