from django.urls import path

from annotations.views import agreement as agreement_views
from annotations.views import orphans as orphan_views
from annotations.views import themes as views

urlpatterns = [
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/new/", views.theme_create, name="theme_create"),
    path("themes/agreement/", agreement_views.agreement, name="agreement"),
    path("themes/<str:slug>/", views.theme_detail, name="theme_detail"),
    path("themes/<str:slug>/manage/", views.theme_edit, name="theme_edit"),
    path("annotations/mine/", views.my_annotations, name="my_annotations"),
    path("annotations/orphans/", orphan_views.orphan_queue, name="orphan_queue"),
    path("speeches/<int:pk>/history/", views.speech_history, name="speech_history"),
]
