from django.urls import path

from fating.enforcement import views, views_disposal, views_measures, views_notices

app_name = "enforcement"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("command/", views.command, name="command"),
    path("apply/<int:agreement_pk>/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<slug:name>/", views.act, name="act"),
    path("<int:pk>/disposal/<slug:name>/", views_disposal.disposal_act, name="disposal"),
    path("auctions/<int:pk>/", views_disposal.auction_page, name="auction"),
    path("auctions/<int:pk>/<slug:name>/", views_disposal.auction_act, name="auction-act"),
    path("<int:pk>/notices/", views_notices.notices_page, name="notices"),
    path("<int:pk>/notices/<slug:name>/", views_notices.notices_act, name="notices-act"),
    path("centre/", views_notices.centre, name="centre"),
    path("flags/<int:pk>/<slug:name>/", views_notices.flag_act, name="flag-act"),
    path("centre/<int:pk>/<slug:name>/", views_notices.task_act, name="task-act"),
    path("reconciliation/", views_notices.reconciliation, name="reconciliation"),
    path(
        "reconciliation/export.<slug:fmt>",
        views_notices.reconciliation,
        name="reconciliation-export",
    ),
    # 限制消费令, 失信, the public list, objections (执异), 恢复执行 after a 终本 re-search
    path("public/dishonest/", views_measures.public_blacklist, name="public-blacklist"),
    path("<int:pk>/measures/new/", views_measures.measure_new, name="measure-new"),
    path("measures/<int:pk>/lift/", views_measures.measure_lift, name="measure-lift"),
    path("<int:pk>/resume/", views_measures.resume, name="resume"),
    path("objections/", views_measures.objection_list, name="objections"),
    path("<int:pk>/objections/new/", views_measures.objection_new, name="objection-new"),
    path("objections/<int:pk>/", views_measures.objection_detail, name="objection"),
    path("objections/<int:pk>/decide/", views_measures.objection_decide, name="objection-decide"),
    path("objections/<int:pk>/review/", views_measures.objection_review, name="objection-review"),
]
