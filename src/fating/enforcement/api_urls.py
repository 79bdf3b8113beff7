from django.urls import path

from fating.enforcement import api, api_disposal, api_measures, api_notices

app_name = "enforcement-api"
urlpatterns = [
    path("cases/", api.case_list, name="cases"),
    path("cases/<int:pk>/", api.case_detail, name="case"),
    path("cases/<int:pk>/triage/", api.triage, name="triage"),
    path("cases/<int:pk>/search/", api.search, name="search"),
    path("cases/<int:pk>/controls/", api.control, name="control"),
    path("cases/<int:pk>/payout/", api.payout, name="payout"),
    path("cases/<int:pk>/transition/", api.transition, name="transition"),
    path("cases/<int:pk>/valuations/", api_disposal.valuation_create, name="valuation-create"),
    path("cases/<int:pk>/auctions/", api_disposal.auction_create, name="auction-create"),
    path(
        "cases/<int:pk>/auctions/<int:auction>/",
        api_disposal.auction_detail,
        name="auction",
    ),
    path(
        "cases/<int:pk>/auctions/<int:auction>/result/",
        api_disposal.auction_result,
        name="auction-result",
    ),
    path(
        "cases/<int:pk>/auctions/<int:auction>/in-kind/",
        api_disposal.auction_in_kind,
        name="auction-in-kind",
    ),
    path(
        "cases/<int:pk>/auctions/<int:auction>/in-kind/payment/",
        api_disposal.in_kind_payment,
        name="in-kind-payment",
    ),
    path(
        "cases/<int:pk>/auctions/<int:auction>/in-kind/complete/",
        api_disposal.in_kind_complete,
        name="in-kind-complete",
    ),
    path(
        "cases/<int:pk>/auctions/<int:auction>/in-kind/cancel/",
        api_disposal.in_kind_cancel,
        name="in-kind-cancel",
    ),
    path("cases/<int:pk>/notices/", api_notices.case_notices, name="notices"),
    path("cases/<int:pk>/reports/", api_notices.case_report, name="reports"),
    path("tasks/", api_notices.task_list, name="tasks"),
    path("flags/<int:pk>/dismiss/", api_notices.flag_dismiss, name="flag-dismiss"),
    path("flags/<int:pk>/convert/", api_measures.flag_convert, name="flag-convert"),
    path("tasks/<int:pk>/<slug:name>/", api_notices.task_move, name="task-move"),
    path("reconciliation/", api_notices.reconciliation, name="reconciliation"),
    path("cases/<int:pk>/measures/", api_measures.case_measures, name="measures"),
    path("measures/<int:pk>/lift/", api_measures.measure_lift, name="measure-lift"),
    path("cases/<int:pk>/objections/", api_measures.objection_create, name="objection-create"),
    path("cases/<int:pk>/resume/", api_measures.resume, name="resume"),
    path("objections/", api_measures.objection_list, name="objections"),
    path("objections/<int:pk>/", api_measures.objection_detail, name="objection"),
    path("objections/<int:pk>/decide/", api_measures.objection_decide, name="objection-decide"),
    path("objections/<int:pk>/review/", api_measures.objection_review, name="objection-review"),
]
