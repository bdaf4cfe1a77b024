"""Annotation.from_rule: a passage made from a rule's hit stays marked so
when the rule is deleted (which clears ``rule``).

Existing rows: a passage with a rule is marked, and so is one whose rule was
deleted before this flag existed, found by the activity log's entry for its
tagging, which names the rule (annotations.services.tagging).
"""

from django.db import migrations, models
from django.db.models import Q


def mark_passages_from_rules(apps, schema_editor):
    Annotation = apps.get_model("annotations", "Annotation")
    Activity = apps.get_model("accounts", "Activity")
    logged = Activity.objects.filter(
        verb="tag", target_type="annotations.annotation", data__has_key="rule"
    ).values("target_id")
    Annotation.objects.filter(Q(rule__isnull=False) | Q(pk__in=logged)).update(from_rule=True)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_api_tokens"),
        ("annotations", "0010_text_length_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="from_rule",
            field=models.BooleanField(default=False, verbose_name="made from a rule's hit"),
        ),
        migrations.RunPython(mark_passages_from_rules, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="annotation",
            constraint=models.CheckConstraint(
                condition=Q(rule__isnull=True) | Q(from_rule=True),
                name="annotation_rule_sets_from_rule",
            ),
        ),
    ]
