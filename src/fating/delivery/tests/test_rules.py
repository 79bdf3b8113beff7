from datetime import UTC, datetime, timedelta

from fating.delivery import rules
from fating.delivery.rules import AttemptFacts

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=5)


def test_no_electronic_service_without_consent() -> None:
    assert rules.attempt_served(AttemptFacts(rules.SMS, receipts=((rules.SENT, T0),))) is None


def test_confirmed_address_is_served_when_sent() -> None:
    served = rules.attempt_served(AttemptFacts(rules.SMS, True, True, ((rules.SENT, T0),)))
    assert served.at == T0 and "第31条第1款" in served.basis and "第135条" in served.basis


def test_unconfirmed_address_needs_reply_or_read() -> None:
    facts = AttemptFacts(rules.EMAIL, True, False, ((rules.SENT, T0),))
    assert rules.attempt_served(facts) is None


def test_unconfirmed_address_presumed_served_when_read() -> None:
    facts = AttemptFacts(rules.EMAIL, True, False, ((rules.SENT, T0), (rules.READ, T1)))
    served = rules.attempt_served(facts)
    assert served.at == T1 and "第31条第2款第2项" in served.basis


def test_reply_counts_when_it_comes_first() -> None:
    facts = AttemptFacts(rules.IN_APP, True, False, ((rules.REPLIED, T0), (rules.READ, T1)))
    assert rules.attempt_served(facts).basis.endswith("（在线诉讼规则第31条第2款第1项）")


def test_in_person_signature_date() -> None:
    served = rules.attempt_served(AttemptFacts(rules.IN_PERSON, receipts=((rules.SIGNED, T1),)))
    assert served.at == T1 and "第87、88条" in served.basis


def test_refusal_left_behind_counts() -> None:
    served = rules.attempt_served(
        AttemptFacts(rules.IN_PERSON, receipts=((rules.REFUSED_LEFT, T0),))
    )
    assert served.at == T0 and "第89条" in served.basis


def test_mediation_document_cannot_be_left_behind() -> None:
    facts = AttemptFacts(rules.IN_PERSON, receipts=((rules.REFUSED_LEFT, T0),))
    assert rules.attempt_served(facts, personal_only=True) is None


def test_post_counts_from_the_receipt_date() -> None:
    served = rules.attempt_served(AttemptFacts(rules.POST, receipts=((rules.POSTAL_SIGNED, T1),)))
    assert served.at == T1 and "第91条" in served.basis


def test_returned_post_is_not_service() -> None:
    assert rules.attempt_served(AttemptFacts(rules.POST, receipts=((rules.RETURNED, T1),))) is None


def test_public_notice_deemed_served_after_30_days() -> None:
    served = rules.attempt_served(AttemptFacts(rules.NOTICE, receipts=((rules.PUBLISHED, T0),)))
    assert served.at == T0 + timedelta(days=30) and "第95条" in served.basis


def test_first_effective_channel_counts() -> None:
    sms = AttemptFacts(rules.SMS, True, True, ((rules.SENT, T1),))
    app = AttemptFacts(rules.IN_APP, True, True, ((rules.SENT, T0),))
    assert rules.service_time([sms, app]).channel == rules.IN_APP


def test_public_notice_ending_on_national_day_is_served_after_the_holiday() -> None:
    # 公告 published 2025-09-01: the 30th day is 2025-10-01 (国庆节、中秋节 10月1–8日), so it
    # counts as served on 2025-10-09 (民事诉讼法 第95条、第85条), at the same time of day.
    published = datetime(2025, 9, 1, 10, 30, tzinfo=UTC)
    served = rules.attempt_served(
        AttemptFacts(rules.NOTICE, receipts=((rules.PUBLISHED, published),))
    )
    assert served.at == datetime(2025, 10, 9, 10, 30, tzinfo=UTC)
    assert "第85条" in served.basis
