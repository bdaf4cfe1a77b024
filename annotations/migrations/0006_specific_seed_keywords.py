"""The default codebook's generic keywords give way to specific ones.

代表 (for 代表建议办理) fired on 我代表第十八届中央委员会 and on every
全国代表大会; 教育, 项目, 产业, 生态, 监督 and the like did the same for their
themes. Only a theme whose keywords are still the seeded ones changes: an
editor's own list stays as it is.
"""

from django.db import migrations

# slug -> (the keywords seeded by 0002, the keywords from now on)
KEYWORDS = {
    "people-s-congress-supervision": (
        ["人大监督", "监督", "执法检查", "专题询问", "质询", "备案审查", "一府一委两院"],
        ["人大监督", "执法检查", "专题询问", "质询", "备案审查", "一府一委两院", "执法监督",
         "专项工作报告", "预算审查监督"],
    ),
    "rule-of-law": (
        ["依法行政", "法治政府", "依法治国", "全面依法治国", "依法治市", "法治", "立法", "执法"],
        ["依法行政", "法治政府", "依法治国", "全面依法治国", "依法治市", "法治建设", "法治思维",
         "法治方式", "科学立法", "严格执法", "公正司法", "全民守法"],
    ),
    "poverty-alleviation": (
        ["脱贫攻坚", "精准扶贫", "精准脱贫", "扶贫", "脱贫", "返贫", "两不愁三保障"],
        ["脱贫攻坚", "精准扶贫", "精准脱贫", "扶贫", "脱贫", "返贫", "规模性返贫", "脱贫致富",
         "两不愁三保障"],
    ),
    "ecological-civilization": (
        ["生态文明", "生态", "环境保护", "污染防治", "绿水青山", "碳达峰", "碳中和", "河长制"],
        ["生态文明", "生态环境", "生态保护", "环境保护", "污染防治", "绿水青山", "碳达峰",
         "碳中和", "河长制"],
    ),
    "party-leadership": (
        ["党的领导", "党中央", "从严治党", "全面从严治党", "两个维护", "四个意识", "党组"],
        ["党的领导", "党中央", "从严治党", "全面从严治党", "两个维护", "四个意识"],
    ),
    "clean-government": (
        ["廉洁自律", "党风廉政建设", "廉政", "廉洁", "八项规定", "四风", "形式主义", "官僚主义"],
        ["廉洁自律", "党风廉政建设", "廉政建设", "清正廉洁", "廉洁奉公", "八项规定",
         "中央八项规定", "四风", "形式主义", "官僚主义"],
    ),
    "livelihoods": (
        ["民生", "民生保障", "就业", "教育", "医疗", "养老", "社会保障", "住房"],
        ["民生", "民生保障", "就业", "义务教育", "教育公平", "教育事业", "医疗", "养老",
         "社会保障", "住房"],
    ),
    "economic-development": (
        ["经济发展", "高质量发展", "营商环境", "招商引资", "投资", "项目", "产业", "民营经济"],
        ["经济发展", "高质量发展", "营商环境", "招商引资", "有效投资", "扩大投资", "重大项目",
         "重点项目", "产业发展", "产业升级", "现代化产业体系", "民营经济"],
    ),
    "deputies-proposals": (
        ["代表建议", "建议办理", "人大代表", "议案", "代表", "履职"],
        ["代表建议", "建议办理", "人大代表建议", "议案", "代表履职", "批评和意见"],
    ),
}


def _replace(apps, schema_editor, *, forwards: bool):
    # The function the services use: the stored tokens must be exactly theirs.
    from annotations.services.suggest import segment_keywords

    Theme = apps.get_model("annotations", "Theme")
    themes = Theme.objects.using(schema_editor.connection.alias).filter(slug__in=KEYWORDS)
    for theme in themes:
        seeded, specific = KEYWORDS[theme.slug]
        was, becomes = (seeded, specific) if forwards else (specific, seeded)
        if set(theme.keywords) != set(was):
            continue  # an editor changed them
        theme.keywords = list(becomes)
        theme.keyword_tokens = segment_keywords(theme.keywords)
        theme.save(update_fields=["keywords", "keyword_tokens"])


def specific_keywords(apps, schema_editor):
    _replace(apps, schema_editor, forwards=True)


def seeded_keywords(apps, schema_editor):
    _replace(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0005_keyword_tokens_fold_traditional_characters")]

    operations = [migrations.RunPython(specific_keywords, seeded_keywords)]
