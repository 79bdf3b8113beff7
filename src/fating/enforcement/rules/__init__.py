"""Pure rules of enforcement 执行 (LEGAL-RULES D9, D10). No Django import.

- `workflow`: the enforcement case's state machine.
- `deadlines`: the 2-year application limit (民事诉讼法 第250条) and the freezing periods (民诉法解释
  第485条), both through the one calendar engine `fating.core.calendar`.
- `money`: the 申请执行费 (诉讼费用交纳办法 第14条, from the fee engine `cases.rules.fees`) and the delay
  interest of 民事诉讼法 第264条 (法释〔2014〕8号).
- `triage`: the 速执 criteria, as data.
- `measures`: auction price rules, 限制消费 / 失信 conditions and the five conditions of 终本.
"""
