from django.urls import path

from annotations.views import agreement as agreement_views
from annotations.views import orphans as orphan_views
from annotations.views import rules as rule_views
from annotations.views import themes as views

urlpatterns = [
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/new/", views.theme_create, name="theme_create"),
    path("themes/agreement/", agreement_views.agreement, name="agreement"),
    path("themes/rules/", rule_views.rule_list, name="rule_list"),
    path("themes/rules/new/", rule_views.rule_create, name="rule_create"),
    path("themes/rules/<int:pk>/", rule_views.rule_review, name="rule_review"),
    path("themes/rules/<int:pk>/review/", rule_views.rule_decide, name="rule_decide"),
    path("themes/rules/<int:pk>/change/", rule_views.rule_edit, name="rule_edit"),
    path("themes/rules/<int:pk>/run/", rule_views.rule_run, name="rule_run"),
    path("themes/rules/<int:pk>/delete/", rule_views.rule_delete, name="rule_delete"),
    path("themes/<str:slug>/", views.theme_detail, name="theme_detail"),
    path("themes/<str:slug>/manage/", views.theme_edit, name="theme_edit"),
    path("annotations/mine/", views.my_annotations, name="my_annotations"),
    path("annotations/orphans/", orphan_views.orphan_queue, name="orphan_queue"),
    path("speeches/<int:pk>/history/", views.speech_history, name="speech_history"),
]
