"""Contexts for every document kind, realistic enough to read, and the ServicePoint matter.

The documents app has no matter model of its own; tests register `network.ServicePoint` as one
(can_view: visible through the network selectors; can_manage: the court's administrator).
"""

from __future__ import annotations

import copy
from typing import Any

from fating.network import selectors as network_selectors
from fating.network.models import ServicePoint

PARTIES = [
    {
        "role": "申请人",
        "name": "张建国",
        "kind": "person",
        "gender": "男",
        "birth_date": "1978-05-12",
        "ethnicity": "汉族",
        "id_number": "370302197805121234",
        "address": "山东省青禾县东岭镇李家庄村",
    },
    {
        "role": "申请人",
        "name": "青禾县丰收农资有限公司",
        "kind": "organisation",
        "id_number": "91370399MA3C5XYZ1K",
        "address": "山东省青禾县东岭镇工业园区8号",
        "representative": "王立新，总经理",
        "agent": "赵磊，山东青禾律师事务所律师",
    },
]

CONTEXTS: dict[str, dict[str, Any]] = {
    "mediation_agreement": {
        "agreement_number": "东岭调字〔2026〕第12号",
        "organisation": "青禾县东岭镇李家庄村人民调解委员会",
        "parties": [dict(PARTIES[0], role="甲方"), dict(PARTIES[1], role="乙方")],
        "dispute_facts": "甲方于2025年3月向乙方赊购化肥，双方就货款金额及付款期限发生争议。",
        "responsibilities": "乙方交付的部分化肥存在质量瑕疵，甲方逾期付款。",
        "terms": [
            "甲方向乙方支付货款人民币伍万元（50,000元）。",
            "乙方放弃主张逾期付款违约金。",
        ],
        "total_amount": "50000",
        "instalments": [
            {"due_date": "2026-04-30", "amount": "20000"},
            {"due_date": "2026-06-30", "amount": "30000", "note": "尾款"},
        ],
        "performance_method": "由甲方通过银行转账支付至乙方指定账户",
        "performance_deadline": "2026-06-30",
        "mediator": "王秀兰",
        "agreed_on": "2026-03-01",
    },
    "confirmation_application": {
        "court": "青禾县人民法院",
        "parties": PARTIES,
        "cause": "买卖合同纠纷",
        "organisation": "青禾县东岭镇李家庄村人民调解委员会",
        "agreement_date": "2026-03-01",
        "agreement_terms": ["张建国向青禾县丰收农资有限公司支付货款50,000元。"],
        "applied_on": "2026-03-05",
    },
    "confirmation_ruling": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民特12号",
        "parties": PARTIES,
        "cause": "买卖合同纠纷",
        "organisation": "青禾县东岭镇李家庄村人民调解委员会",
        "agreement_date": "2026-03-01",
        "agreement_terms": [
            "张建国向青禾县丰收农资有限公司支付货款50,000元，于2026年6月30日前付清。",
            "青禾县丰收农资有限公司放弃主张逾期付款违约金。",
        ],
        "applied_on": "2026-03-05",
        "accepted_on": "2026-03-06",
        "outcome": "confirmed",
        "judge": "刘明",
        "clerk": "陈静",
        "ruled_on": "2026-03-12",
    },
    "summons": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "cause": "民间借贷纠纷",
        "summoned_person": "李四",
        "summoned_address": "山东省青禾县东岭镇李家庄村",
        "reason": "开庭审理",
        "appear_at": "2026-04-10T14:30",
        "place": "青禾县人民法院东岭人民法庭第一审判庭",
        "judge": "刘明",
        "clerk": "陈静",
        "issued_on": "2026-03-20",
    },
    "investigation_order": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "number": "（2026）鲁0399调查令3号",
        "cause": "民间借贷纠纷",
        "holder": "青禾县农村商业银行",
        "agent": "赵磊",
        "principal": "张三",
        "scope": "李四账户2025年3月的交易明细",
        "issued_on": "2026-04-10",
        "valid_until": "2026-04-27",
        "judge": "刘明",
    },
    "acceptance_notice": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "recipient": "张三",
        "opponent": "李四",
        "cause": "民间借贷纠纷",
        "fee_amount": "1050",
        "contact_person": "陈静",
        "contact_phone": "0539-1234567",
        "issued_on": "2026-03-15",
    },
    "service_certificate": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "cause": "民间借贷纠纷",
        "documents": [{"name": "传票", "copies": 1}, {"name": "起诉状副本", "copies": 1}],
        "recipient": "李四",
        "address": "山东省青禾县东岭镇李家庄村",
        "server": "陈静",
        "issuer": "刘明",
        "issued_on": "2026-03-20",
    },
    # Registered by the warnings app (司法建议书).
    "judicial_suggestion": {
        "court": "青禾县人民法院",
        "number": "（2026）鲁0399司建1号",
        "department": "青禾县住房和城乡建设局",
        "findings": "城关街道某小区物业服务纠纷集中爆发，三个月内立案四十余件。",
        "suggestions": ["督促物业企业公开收费标准", "建立业主与物业的协商调解机制"],
        "reply_due_on": "2026-05-31",
        "issued_on": "2026-04-01",
    },
    # Registered by the judgments app (判决书、裁定书、调解书; 生效证明书).
    "adjudication": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "cause": "民间借贷纠纷",
        "kind": "judgment",
        "title": "民事判决书",
        "parties": [{"role": "原告", "name": "张三"}, {"role": "被告", "name": "李四"}],
        "main_text": [
            "被告李四于本判决生效之日起十日内偿还原告张三借款80000元",
            "驳回原告张三的其他诉讼请求",
        ],
        "closing": "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于上一级人民法院。",
        "judge": "刘明",
        "issued_on": "2026-04-20",
    },
    "drafted_adjudication": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "cause": "民间借贷纠纷",
        "form": "table_judgment",
        "title": "民事判决书",
        "parties": [
            {"role": "原告", "name": "张三", "agents": "赵磊"},
            {"role": "被告", "name": "李四", "agents": ""},
        ],
        "claims": ["判令被告偿还借款80000元"],
        "facts": "原告诉称，被告于2025年4月2日向原告借款80000元，到期未还。",
        "elements": [
            {
                "element": "借贷合意及凭证",
                "plaintiff": "借条",
                "defendant": "借条",
                "finding": "无争议",
                "court_finding": "双方一致：借条",
                "basis": "民法典 第667条",
            },
            {
                "element": "出借本金（元）",
                "plaintiff": "80000",
                "defendant": "60000",
                "finding": "有争议",
                "court_finding": "转账记录证明实际交付80000元",
                "basis": "民法典 第670条",
            },
        ],
        "reasoning": "本院认为，关于出借本金，转账记录证明实际交付80000元。",
        "articles": ["民法典 第667条", "民法典 第670条", "《中华人民共和国民事诉讼法》第六十七条"],
        "main_text": ["被告李四于本判决生效之日起十日内偿还原告张三借款80000元"],
        "fee": "案件受理费1,800.00元（已减半收取），由被告李四负担。",
        "closing": "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于上一级人民法院。",
        "judge": "刘明",
        "issued_on": "2026-04-20",
    },
    # Registered by the evaluation app (鉴定委托书; 中立评估意见书).
    "appraisal_commission": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "cause": "民间借贷纠纷",
        "institution": "青禾县司法鉴定中心",
        "matters": ["借条上“李四”签名是否为李四本人书写", "借条形成时间"],
        "purpose": "查明借条的真实性",
        "report_due_on": "2026-06-01",
        "fee": "3000.00",
        "fee_payer": "张三",
        "judge": "刘明",
        "issued_on": "2026-05-01",
    },
    "neutral_evaluation": {
        "court": "青禾县人民法院",
        "reference": "青调〔2026〕第15号",
        "cause": "张三与李四民间借贷纠纷",
        "parties": [{"role": "申请人", "name": "张三"}, {"role": "被申请人", "name": "李四"}],
        "evaluator": "周明德",
        "evaluator_kind": "退休法官",
        "questions": ["借款是否已经归还", "利息约定是否有效"],
        "opinion": "借条真实，被申请人未能举证已经还款。",
        "likely_outcome": "法院较可能支持偿还借款50000元",
        "issued_on": "2026-05-08",
    },
    "effect_certificate": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399民初345号",
        "cause": "民间借贷纠纷",
        "parties": [{"role": "原告", "name": "张三"}, {"role": "被告", "name": "李四"}],
        "document_title": "民事判决书",
        "judgment_date": "2026-04-20",
        "effective_on": "2026-05-12",
        "issued_on": "2026-05-20",
    },
    # Registered by the enforcement app (fating.enforcement.kinds).
    "enforcement_notice": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399执12号",
        "respondent": "李四",
        "applicant": "张三",
        "source_reference": "（2026）鲁0399民特12号",
        "filed_on": "2026-06-02",
        "amount": "50000",
        "fee": "650",
        "executor": "孙强",
        "issued_on": "2026-06-05",
    },
    "property_report_order": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399执12号",
        "respondent": "李四",
        "applicant": "张三",
        "source_reference": "（2026）鲁0399民特12号",
        "report_days": 10,
        "executor": "孙强",
        "issued_on": "2026-06-05",
    },
    "enforcement_measure": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399执12号",
        "kind": "blacklist",
        "applicant": "青禾县建材有限公司",
        "respondent": "赵某",
        "facts": "被执行人赵某在执行通知送达后转让名下车辆，且未按报告财产令申报财产。",
        "legal_basis": "失信被执行人名单规定 第1条、第2条",
        "items": ["以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行", "违反财产报告制度"],
        "period": "期限3年，至2029年4月19日止",
        "issued_on": "2026-04-20",
    },
    "enforcement_in_kind_ruling": {
        "court": "青禾县人民法院",
        "case_number": "（2026）鲁0399执12号",
        "applicant": "青禾农村商业银行股份有限公司",
        "respondent": "杨某",
        "source_reference": "（2025）鲁0399民初1033号",
        "asset": "不动产（青禾县不动产登记中心 鲁（2021）青禾县不动产权第0012345号）",
        "round": 2,
        "value": "235200",
        "claim": "200000",
        "credited": "200000",
        "difference": "35200",
        "paid_on": "2026-05-10",
        "legal_basis": "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百九十条、第四百九十一条",
        "judge": "孙执",
        "issued_on": "2026-05-12",
    },
    "enforcement_objection_ruling": {
        "court": "青禾县人民法院",
        "number": "（2026）鲁0399执异3号",
        "case_number": "（2026）鲁0399执12号",
        "objector": "赵某",
        "target": "将被执行人纳入失信被执行人名单",
        "reasons": "车辆系正常出售，请求撤销失信决定。",
        "ruling_text": "车辆转让发生在执行通知送达之后，异议理由不能成立。",
        "legal_basis": "民事诉讼法 第236条",
        "outcome": "驳回异议人赵某的异议请求。",
        "remedy": "如不服本裁定，可以自本裁定送达之日起十日内向上一级人民法院申请复议。",
        "judge": "孙执",
        "issued_on": "2026-04-20",
    },
}


def context_for(kind: str, **changes: Any) -> dict[str, Any]:
    context = copy.deepcopy(CONTEXTS[kind])
    context.update(changes)
    return context


def can_view_point(user: Any, point: ServicePoint) -> bool:
    return network_selectors.service_points_for(user).filter(pk=point.pk).exists()


def can_manage_point(user: Any, point: ServicePoint) -> bool:
    return network_selectors.can_manage_court(user, point.tribunal.court_id)
