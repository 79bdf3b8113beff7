"""Service (送达) use cases. Each: permission first, one transaction, one audit event; sending
happens after commit through the durable outbox (core.notify) and the Celery worker.

For other apps:

    serve_document(*, actor, document, party_key, channels, personal_only=False) -> Service
    record_consent(*, actor, matter, party_key, channel, address, basis, method,
                   address_confirmed=True) -> ServiceConsent
    request_paper_copy(*, actor, service, note="") -> Service   the linked paper service

Exactly one copy per recipient: a Service is unique per (document, recipient) and is what the
recipient sees; each electronic attempt is one OutboxMessage (unique dedupe key), delivered
under a row lock and handed to the gateway with its id as the idempotency key, so retries after
a failure or a duplicated task never make a second copy. Receipts are recorded from the outbox
state by `dispatch`, which any number of task runs may repeat (system receipts are unique).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from celery import current_app
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.core import uploads
from fating.core.audit import record_event, snapshot
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import OutboxMessage
from fating.core.notify import deliver, notify
from fating.core.uploads import check_upload
from fating.delivery import rules, selectors
from fating.delivery.models import Attempt, Receipt, Service, ServiceConsent

MOBILE = re.compile(r"^1\d{10}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_UPLOAD = 20 * 1024 * 1024
TRACKING_MAX = 40  # Attempt.tracking_number


def _label(channel: str) -> str:
    return _(rules.CHANNEL_LABELS[channel]) if channel in rules.CHANNEL_LABELS else channel


@transaction.atomic
def record_consent(
    *,
    actor: Any,
    matter: Any,
    party_key: str,
    channel: str,
    address: str = "",
    basis: str = "express",
    method: str = "online",
    address_confirmed: bool = True,
) -> ServiceConsent:
    """Record a party's consent to electronic service on one channel (第29–30条). Court staff
    record it for anyone; a party may confirm online for themself."""
    recipient = selectors.recipient_of(matter, party_key)
    own = recipient is not None and recipient.user is not None and recipient.user.pk == actor.pk
    if not own:
        selectors.check_manage(actor, matter)
    errors: dict[str, str] = {}
    if recipient is None:
        errors["party_key"] = _("受送达人不是本事项的当事人。")
    if channel not in rules.ELECTRONIC:
        errors["channel"] = _("电子送达方式只能是站内、短信或电子邮件。")
    if basis not in rules.CONSENT_BASES:
        errors["basis"] = _("请选择同意电子送达的依据。")
    if method not in rules.CONSENT_METHODS:
        errors["method"] = _("请选择确认方式。")
    address = (address or "").strip()
    if channel == rules.SMS and not MOBILE.match(address):
        errors["address"] = _("请填写11位手机号码。")
    elif channel == rules.EMAIL and not EMAIL.match(address):
        errors["address"] = _("请填写有效的电子邮箱。")
    elif channel == rules.IN_APP:
        address = ""
        if recipient is not None and recipient.user is None:
            errors["channel"] = _("该当事人没有平台账号，不能站内送达。")
    if errors:
        raise FieldError(errors)
    ctype, pk = selectors.matter_key(matter)
    consent = ServiceConsent.objects.create(
        matter_type=ctype, matter_id=pk, party_key=party_key, party_name=recipient.name,
        channel=channel, address=address, basis=basis, method=method,
        address_confirmed=address_confirmed, recorded_by=actor,
    )  # fmt: skip
    record_event(actor=actor, action="delivery.consent.record", target=consent,
                 after={"party": party_key, "channel": channel, "basis": basis,
                        "address_confirmed": address_confirmed})  # fmt: skip
    return consent


@transaction.atomic
def withdraw_consent(*, actor: Any, consent: ServiceConsent) -> ServiceConsent:
    recipient = selectors.recipient_of(consent.matter, consent.party_key)
    if not (recipient and recipient.user and recipient.user.pk == actor.pk):
        selectors.check_manage(actor, consent.matter)
    if consent.withdrawn_at:
        raise InvalidTransition(_("该同意已撤回。"))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    record_event(actor=actor, action="delivery.consent.withdraw", target=consent)
    return consent


def _queue_electronic(attempt: Attempt, service: Service, recipient: Any) -> None:
    court = getattr(service.matter, "court", None)
    subject = f"送达：{service.document.title}"[:200]
    link = f"/delivery/inbox/{service.pk}/"
    body = (f"【法庭E+】{court.name if court else '人民法院'}向{service.recipient_name}送达"
            f"《{service.document.title}》，请登录法庭E+查阅：{link}")  # fmt: skip
    targets: dict[str, Any] = {"user": None, "mobile": "", "email": ""}
    if attempt.channel == rules.IN_APP:
        targets["user"] = recipient.user
    elif attempt.channel == rules.SMS:
        targets["mobile"] = attempt.address
    else:
        targets["email"] = attempt.address
    (message,) = notify(dedupe_key=f"delivery:attempt:{attempt.pk}", subject=subject, body=body,
                        link=link, **targets)  # fmt: skip
    attempt.outbox = message
    attempt.save(update_fields=["outbox"])
    transaction.on_commit(lambda pk=attempt.pk: _schedule(pk))


DISPATCH_TASK = "fating.delivery.tasks.dispatch_attempt"


def _schedule(attempt_id: int) -> None:
    """Hand the attempt to a worker (the task is fating.delivery.tasks.dispatch_attempt, named
    rather than imported: that module imports this one); eager Celery dispatches right here, as
    the task would."""
    if current_app.conf.task_always_eager:
        dispatch(attempt_id)
        return
    current_app.send_task(DISPATCH_TASK, args=(attempt_id,))


@transaction.atomic
def serve_document(
    *,
    actor: Any,
    document: Any,
    party_key: str,
    channels: list[str],
    personal_only: bool = False,
    assignee: Any = None,
    tracking_number: str = "",
) -> Service:
    """Serve `document` on one party through `channels`. Electronic channels need a consent on
    record (民事诉讼法 第90条). Serving the same document on the same party again adds attempts
    to the one existing service: the recipient still has exactly one copy."""
    matter = document.matter
    selectors.check_manage(actor, matter)
    recipient = selectors.recipient_of(matter, party_key)
    errors: dict[str, str] = {}
    if recipient is None:
        errors["party_key"] = _("受送达人不是本事项的当事人。")
    channels = list(dict.fromkeys(channels or []))
    if not channels:
        errors["channels"] = _("请至少选择一种送达方式。")
    consents: dict[str, ServiceConsent | None] = {}
    for channel in channels:
        if channel not in rules.CHANNEL_LABELS:
            errors["channels"] = _("送达方式无效。")
            break
        if channel in rules.ELECTRONIC and recipient is not None:
            consents[channel] = selectors.active_consent(matter, party_key, channel)
            if consents[channel] is None:
                errors["channels"] = _(
                    "受送达人未同意以%(channel)s方式接受电子送达（民事诉讼法第90条）。"
                ) % {"channel": _label(channel)}
                break
    if rules.IN_PERSON in channels and assignee is None:
        errors["assignee"] = _("直接送达请指定承办的联络员或工作人员。")
    if errors:
        raise FieldError(errors)
    ctype, pk = selectors.matter_key(matter)
    service = Service.objects.filter(
        document=document, party_key=party_key, paper_copy_of__isnull=True
    ).first()
    if service is None:
        service = Service.objects.create(
            matter_type=ctype, matter_id=pk, document=document, party_key=party_key,
            recipient_name=recipient.name, recipient_user=recipient.user,
            address=recipient.address, personal_only=personal_only, created_by=actor,
        )  # fmt: skip
    else:
        rules.SERVICE.target(service.status, "attempt", refusal=_("该文书已向该当事人送达。"))
    created = []
    for channel in channels:
        consent = consents.get(channel)
        attempt = Attempt.objects.create(
            service=service, channel=channel, consent=consent, created_by=actor,
            address=consent.address if consent else "", tracking_number=tracking_number.strip(),
            assignee=assignee if channel == rules.IN_PERSON else None,
        )  # fmt: skip
        if channel in rules.ELECTRONIC:
            _queue_electronic(attempt, service, recipient)
        created.append(attempt.pk)
    record_event(actor=actor, action="delivery.service.serve", target=service,
                 after={"document": document.pk, "party": party_key, "channels": channels,
                        "attempts": created})  # fmt: skip
    return service


def dispatch(attempt_id: int) -> str:
    """Deliver an electronic attempt's outbox message (if still pending) and record what the
    outbox says as receipts. Idempotent: safe under retries and duplicated tasks. Returns the
    outbox status."""
    attempt = Attempt.objects.select_related("outbox").filter(pk=attempt_id).first()
    if attempt is None or attempt.outbox_id is None:
        return "missing"
    if attempt.outbox.status == OutboxMessage.Status.PENDING:
        deliver(attempt.outbox_id)
    return sync_attempt(attempt_id)


@transaction.atomic
def sync_attempt(attempt_id: int) -> str:
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("outbox", "service")
        .get(pk=attempt_id)
    )
    outbox = OutboxMessage.objects.get(pk=attempt.outbox_id)
    old_status = attempt.status
    if outbox.status == OutboxMessage.Status.SENT:
        _system_receipt(attempt, rules.SENT, outbox.sent_at or timezone.now())
        if attempt.status == Attempt.Status.QUEUED:
            attempt.status = Attempt.Status.SENT
    elif outbox.status == OutboxMessage.Status.FAILED:
        _system_receipt(attempt, rules.FAILED, timezone.now(), note=outbox.last_error[:300])
        attempt.status = Attempt.Status.FAILED
    if attempt.status != old_status:
        attempt.save(update_fields=["status"])
        record_event(actor=None, action="delivery.attempt.status", target=attempt,
                     before={"status": old_status},
                     after={"status": attempt.status, "outbox": outbox.status})  # fmt: skip
    _recompute(attempt.service)
    return outbox.status


def _system_receipt(
    attempt: Attempt, kind: str, at: datetime, note: str = "", actor: Any = None
) -> bool:
    """Record a receipt the system observed (gateway sent/failed) or the recipient gave (read,
    replied); each new receipt is an audit event, since the service time is computed from them."""
    if Receipt.objects.filter(attempt=attempt, kind=kind, recorded_by__isnull=True).exists():
        return False
    try:
        with transaction.atomic():
            receipt = Receipt.objects.create(attempt=attempt, kind=kind, occurred_at=at, note=note)
    except IntegrityError:  # a concurrent run recorded it first
        return False
    record_event(actor=actor, action="delivery.attempt.receipt", target=receipt,
                 after={"attempt": attempt.pk, "kind": kind, "occurred_at": at,
                        "note": note or None})  # fmt: skip
    return True


_SERVED_FIELDS = ("status", "served_at", "served_channel", "served_basis")


def _recompute(service: Service, actor: Any = None) -> None:
    """Apply rules.service_time to the receipts; announce in the room when newly served.

    Becoming served (or an earlier service time) starts the periods that run from service, so the
    change from → to is an audit event of its own."""
    facts = []
    for a in service.attempts.select_related("consent").prefetch_related("receipts"):
        consent = a.consent
        facts.append(rules.AttemptFacts(
            channel=a.channel,
            consented=consent is not None,
            address_confirmed=bool(consent and consent.address_confirmed),
            # Local time: the 公告 period counts calendar days in the court's time zone.
            receipts=tuple((r.kind, timezone.localtime(r.occurred_at)) for r in a.receipts.all()),
        ))  # fmt: skip
    served = rules.service_time(
        facts, personal_only=service.personal_only, calendar=court_calendar()
    )
    if served is None or (service.served_at and service.served_at <= served.at):
        return
    newly = service.status != Service.Status.SERVED
    before = snapshot(service, _SERVED_FIELDS)
    service.status = rules.SERVICE.target(service.status, "serve")
    service.served_at = served.at
    service.served_channel, service.served_basis = served.channel, served.basis[:200]
    service.save(update_fields=list(_SERVED_FIELDS))
    record_event(actor=actor, action="delivery.service.served", target=service, before=before,
                 after=snapshot(service, _SERVED_FIELDS))  # fmt: skip
    # A paper copy changes nothing in the proceedings (the service date is the electronic one),
    # so the room hears only of the service itself.
    if newly and not service.is_paper_copy:
        _announce(service)


def _announce(service: Service) -> None:
    try:
        from fating.conversations.services import post_system_event_for
    except ImportError:  # the group chat is optional
        return
    when = timezone.localtime(service.served_at).strftime("%Y-%m-%d %H:%M")
    post_system_event_for(service.matter,
                          f"《{service.document.title}》已于{when}向{service.recipient_name}送达（{_label(service.served_channel)}）。",
                          "document_served")  # fmt: skip


@transaction.atomic
def add_attempt(
    *,
    actor: Any,
    service: Service,
    channel: str,
    assignee: Any = None,
    tracking_number: str = "",
) -> Attempt:
    """Another way of serving the same copy: in person, by post, by public notice, or again
    electronically (a new consent may have been given)."""
    selectors.check_manage(actor, service.matter)
    rules.SERVICE.target(service.status, "attempt", refusal=_("该文书已向该当事人送达。"))
    errors: dict[str, str] = {}
    if channel not in rules.CHANNEL_LABELS:
        errors["channel"] = _("送达方式无效。")
    elif service.is_paper_copy and channel not in rules.PAPER_CHANNELS:
        errors["channel"] = _("纸质文书须邮寄送达或直接送达。")
    if channel == rules.IN_PERSON and assignee is None:
        errors["assignee"] = _("直接送达请指定承办的联络员或工作人员。")
    elif channel == rules.IN_PERSON and not selectors.may_serve_in_person(assignee, service.matter):
        # The assignee will see the service and its document: only the court's own people.
        errors["assignee"] = _("承办人须为本院工作人员或本院服务点的联络员。")
    tracking_number = (tracking_number or "").strip()
    if channel == rules.POST and not tracking_number:
        errors["tracking_number"] = _("邮寄送达请填写邮件单号。")
    elif len(tracking_number) > TRACKING_MAX:
        errors["tracking_number"] = _("邮件单号不能超过%(max)d个字符。") % {"max": TRACKING_MAX}
    consent = None
    if channel in rules.ELECTRONIC:
        consent = selectors.active_consent(service.matter, service.party_key, channel)
        if consent is None:
            errors["channel"] = _(
                "受送达人未同意以%(channel)s方式接受电子送达（民事诉讼法第90条）。"
            ) % {"channel": _label(channel)}
    if errors:
        raise FieldError(errors)
    attempt = Attempt.objects.create(
        service=service, channel=channel, consent=consent, created_by=actor,
        address=consent.address if consent else "", tracking_number=tracking_number,
        assignee=assignee if channel == rules.IN_PERSON else None,
    )  # fmt: skip
    if consent is not None:
        recipient = selectors.recipient_of(service.matter, service.party_key)
        _queue_electronic(attempt, service, recipient)
    record_event(actor=actor, action="delivery.attempt.add", target=attempt,
                 after={"service": service.pk, "channel": channel})  # fmt: skip
    return attempt


OUTCOMES = {
    rules.IN_PERSON: (rules.SIGNED, rules.REFUSED_LEFT),
    rules.POST: (rules.POSTAL_SIGNED, rules.RETURNED),
    rules.NOTICE: (rules.PUBLISHED,),
}


@transaction.atomic
def record_outcome(
    *,
    actor: Any,
    attempt: Attempt,
    kind: str,
    occurred_at: datetime | None,
    upload: Any = None,
    witness: str = "",
    note: str = "",
) -> Receipt:
    """The liaison or clerk records what happened: signed (photo or signature of the return),
    refused and left behind (witness or photo, 第89条), postal receipt, returned, published."""
    attempt = selectors.attempt_for(actor, attempt.pk)
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    errors: dict[str, str] = {}
    allowed = OUTCOMES.get(attempt.channel, ())
    if kind not in allowed:
        errors["kind"] = _("该送达方式不能记录此结果。")
    if occurred_at is None:
        errors["occurred_at"] = _("请填写发生时间。")
    elif occurred_at > timezone.now():
        errors["occurred_at"] = _("发生时间不能晚于现在。")
    if kind == rules.SIGNED and upload is None:
        errors["file"] = _("请上传受送达人签收的送达回证照片或签名。")
    if kind == rules.REFUSED_LEFT:
        if attempt.service.personal_only:
            errors["kind"] = _("调解书须直接送达当事人本人，不适用留置送达（民诉法解释第133条）。")
        elif not (witness or "").strip() and upload is None:
            errors["witness"] = _("留置送达须有见证人，或上传拍照、录像记录（民事诉讼法第89条）。")
    sha256 = ""
    if upload is not None:
        try:
            sha256 = check_upload(
                upload, field="file", allowed=uploads.RECEIPTS, label="送达回证或记录",
                max_bytes=MAX_UPLOAD,
            ).sha256  # fmt: skip
        except FieldError as exc:
            errors["file"] = exc.fields["file"][0]
    if attempt.status in (Attempt.Status.DONE, Attempt.Status.FAILED):
        raise InvalidTransition(_("该次送达已记录结果。"))
    if errors:
        raise FieldError(errors)
    receipt = Receipt(attempt=attempt, kind=kind, occurred_at=occurred_at, recorded_by=actor,
                      sha256=sha256, witness=(witness or "").strip()[:100],
                      note=(note or "").strip()[:300])  # fmt: skip
    if upload is not None:
        receipt.file.save(getattr(upload, "name", "receipt.jpg")[-100:], upload, save=False)
    receipt.save()
    attempt.status = Attempt.Status.FAILED if kind == rules.RETURNED else Attempt.Status.DONE
    attempt.save(update_fields=["status"])
    _recompute(attempt.service, actor)
    record_event(actor=actor, action="delivery.attempt.outcome", target=receipt,
                 after={"attempt": attempt.pk, "kind": kind, "sha256": sha256 or None,
                        "occurred_at": occurred_at.isoformat() if occurred_at else None})  # fmt: skip
    return receipt


def _recipient_receipt(actor: Any, service: Service, kind: str) -> Service:
    if service.recipient_user_id != actor.pk:
        raise NotPermitted(_("只有受送达人本人可以签收。"))
    now = timezone.now()
    for attempt in service.attempts.filter(channel__in=rules.ELECTRONIC,
                                           status__in=[Attempt.Status.SENT, Attempt.Status.DONE]):  # fmt: skip
        _system_receipt(attempt, kind, now, actor=actor)
    _recompute(service, actor)
    return service


@transaction.atomic
def open_served_document(*, actor: Any, service: Service) -> bytes:
    """The recipient opens the served document (hash verified): recorded as read (第31条)."""
    from fating.documents.services import open_verified

    data = open_verified(service.document, "pdf")
    if service.recipient_user_id == actor.pk:
        # Recompute from the current row under a lock, never from the caller's copy: a stale copy
        # made the "served" system message appear twice.
        service = Service.objects.select_for_update().get(pk=service.pk)
        _recipient_receipt(actor, service, rules.READ)
        record_event(actor=actor, action="delivery.service.read", target=service)
    return data


@transaction.atomic
def acknowledge(*, actor: Any, service: Service) -> Service:
    """The recipient replies 收悉 (在线诉讼规则 第31条第2款第1项; 第33条 online signing)."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    _recipient_receipt(actor, service, rules.REPLIED)
    record_event(actor=actor, action="delivery.service.acknowledge", target=service)
    return service


@transaction.atomic
def issue_certificate(*, actor: Any, service: Service, issuer: str = "") -> Any:
    """Generate the 送达回证 of a served service (documents kind service_certificate); for
    electronic service it is the 电子送达凭证 with the force of a return (第31条第3款)."""
    from fating.documents.rules import datetime_figures as when
    from fating.documents.services import generate_document

    selectors.check_manage(actor, service.matter)
    rules.SERVICE.target(service.status, "certify", refusal=_("尚未送达，不能出具送达回证。"))
    if service.certificate_id:
        raise InvalidTransition(_("已出具送达回证。"))
    matter = service.matter
    # The served document's own court, 案号 and 案由 come first: a 民特 confirmation ruling is
    # filed under its dispute, whose reference is not the ruling's case number.
    served_context = service.document.context or {}
    court = getattr(matter, "court", None)
    court_name = served_context.get("court") or (court.name if court else "人民法院")
    number = (served_context.get("case_number") or getattr(matter, "number", "")
              or getattr(matter, "reference", "") or str(matter.pk))  # fmt: skip
    cause = (served_context.get("cause") or getattr(matter, "cause_name", "")
             or getattr(matter, "title", "")
             or getattr(getattr(getattr(matter, "filing", None), "cause", None), "name", "") or "—")  # fmt: skip
    served_at = timezone.localtime(service.served_at)
    basis = service.served_basis
    if service.is_paper_copy:
        legal = timezone.localtime(service.legal_served_at)
        basis = (f"应受送达人申请提供纸质文书（民事诉讼法第90条第1款），纸质文书{basis}；"
                 f"送达日期仍为电子送达日期{when(legal)}（第90条第2款）")  # fmt: skip
    trail = "；".join(
        f"{_label(a.channel)}：" + "、".join(
            f"{rules.RECEIPT_LABELS[r.kind]}{when(timezone.localtime(r.occurred_at))}"
            for r in a.receipts.all()) for a in service.attempts.prefetch_related("receipts")
    )  # fmt: skip
    context = {
        "court": court_name, "case_number": number, "cause": cause,
        "documents": [{"name": service.document.title, "copies": 1}],
        "recipient": service.recipient_name,
        "address": service.address or _label(service.served_channel),
        "server": actor.display_name, "issuer": issuer or "",
        "remarks": f"{basis}；送达时间{when(served_at)}。{trail}"[:1000],
        "issued_on": timezone.localdate(),
    }  # fmt: skip
    certificate = generate_document(actor=actor, matter=matter, kind="service_certificate",
                                    context=context)  # fmt: skip
    service.certificate = certificate
    service.save(update_fields=["certificate"])
    record_event(actor=actor, action="delivery.service.certificate", target=service,
                 after={"certificate": certificate.pk})  # fmt: skip
    return certificate


@transaction.atomic
def request_paper_copy(*, actor: Any, service: Service, note: str = "") -> Service:
    """Record that the recipient of an electronically served document asks for it on paper
    (民事诉讼法 第90条第1款) and open the linked paper service, which the clerk then delivers by
    post or in person (`add_attempt`) with its own attempts and receipts. The recipient asks
    online; court staff record a request made at the counter or by phone. The date of service
    stays the electronic one (第90条第2款): the original service is not touched."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.recipient_user_id != actor.pk:
        selectors.check_manage(actor, service.matter)
    if service.is_paper_copy:
        raise InvalidTransition(_("这已是纸质文书的送达。"))
    refusal = _("文书尚未送达，送达后才能申请纸质文书。")
    rules.SERVICE.target(service.status, "request_paper", refusal=refusal)
    if not rules.paper_copy_allowed(service.served_channel):
        raise InvalidTransition(_("该文书不是电子送达的，无需另行申请纸质文书。"))
    if Service.objects.filter(paper_copy_of=service).exists():
        raise InvalidTransition(_("已申请过纸质文书。"))
    note = (note or "").strip()
    if len(note) > 300:
        raise FieldError({"note": _("申请说明不能超过300个字。")})
    paper = Service.objects.create(
        matter_type_id=service.matter_type_id, matter_id=service.matter_id,
        document_id=service.document_id, party_key=service.party_key,
        recipient_name=service.recipient_name, recipient_user_id=service.recipient_user_id,
        address=service.address, personal_only=service.personal_only, created_by=actor,
        paper_copy_of=service, paper_requested_at=timezone.now(), paper_requested_by=actor,
        paper_request_note=note,
    )  # fmt: skip
    record_event(actor=actor, action="delivery.paper_copy.request", target=paper,
                 after={"service": service.pk, "document": service.document_id,
                        "by_recipient": service.recipient_user_id == actor.pk})  # fmt: skip
    return paper


def reconcile_pending(limit: int = 500) -> int:
    """Re-run dispatch for electronic attempts still queued (the beat runs this)."""
    ids = list(Attempt.objects.filter(status=Attempt.Status.QUEUED, outbox__isnull=False)
               .values_list("pk", flat=True)[:limit])  # fmt: skip
    for pk in ids:
        dispatch(pk)
    return len(ids)
