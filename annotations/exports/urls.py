from django.urls import path

from annotations.exports import views as export_views

urlpatterns = [
    path("exports/", export_views.export_index, name="export_index"),
    path(
        "exports/annotations.<str:fmt>",
        export_views.export_annotations,
        name="export_annotations",
    ),
    path("exports/codebook.qdc", export_views.export_codebook, name="export_codebook"),
    path(
        "exports/codebook/import/",
        export_views.import_codebook_view,
        name="import_codebook_view",
    ),
]
