"""Knowledge use cases. Each function: permission first, one transaction, one audit event.

Library: import_library. Publication: publish_case, review_case. Education: ask_question,
answer_question, review_question, request_order, schedule_order, deliver_order, cancel_order,
submit_village_rules, review_village_rules, revise_village_rules.
"""

from fating.knowledge.services.education import (
    answer_question,
    ask_question,
    cancel_order,
    deliver_order,
    request_order,
    review_question,
    review_village_rules,
    revise_village_rules,
    schedule_order,
    submit_village_rules,
)
from fating.knowledge.services.library import ImportReport, default_laws_dir, import_library
from fating.knowledge.services.publication import publish_case, review_case

__all__ = [
    "ImportReport",
    "answer_question",
    "ask_question",
    "cancel_order",
    "default_laws_dir",
    "deliver_order",
    "import_library",
    "publish_case",
    "request_order",
    "review_case",
    "review_question",
    "review_village_rules",
    "revise_village_rules",
    "schedule_order",
    "submit_village_rules",
]
