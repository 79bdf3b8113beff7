"""What each page action of filings and cases says when it succeeded: one sentence naming what
happened, never a generic "已保存"."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DONE = {
    # filing wizard and review (cases:filing-act)
    "party": _("已添加当事人。"),
    "claim": _("已添加诉讼请求。"),
    "evidence": _("已上传证据。"),
    "relief": _("已提交诉讼费缓减免申请。"),
    "submit": _("已提交立案申请，请等待法院审查。"),
    "withdraw": _("已撤回立案申请。"),
    "resubmit": _("已重新提交立案申请。"),
    "forward": _("已将立案申请转交管辖法院。"),
    "accept": _("已受理立案，案号已生成。"),
    "refuse": _("已作出不予受理决定。"),
    "correct": _("已通知当事人补正材料。"),
    # case page (cases:case-act)
    "schedule": _("已安排开庭，并通知当事人。"),
    "close": _("已登记结案。"),
    # time limits (cases:time-limit-act)
    "request_extension": _("已提交延长审限申请。"),
    "decide_extension": _("已登记延长审限的审批结果。"),
    "exclude": _("已登记审限扣除期间。"),
    "end_exclusion": _("已登记扣除期间结束。"),
    "change_procedure": _("已转换审理程序。"),
    # changes (cases:changes-act)
    "claim_change": _("已登记变更诉讼请求。"),
    "counterclaim": _("已登记反诉。"),
    "pay_out": _("已登记退费支付。"),
    "refund_overpayment": _("已登记多付款项退还。"),
    "adjourn": _("已延期开庭，并安排下次开庭。"),
    # entrusted mediation (cases:entrustment-act)
    "entrust_accept": _("已接受委托调解。"),
    "entrust_decline": _("已不予接受委托调解。"),
    "entrust_extend": _("已延长委托调解期限。"),
    "entrust_succeed": _("已登记委托调解成功。"),
    "entrust_fail": _("已登记委托调解不成，案件回到审理。"),
    # investigation orders (cases:investigation-act)
    "apply_order": _("已提交调查令申请，等待法官审查。"),
    "issue_order": _("已签发调查令，编号已生成。"),
    "refuse_order": _("已作出不予签发调查令的决定。"),
    "answer_order": _("已记录证据持有人的回复。"),
    "document_order": _("已生成调查令文书，见“文书”。"),
    # divorce pre-filing (cases:divorce-act)
    "divorce_prefile": _("已提交离婚预立案，法院将联系双方。"),
    "divorce_cool": _("已设定冷静期。"),
    "divorce_mediate": _("已记录家事调解。"),
    "divorce_visit": _("已记录回访。"),
    "divorce_reconcile": _("已登记双方和好。"),
    "divorce_withdraw": _("已撤回离婚预立案。"),
    "divorce_file": _("已正式立案，案号已生成。"),
    # triage administration (cases:triage-admin)
    "create_team": _("已新建速裁团队。"),
    "toggle_team": _("已更改速裁团队的启用状态。"),
    "load_wage": _("已载入小额诉讼平均工资标准。"),
}


def done(name: str, prefix: str = "") -> str:
    """The success sentence of action `name` (looked up as `prefix + name` first)."""
    text = DONE.get(prefix + name) or DONE.get(name)
    # Unknown names never get here (each view refuses them first); still no code on the page.
    return str(text) if text is not None else gettext("已办理完毕。")
