"""The legal user dictionary for jieba, kept as a data file next to this module.

jieba's general dictionary splits legal terms (连带保证责任 → 连带/保证/责任, 民间借贷 → 民间/借贷),
which blurs the very words that separate one lending case from another. The dictionary file
``data/legal_dict.txt`` lists curated terms plus every cause name from the 民事案件案由规定.

Regenerate it after editing ``CURATED_TERMS``::

    python -m fating.knowledge.similarity.lexicon /work/shared/data/causes/civil-causes-2025.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LEGAL_DICT_PATH = DATA_DIR / "legal_dict.txt"
STOPWORDS_PATH = DATA_DIR / "stopwords.txt"

# A high frequency makes jieba keep the term whole even where its HMM would split it.
_TERM_FREQ = 20000

# Terms that carry legal meaning in grassroots civil cases (lending, guarantee, marriage, labour,
# traffic, sale, lease). Grouped only to ease review; order does not matter.
CURATED_TERMS: tuple[str, ...] = (
    # lending documents and delivery
    "民间借贷",
    "借款合同",
    "借款协议",
    "借条",
    "欠条",
    "收条",
    "借据",
    "借款借据",
    "收据",
    "还款协议",
    "还款计划",
    "还款承诺书",
    "承诺书",
    "对账单",
    "结算单",
    "补充协议",
    "借款单",
    "银行转账",
    "转账凭证",
    "银行流水",
    "交易明细",
    "汇款凭证",
    "汇款单",
    "网银转账",
    "微信转账",
    "支付宝转账",
    "微信聊天记录",
    "现金交付",
    "现金支付",
    "聊天记录",
    "通话录音",
    "录音资料",
    "银行承兑汇票",
    "承兑汇票",
    "商业汇票",
    "支票",
    "本票",
    "电子借条",
    "借款本金",
    "借款期限",
    "借款利息",
    "借款用途",
    "出借人",
    "借款人",
    "借贷关系",
    "借贷合意",
    "借款事实",
    "款项交付",
    "实际交付",
    "砍头息",
    "预先扣除",
    "利滚利",
    "复利",
    # interest and penalties
    "年利率",
    "月利率",
    "日利率",
    "月息",
    "年息",
    "日息",
    "利息",
    "逾期利息",
    "资金占用费",
    "违约金",
    "滞纳金",
    "罚息",
    "一年期贷款市场报价利率",
    "贷款市场报价利率",
    "中国人民银行同期同类贷款利率",
    "同期贷款利率",
    "四倍",
    "利率保护",
    "本息",
    "利随本清",
    "按月付息",
    "到期还本",
    "分期还款",
    "一次性还清",
    "未约定利息",
    # guarantee and security
    "担保人",
    "保证人",
    "连带责任保证",
    "连带保证责任",
    "连带清偿责任",
    "连带责任",
    "一般保证",
    "保证期间",
    "保证责任",
    "保证合同",
    "担保合同",
    "抵押担保",
    "抵押合同",
    "抵押权",
    "抵押登记",
    "他项权证",
    "不动产登记证明",
    "质押",
    "质押合同",
    "质权",
    "优先受偿权",
    "优先受偿",
    "最高额抵押",
    "最高额保证",
    "反担保",
    "共同借款人",
    "债务加入",
    "债务转移",
    "债权转让",
    "债权转让通知",
    "以物抵债",
    "让与担保",
    # parties and relationships
    "夫妻共同债务",
    "夫妻关系存续期间",
    "夫妻共同财产",
    "共同还款",
    "婚生子女",
    "法定继承",
    "遗产范围",
    "继承人",
    "法定代表人",
    "实际控制人",
    "股东",
    "合伙人",
    "个体工商户",
    "小额贷款公司",
    "担保公司",
    "投资公司",
    "职业放贷人",
    "非法集资",
    "套路贷",
    "委托诉讼代理人",
    "特别授权",
    # repayment and procedure facts
    "部分还款",
    "归还借款",
    "偿还借款",
    "拒不归还",
    "多次催要",
    "催讨",
    "催收",
    "下落不明",
    "公告送达",
    "缺席审理",
    "缺席判决",
    "诉讼时效",
    "诉讼时效中断",
    "催款通知",
    "律师函",
    "律师费",
    "保全费",
    "诉讼费",
    "财产保全",
    "实现债权的费用",
    "逾期还款",
    "提前还款",
    "经审理查明",
    "本院认为",
    "诉讼请求",
    "事实与理由",
    "事实和理由",
    # other grassroots causes
    "交通事故",
    "交通事故认定书",
    "交强险",
    "商业三者险",
    "误工费",
    "护理费",
    "医疗费",
    "残疾赔偿金",
    "死亡赔偿金",
    "精神损害抚慰金",
    "被扶养人生活费",
    "伤残等级",
    "劳动合同",
    "劳务关系",
    "劳动关系",
    "加班费",
    "经济补偿金",
    "工伤保险",
    "拖欠工资",
    "劳务费",
    "工程款",
    "承揽合同",
    "建设工程施工合同",
    "买卖合同",
    "货款",
    "送货单",
    "租赁合同",
    "租金",
    "押金",
    "物业服务合同",
    "物业费",
    "彩礼",
    "离婚协议",
    "抚养费",
    "赡养费",
    "抚养权",
    "探望权",
    "宅基地",
    "土地承包经营权",
    "相邻关系",
    "人身安全保护令",
)


def cause_names(causes_json: Path) -> list[str]:
    """Cause names from a 民事案件案由规定 JSON file, plus each name without its 纠纷 suffix."""
    rows = json.loads(causes_json.read_text(encoding="utf-8"))
    names: set[str] = set()
    for row in rows:
        name = str(row["name"]).strip()
        # Compound names (生命权、身体权、健康权纠纷) are never written whole in a judgment.
        if "、" in name or "（" in name or len(name) > 14:
            continue
        names.add(name)
        if name.endswith("纠纷") and len(name) > 4:
            names.add(name[: -len("纠纷")])
    return sorted(names)


def build_dictionary(causes_json: Path, out_path: Path = LEGAL_DICT_PATH) -> int:
    """Write the jieba user dictionary; returns the number of entries."""
    terms = sorted(set(CURATED_TERMS) | set(cause_names(causes_json)))
    lines = [f"{term} {_TERM_FREQ} n" for term in terms if " " not in term]
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    count = build_dictionary(Path(sys.argv[1]))
    print(f"已写入 {count} 个词条：{LEGAL_DICT_PATH}")
