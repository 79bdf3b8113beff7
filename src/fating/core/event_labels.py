"""What each audit event means, in words a person reads: the one registry of event labels.

Every service writes an audit event with a machine name (`cases.filing.create`); timelines show
the label registered here instead. A name not registered still reads as Chinese: first the
object's name with a generic verb ("立案申请：办理"), then the app's ("案件办理记录"). A new event
name gets its label here, next to its neighbours; `tests/test_event_labels.py` checks that every
name written in the code has one. Timeline rows (who did it, by name and role) are built in
`accounts.timeline`, above this module.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

EVENT_LABELS: dict[str, Any] = {
    # accounts
    "accounts.password.change": _("修改密码"),
    "accounts.password.reset": _("重置密码"),
    "accounts.password.reset_code": _("发送密码重置验证码"),
    "accounts.token.issue": _("签发接口令牌"),
    "accounts.token.revoke": _("吊销接口令牌"),
    "accounts.membership.activate": _("恢复用户身份"),
    "accounts.membership.deactivate": _("停用用户身份"),
    "accounts.user.deactivate": _("停用账号"),
    "accounts.user.admin_change": _("后台修改账号"),
    "accounts.user.create": _("开设账号"),
    "accounts.user.reactivate": _("恢复账号"),
    "accounts.grant.add": _("授予身份"),
    "accounts.grant.end": _("结束身份"),
    "accounts.password.temporary": _("签发临时密码"),
    "audit.key.rotate": _("更换审计签名密钥"),
    "core.holiday_year.import": _("导入节假日安排"),
    # disputes
    "disputes.dispute.report": _("上报纠纷"),
    "disputes.dispute.start_village": _("启动村居调解"),
    "disputes.dispute.start_joint": _("启动部门联动调解"),
    "disputes.dispute.escalate": _("升级为部门联动调解"),
    "disputes.dispute.delegate": _("委派调解"),
    "disputes.dispute.return_delegation": _("委派调解退回"),
    "disputes.dispute.agree": _("调解协议生效"),
    "disputes.dispute.resolve": _("纠纷化解完毕"),
    "disputes.dispute.refer": _("转入诉讼"),
    "disputes.dispute.withdraw": _("撤回纠纷"),
    "disputes.consent.code_sent": _("发送同意验证码"),
    "disputes.consent.record": _("当事人确认同意"),
    "disputes.attachment.add": _("上传材料"),
    "disputes.guidance.add": _("法官指导"),
    "disputes.session.record": _("记录调解"),
    "disputes.delegation.create": _("登记委派及接受期限"),
    "disputes.delegation.accept": _("受委派方接受"),
    "disputes.delegation.extend": _("延长委派期限"),
    "disputes.delegation.declined": _("不予接受委派"),
    "disputes.delegation.failed": _("委派调解不成"),
    "disputes.delegation.expired": _("委派期满退回"),
    "disputes.delegation.withdraw": _("撤回纠纷，委派终止"),
    "disputes.delegation.withdrawn": _("撤回纠纷，委派终止"),
    "disputes.delegation.succeed": _("委派调解成功"),
    "disputes.delegation.succeeded": _("委派调解成功"),
    "disputes.booking.request": _("预约法官到场"),
    "disputes.booking.accepted": _("法官接受预约"),
    "disputes.booking.declined": _("法官拒绝预约"),
    "disputes.booking.cancelled": _("取消法官预约"),
    "disputes.agreement.draft": _("起草调解协议"),
    "disputes.agreement.sign": _("当事人签署协议"),
    "disputes.agreement.mediator_sign": _("调解员签署协议"),
    "disputes.agreement.effective": _("调解协议生效"),
    "disputes.agreement.default": _("未按期履行"),
    "disputes.instalment.pay": _("登记履行"),
    "disputes.confirmation.apply": _("申请司法确认"),
    "disputes.confirmation.accept": _("受理司法确认"),
    "disputes.confirmation.confirmed": _("裁定确认调解协议有效"),
    "disputes.confirmation.rejected": _("裁定驳回司法确认申请"),
    "disputes.confirmation.not_accepted": _("司法确认申请不予受理"),
    "disputes.confirmation.withdrawn": _("撤回司法确认申请"),
    # cases: filing
    "cases.filing.create": _("创建立案申请"),
    "cases.filing.create_from_dispute": _("由纠纷转入，生成立案申请"),
    "cases.filing.update": _("修改立案申请"),
    "cases.filing.party.add": _("添加当事人"),
    "cases.filing.party.remove": _("删除当事人"),
    "cases.filing.claim.add": _("添加诉讼请求"),
    "cases.filing.claim.remove": _("删除诉讼请求"),
    "cases.filing.evidence.upload": _("上传证据"),
    "cases.filing.submit": _("提交立案申请"),
    "cases.filing.resubmit": _("补正后重新提交"),
    "cases.filing.withdraw": _("撤回立案申请"),
    "cases.filing.forward": _("转交管辖法院"),
    "cases.filing.request_correction": _("通知补正材料"),
    "cases.filing.accept": _("受理立案"),
    "cases.filing.refuse": _("不予受理"),
    "cases.fee_relief.apply": _("申请缓减免诉讼费"),
    "cases.fee_relief.decide": _("决定缓减免诉讼费"),
    # cases: payments and fees
    "cases.payment.create": _("生成缴费单"),
    "cases.payment.paid": _("缴纳诉讼费"),
    "cases.payment.void": _("作废缴费单"),
    "cases.payment.overpaid": _("登记多付款项"),
    "cases.overpayment.refunded": _("退还多付款项"),
    "cases.refund.paid_out": _("退费已支付"),
    # cases: hearings, changes, closure
    "cases.hearing.schedule": _("安排开庭"),
    "cases.hearing.adjourn": _("延期开庭"),
    "cases.hearing.cancel": _("取消开庭"),
    "cases.hearing.record": _("记录开庭情况"),
    "cases.claim.change": _("变更诉讼请求"),
    "cases.counterclaim.record": _("登记反诉"),
    "cases.case.close": _("结案"),
    "cases.time_limit.extension_request": _("申请延长审限"),
    "cases.time_limit.extension_decide": _("审批延长审限"),
    "cases.time_limit.exclude": _("登记审限扣除期间"),
    "cases.time_limit.exclude_end": _("审限扣除期间结束"),
    "cases.time_limit.exclusion_settle": _("核定审限扣除期间"),
    "cases.time_limit.procedure_change": _("转换审理程序"),
    "cases.entrustment.entrust": _("委托调解"),
    "cases.entrustment.accept": _("受托方接受委托调解"),
    "cases.entrustment.decline": _("受托方不予接受委托调解"),
    "cases.entrustment.extend": _("延长委托调解期限"),
    "cases.entrustment.conclude": _("委托调解结束"),
    "cases.entrustment.lapse": _("委托调解期满"),
    "cases.entrustment.return": _("委托调解退回"),
    "cases.speedy_team.create": _("新建速裁团队"),
    "cases.speedy_team.update": _("调整速裁团队"),
    "cases.wage_figure.load": _("载入小额诉讼平均工资标准"),
    "cases.causes.load": _("载入案由"),
    # conversations
    "conversations.room.open": _("开设群聊"),
    "conversations.room.read": _("阅读群聊"),
    "conversations.message.post": _("发送消息"),
    "conversations.evidence.submit": _("提交证据"),
    "conversations.evidence.opinion": _("发表质证意见"),
    "conversations.evidence.export": _("质证意见表归入卷宗"),
    "conversations.proposal.propose": _("提出调解方案"),
    "conversations.proposal.accepted": _("接受调解方案"),
    "conversations.proposal.rejected": _("拒绝调解方案"),
    "conversations.proposal.countered": _("对调解方案还价"),
    "conversations.proposal.accept_part": _("接受调解方案"),
    "conversations.proposal.draft_agreement": _("依方案起草调解协议"),
    "conversations.bidding.open": _("发起背对背报价"),
    "conversations.bidding.offer": _("提交报价"),
    # delivery
    "delivery.service.serve": _("发起送达"),
    "delivery.service.served": _("文书已送达"),
    "delivery.service.read": _("受送达人已阅读文书"),
    "delivery.service.acknowledge": _("受送达人确认收悉"),
    "delivery.service.certificate": _("生成送达回证"),
    "delivery.attempt.add": _("登记送达尝试"),
    "delivery.attempt.outcome": _("登记送达结果"),
    "delivery.attempt.receipt": _("登记送达回执"),
    "delivery.attempt.status": _("送达状态更新"),
    "delivery.consent.record": _("同意电子送达"),
    "delivery.consent.withdraw": _("撤回电子送达同意"),
    "delivery.paper_copy.request": _("申请纸质文书"),
    # inbox (notification centre)
    "inbox.message.read": _("阅读消息"),
    "inbox.message.read_all": _("全部消息标为已读"),
    "inbox.preference.update": _("修改通知设置"),
    # people (sign-up, real-name verification)
    "people.signup.start": _("自助注册：发送验证码"),
    "people.signup.complete": _("自助注册完成（短信核验）"),
    "people.realname.verify": _("现场实名核验"),
    "people.representation.propose": _("提交授权委托书"),
    "people.representation.confirm": _("确认委托代理"),
    "people.representation.refuse": _("不予确认委托代理"),
    "people.representation.revoke": _("解除委托代理"),
    # documents
    "documents.document.generate": _("生成文书"),
    "documents.dossier.add": _("材料归入卷宗"),
    "documents.dossier.archive": _("卷宗归档"),
    # knowledge
    "knowledge.case.submit": _("提交案例"),
    "knowledge.case.publish": _("发布案例"),
    "knowledge.case.reject": _("退回案例"),
    "knowledge.library.import": _("导入法条与案例"),
    "knowledge.order.request": _("普法点单"),
    "knowledge.order.schedule": _("安排点单活动"),
    "knowledge.order.deliver": _("点单活动完成"),
    "knowledge.order.cancel": _("取消点单"),
    "knowledge.question.ask": _("提出法律问题"),
    "knowledge.question.answer": _("回答法律问题"),
    "knowledge.question.publish": _("公布问答"),
    "knowledge.question.return": _("退回回答"),
    "knowledge.village_rules.submit": _("提交乡规民约"),
    "knowledge.village_rules.review": _("审查乡规民约"),
    "knowledge.village_rules.revise": _("修改乡规民约"),
    "knowledge.village_rules.file": _("乡规民约备案"),
    # network
    "network.liaison.register": _("登记联络员"),
    "network.liaison.update": _("修改联络员信息"),
    "network.service_point.update": _("修改服务点信息"),
    # warnings
    "warnings.warning.raise": _("发出预警"),
    "warnings.warning.update": _("更新预警"),
    "warnings.warning.assess": _("会商研判"),
    "warnings.warning.close": _("关闭预警"),
    "warnings.incident.flag": _("报告突发事件"),
    "warnings.action.create": _("登记处置措施"),
    "warnings.rule.update": _("调整预警规则"),
    "warnings.rule.seed": _("设置默认预警规则"),
    "warnings.suggestion.issue": _("发出司法建议"),
    "warnings.suggestion.reply": _("登记司法建议回复"),
    # analytics
    "analytics.report.request": _("申请生成治理分析月报"),
    "analytics.report.render": _("生成治理分析月报"),
    # demo
    "demo.seed": _("生成演示数据"),
    "demo.cross_grant": _("演示：跨院授权"),
}

# Fallbacks: the object an unregistered event is about, then the app it belongs to.
OBJECT_LABELS: dict[str, Any] = {
    "cases.filing": _("立案申请"),
    "cases.case": _("案件"),
    "cases.hearing": _("开庭"),
    "cases.payment": _("缴费"),
    "cases.entrustment": _("委托调解"),
    "cases.time_limit": _("审限"),
    "disputes.dispute": _("纠纷"),
    "disputes.delegation": _("委派调解"),
    "disputes.agreement": _("调解协议"),
    "disputes.confirmation": _("司法确认"),
    "disputes.booking": _("法官预约"),
    "conversations.proposal": _("调解方案"),
    "delivery.service": _("送达"),
    "delivery.attempt": _("送达尝试"),
    "warnings.warning": _("预警"),
    "inbox.preference": _("通知设置"),
    "core.outboxmessage": _("消息"),
    "people.signup": _("自助注册"),
    "people.realname": _("实名核验"),
    "people.representation": _("委托代理"),
}
APP_LABELS: dict[str, Any] = {
    "accounts": _("账号记录"),
    "cases": _("案件办理记录"),
    "conversations": _("群聊记录"),
    "core": _("系统记录"),
    "delivery": _("送达记录"),
    "disputes": _("纠纷调解记录"),
    "documents": _("文书与卷宗记录"),
    "inbox": _("消息记录"),
    "people": _("注册与实名记录"),
    "knowledge": _("普法与案例记录"),
    "network": _("服务网络记录"),
    "warnings": _("预警记录"),
}


def event_label(action: str) -> str:
    """The Chinese label of the audit event `action`; never the machine name."""
    label = EVENT_LABELS.get(action)
    if label is not None:
        return str(label)
    parts = action.split(".")
    obj = OBJECT_LABELS.get(".".join(parts[:2]))
    if obj is not None:
        return gettext("%(object)s：办理") % {"object": obj}
    app = APP_LABELS.get(parts[0])
    return str(app) if app is not None else str(_("系统记录"))
