"""Reporting a dispute: validation with every field named, consent, attachments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.core.audit import events_for
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.identifiers import uscc_check_digit
from fating.core.models import OneTimeCode
from fating.disputes import services
from fating.disputes.models import Dispute, DisputeParty
from fating.disputes.services.common import verify_file
from fating.disputes.tests.factories import (
    APPLICANT_MOBILE,
    World,
    dispute_input,
    party_input,
    reported,
)

pytestmark = pytest.mark.django_db


def test_liaison_report_records_everything(world: World) -> None:
    dispute = reported(world)
    assert dispute.reference.startswith("JF") and dispute.reference.endswith("000001")
    assert dispute.status == Dispute.Status.REPORTED
    assert dispute.reporter_kind == Dispute.ReporterKind.LIAISON
    assert dispute.service_point == world.net.point
    assert dispute.tribunal == world.net.tribunal
    assert (dispute.cause_revision, dispute.cause_name) == ("2025", "民间借贷纠纷")
    applicant = dispute.parties.get(role="applicant")
    assert applicant.user == world.applicant_user  # linked by mobile
    assert applicant.consent_given_at is None
    assert events_for(dispute).get().action == "disputes.dispute.report"


def test_every_bad_field_is_named_and_nothing_is_written(world: World) -> None:
    bad = dispute_input(
        title="",
        description="太短",
        amount="-5",
        cause_code="9999",
        parties=party_input(id_number="370321199003071239", mobile="12345"),
    )
    with pytest.raises(FieldError) as caught:
        services.report_dispute(actor=world.net.users["liaison"], data=bad)
    assert caught.value.fields == {
        "title": ["请填写纠纷概要。"],
        "description": ["请用至少 10 个字描述事情经过与诉求。"],
        "amount": ["争议金额不能为负数。"],
        "cause_code": ["案由代码在 2025 年版案由规定中不存在。"],
        "parties.0.id_number": ["公民身份号码校验位错误"],
        "parties.0.mobile": ["手机号码应为11位，实为5位"],
    }
    assert not Dispute.objects.exists() and not DisputeParty.objects.exists()


def test_a_village_collective_is_a_valid_organisation_party(world: World) -> None:
    parties = party_input()
    parties[1] = services.PartyInput(
        role="respondent", kind="organisation", name="甲村股份经济合作社",
        credit_code="N2370321MF0000000" + uscc_check_digit("N2370321MF0000000"),
    )  # fmt: skip
    dispute = services.report_dispute(
        actor=world.net.users["liaison"], data=dispute_input(parties=parties)
    )
    assert dispute.parties.get(role="respondent").credit_code.startswith("N2")


def test_free_description_instead_of_a_cause(world: World) -> None:
    dispute = reported(world, cause_code="", cause_free_text="借钱不还")
    assert dispute.cause_code == "" and dispute.cause_free_text == "借钱不还"
    with pytest.raises(FieldError, match="请选择案由"):
        reported(world, cause_code="", cause_free_text="")


def test_a_party_report_needs_a_place(world: World) -> None:
    with pytest.raises(FieldError) as caught:
        services.report_dispute(actor=world.applicant_user, data=dispute_input())
    assert caught.value.fields == {"area": ["请选择纠纷发生地。"]}


def test_mediation_needs_the_applicants_consent(world: World) -> None:
    dispute = reported(world)
    with pytest.raises(InvalidTransition, match="须先取得申请人（张三）的同意"):
        services.start_mediation(actor=world.net.users["liaison"], dispute=dispute, tier="village",
                                 organisation=world.net.organisation)  # fmt: skip


def test_consent_by_sms_code(
    world: World, tmp_path: Path, settings, django_capture_on_commit_callbacks
) -> None:
    settings.FATING_SMS_FILE = tmp_path / "sms.jsonl"
    dispute = reported(world)
    party = dispute.parties.get(role="applicant")
    liaison = world.net.users["liaison"]
    with django_capture_on_commit_callbacks(execute=True):
        services.send_consent_code(actor=liaison, party=party)
    sms = [json.loads(line) for line in (tmp_path / "sms.jsonl").read_text().splitlines()]
    assert sms[-1]["mobile"] == APPLICANT_MOBILE
    code = sms[-1]["text"].split("验证码")[1][:6]
    with pytest.raises(FieldError, match="验证码不正确"):
        services.confirm_consent_by_code(
            actor=liaison, party=party, code="000000" if code != "000000" else "111111"
        )
    assert OneTimeCode.objects.get().attempts == 1  # the wrong try was counted despite the refusal
    services.confirm_consent_by_code(actor=liaison, party=party, code=code)
    party.refresh_from_db()
    assert party.consent_given_at is not None
    assert party.consents.get().method == "sms_code"
    with pytest.raises(FieldError, match="验证码已过期或不存在"):
        services.confirm_consent_by_code(actor=liaison, party=party, code=code)


def test_only_the_point_staff_handle_consent(world: World) -> None:
    party = reported(world).parties.get(role="applicant")
    with pytest.raises(NotPermitted):
        services.send_consent_code(actor=world.net.users["governance"], party=party)


def test_attachment_is_hashed_and_verified_on_read(world: World) -> None:
    dispute = reported(world)
    upload = SimpleUploadedFile("借条.jpg", b"\xff\xd8\xff\xe0 fake jpeg bytes", "image/jpeg")
    attachment = services.add_attachment(
        actor=world.net.users["liaison"], dispute=dispute, title="借条", file=upload
    )
    assert verify_file(attachment.file, attachment.sha256) == b"\xff\xd8\xff\xe0 fake jpeg bytes"
    with open(attachment.file.path, "wb") as fh:
        fh.write(b"tampered")
    with pytest.raises(FieldError, match="文件校验失败"):
        verify_file(attachment.file, attachment.sha256)


def test_attachment_type_is_checked(world: World) -> None:
    dispute = reported(world)
    with pytest.raises(FieldError) as caught:
        services.add_attachment(actor=world.net.users["liaison"], dispute=dispute, title="x",
                                file=SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"))  # fmt: skip
    assert caught.value.fields == {"file": [
        "材料只能是 PDF、JPEG 图片、PNG 图片、Word 文档（DOCX）、OFD 版式文档、MP3 音频、M4A 音频、"
        "WAV 音频、AMR 录音、MP4 视频；该文件的内容是无法识别的格式（如网页、SVG、脚本、程序）。"
    ]}  # fmt: skip
