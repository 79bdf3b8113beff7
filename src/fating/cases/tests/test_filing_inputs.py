"""Filing inputs that cannot break the court: one person listed once, column lengths, money
through the one parser, evidence judged by its bytes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.cases.models import Claim, Evidence, Filing, FilingParty
from fating.cases.services import filing as services
from fating.cases.tests.factories import VALID_ID, VALID_USCC, draft_filing
from fating.core.exceptions import FieldError
from fating.testing import SAMPLE_MP4, SAMPLE_PNG, Network, UserFactory, client_for, sample_docx

pytestmark = pytest.mark.django_db


def add(network: Network, filing: Filing, **kwargs: Any) -> FilingParty:
    values: dict[str, Any] = {
        "role": "defendant", "kind": "natural", "name": "王五", "address": "甲县丙村",
    }  # fmt: skip
    values.update(kwargs)
    return services.add_party(actor=network.users["party"], filing=filing, **values)


def test_same_id_number_twice_on_one_side_is_refused(network: Network) -> None:
    filing = draft_filing(network)  # plaintiff 张三 (VALID_ID), defendant 李四
    with pytest.raises(FieldError) as caught:
        add(
            network, filing, role="plaintiff", name="张三", id_number=VALID_ID, mobile="13812340000"
        )
    assert caught.value.fields == {
        "id_number": ["公民身份号码与已列明的当事人「张三」（原告）相同，请勿重复列明同一当事人。"]
    }
    assert filing.parties.count() == 2


def test_plaintiff_cannot_also_be_defendant(network: Network) -> None:
    filing = draft_filing(network)
    with pytest.raises(FieldError) as caught:
        add(network, filing, name="张三", id_number=VALID_ID)
    assert caught.value.fields == {
        "id_number": [
            "公民身份号码与已列明的当事人「张三」（原告）相同，同一人不能既是原告又是被告或第三人。"
        ]
    }


def test_same_credit_code_on_both_sides_is_refused(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    add(network, filing, role="plaintiff", kind="organisation", name="甲公司", uscc=VALID_USCC,
        mobile="13812345678", representative="赵六")  # fmt: skip
    with pytest.raises(FieldError) as caught:
        add(network, filing, kind="organisation", name="甲有限公司", uscc=VALID_USCC)
    assert list(caught.value.fields) == ["uscc"]
    assert "同一人不能既是原告又是被告或第三人" in caught.value.fields["uscc"][0]


def test_same_account_on_both_sides_is_refused(network: Network) -> None:
    UserFactory(username="wangwu", mobile="13900009999")
    filing = draft_filing(network)
    add(network, filing, mobile="13900009999")
    with pytest.raises(FieldError) as caught:
        add(network, filing, role="third_party", name="王五（第三人）", mobile="13900009999")
    assert list(caught.value.fields) == ["mobile"]
    assert "是同一账号" in caught.value.fields["mobile"][0]


def test_filer_cannot_list_themselves_as_defendant(network: Network) -> None:
    filing = draft_filing(network)  # 张三 is_filer: linked to the filing party's account
    with pytest.raises(FieldError) as caught:
        add(network, filing, name="张三（本人）", is_filer=True)
    assert caught.value.fields == {
        "is_filer": [
            "与已列明的当事人「张三」（原告）是同一账号，同一人不能既是原告又是被告或第三人。"
        ]
    }


def test_submission_refuses_a_party_listed_twice(network: Network) -> None:
    """Parties written before this check (or by another path) are caught at submission."""
    filing = draft_filing(network)
    FilingParty.objects.create(
        filing=filing, role="defendant", kind="natural", name="张三", id_number=VALID_ID
    )
    with pytest.raises(FieldError) as caught:
        services.submit_filing(actor=network.users["party"], filing=filing)
    assert "parties" in caught.value.fields
    assert "同一人不能既是原告又是被告或第三人" in caught.value.fields["parties"][0]


# --- through the API ---------------------------------------------------------------------------


def post(network: Network, url: str, body: dict[str, Any] | str) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client_for(network.users["party"]).post(url, data, content_type="application/json")


@pytest.mark.parametrize("field", ["name", "address", "mobile", "id_number", "representative"])
def test_long_party_text_is_400_and_writes_nothing(network: Network, field: str) -> None:
    filing = draft_filing(network)
    body = {"role": "defendant", "kind": "natural", "name": "王五", "address": "甲县丙村",
            field: "长" * 10_000}  # fmt: skip
    response = post(network, f"/api/v1/cases/filings/{filing.pk}/parties/", body)
    assert response.status_code == 400, response.content.decode()[:300]
    assert field in response.json()["error"]["fields"]
    assert filing.parties.count() == 2


def test_duplicate_party_through_the_api_is_400(network: Network) -> None:
    filing = draft_filing(network)
    body = {"role": "defendant", "kind": "natural", "name": "张三", "id_number": VALID_ID}
    response = post(network, f"/api/v1/cases/filings/{filing.pk}/parties/", body)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["id_number"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('"99999999999999999999"', "请求金额不能超过 999,999,999,999.99 元。"),
        ("1e400", "请求金额必须是有限的数字。"),
        ('"NaN"', "请求金额必须是数字，如“50000”或“50000.50”。"),
        ('"0.001"', "请求金额最多精确到分（两位小数）。"),
        ('"-5"', "请求金额不能为负数。"),
    ],
)
def test_bad_claim_amounts_are_400(network: Network, raw: str, message: str) -> None:
    filing = draft_filing(network)
    body = json.dumps({"text": "判令被告支付违约金", "amount": "__A__"}).replace('"__A__"', raw)
    response = post(network, f"/api/v1/cases/filings/{filing.pk}/claims/", body)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"amount": [message]}
    assert Claim.objects.filter(filing=filing).count() == 1


def upload(network: Network, filing: Filing, name: str, content: bytes, ctype: str) -> Any:
    client = client_for(network.users["party"])
    file = SimpleUploadedFile(name, content, ctype)
    return client.post(
        f"/api/v1/cases/filings/{filing.pk}/evidence/",
        {"kind": "evidence", "title": "材料", "file": file},
    )


@pytest.mark.parametrize(
    ("name", "content", "ctype"),
    [
        ("借条.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
        ("x.html", b"<!DOCTYPE html><p>hi</p>", "text/html"),
        ("x.pdf", SAMPLE_PNG, "application/pdf"),
    ],
)
def test_bad_evidence_uploads_are_400(
    network: Network, name: str, content: bytes, ctype: str
) -> None:
    filing = draft_filing(network)
    before = Evidence.objects.count()
    response = upload(network, filing, name, content, ctype)
    assert response.status_code == 400, response.content.decode()[:300]
    assert list(response.json()["error"]["fields"]) == ["file"]
    assert Evidence.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "ctype"),
    [
        ("录像.mp4", SAMPLE_MP4, "video/mp4"),
        ("起诉状.docx", sample_docx(), "application/octet-stream"),
        ("照片.png", SAMPLE_PNG, "image/png"),
    ],
)
def test_allowed_evidence_uploads_are_stored(
    network: Network, name: str, content: bytes, ctype: str
) -> None:
    filing = draft_filing(network)
    response = upload(network, filing, name, content, ctype)
    assert response.status_code == 201, response.content.decode()[:300]
    assert filing.evidence.filter(original_name=name).exists()
