from django.urls import path

from fating.knowledge import views, views_education

app_name = "knowledge"
urlpatterns = [
    path("", views.library, name="library"),
    path("search/", views.search_page, name="search"),
    path("laws/<int:pk>/", views.law_detail, name="law"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("cases/", views.cases, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/publish/", views.case_publish, name="case-publish"),
    path("cases/review/", views.case_review_list, name="case-review-list"),
    path("cases/<int:pk>/review/", views.case_review, name="case-review"),
    path("qa/", views_education.questions, name="questions"),
    path("qa/manage/", views_education.questions_manage, name="questions-manage"),
    path("qa/<int:pk>/", views_education.question_detail, name="question"),
    path("qa/<int:pk>/answer/", views_education.question_answer, name="question-answer"),
    path("qa/<int:pk>/review/", views_education.question_review, name="question-review"),
    path("orders/", views_education.orders, name="orders"),
    path("orders/new/", views_education.order_new, name="order-new"),
    path("orders/<int:pk>/", views_education.order_detail, name="order"),
    path("orders/<int:pk>/schedule/", views_education.order_schedule, name="order-schedule"),
    path("orders/<int:pk>/deliver/", views_education.order_deliver, name="order-deliver"),
    path("orders/<int:pk>/cancel/", views_education.order_cancel, name="order-cancel"),
    path("rules/", views_education.village_rules, name="village-rules"),
    path("rules/<int:pk>/", views_education.village_rules_item, name="village-rules-item"),
    path(
        "rules/<int:pk>/review/", views_education.village_rules_review, name="village-rules-review"
    ),
    path(
        "rules/<int:pk>/revise/", views_education.village_rules_revise, name="village-rules-revise"
    ),
]
