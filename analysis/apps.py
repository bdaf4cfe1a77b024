from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analysis")

    def ready(self):
        from analysis.signals import passage_deleted
        from annotations.models import Annotation

        post_delete.connect(passage_deleted, sender=Annotation, dispatch_uid="analysis-passage")
