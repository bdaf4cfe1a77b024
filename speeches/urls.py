from django.urls import path

from speeches.views import browse, compilations, editing, reader, retire, speakers

urlpatterns = [
    path("", browse.home, name="home"),
    path("speeches/", browse.speech_list, name="speech_list"),
    path("speeches/<int:pk>/", reader.speech_detail, name="speech_detail"),
    path("speeches/<int:pk>/speaker/", speakers.speech_speaker_edit, name="speech_speaker_edit"),
    path("speeches/<int:pk>/edit/", editing.speech_edit, name="speech_edit"),
    path("speeches/<int:pk>/structure/", editing.speech_structure, name="speech_structure"),
    path("history/<int:activity_id>/undo/", editing.undo, name="undo_change"),
    path("speakers/", speakers.speaker_list, name="speaker_list"),
    path("speakers/<str:slug>/", speakers.speaker_detail, name="speaker_detail"),
    path("speakers/<str:slug>/merge/", speakers.speaker_merge, name="speaker_merge"),
    path("dates/", browse.date_archive, name="date_archive"),
    path("meetings/", browse.meeting_list, name="meeting_list"),
    path("compilations/", compilations.compilation_list, name="compilation_list"),
    path("compilations/upload/", compilations.compilation_upload, name="compilation_upload"),
    path(
        "compilations/upload/<str:token>/",
        compilations.compilation_upload_preview,
        name="compilation_upload_preview",
    ),
    path("compilations/<int:pk>/", compilations.compilation_detail, name="compilation_detail"),
    path("compilations/<int:pk>/edit/", editing.compilation_edit, name="compilation_edit"),
    path(
        "compilations/<int:pk>/bulk/",
        editing.compilation_bulk_edit,
        name="compilation_bulk_edit",
    ),
    path(
        "compilations/<int:pk>/withdraw/", retire.compilation_withdraw, name="compilation_withdraw"
    ),
    path("compilations/<int:pk>/restore/", retire.compilation_restore, name="compilation_restore"),
    path("compilations/<int:pk>/delete/", retire.compilation_delete, name="compilation_delete"),
    path("compilations/<int:pk>/diff/", editing.compilation_diff, name="compilation_diff"),
    path(
        "compilations/<int:pk>/history/",
        editing.compilation_history,
        name="compilation_history",
    ),
    path("compilations/jobs/<int:pk>/", compilations.import_job_detail, name="import_job_detail"),
]
