"""The default codebook: ten themes editors can rename, recolour, extend or merge."""

from django.db import migrations

from annotations.services.colours import DEFAULT_PALETTE

# (slug, name, English name, colour, description, keywords). Colours keep
# body text readable (WCAG AA) on up to three stacked highlight tints and
# white text readable on the colour itself; tests check both.
DEFAULT_THEMES = [
    (
        "people-s-congress-supervision", "人大监督", "Supervision by people's congresses", DEFAULT_PALETTE[0],
        "人大及其常委会对“一府一委两院”的监督：听取审议专项工作报告、执法检查、专题询问、"
        "质询、备案审查、预算审查监督等。",
        ["人大监督", "监督", "执法检查", "专题询问", "质询", "备案审查", "一府一委两院"],
    ),
    (
        "rule-of-law", "依法行政与法治", "Rule of law", DEFAULT_PALETTE[1],
        "依法行政、法治政府建设、依法治国（省、市）、立法、执法与司法。",
        ["依法行政", "法治政府", "依法治国", "全面依法治国", "依法治市", "法治", "立法", "执法"],
    ),
    (
        "rural-revitalization", "乡村振兴", "Rural revitalization", DEFAULT_PALETTE[2],
        "乡村振兴战略：乡村产业、人才、文化、生态和组织振兴，农业农村现代化。",
        ["乡村振兴", "农业", "农村", "农民", "三农", "粮食"],
    ),
    (
        "poverty-alleviation", "脱贫攻坚与巩固", "Poverty alleviation and its consolidation", DEFAULT_PALETTE[3],
        "脱贫攻坚、精准扶贫，巩固拓展脱贫攻坚成果，防止规模性返贫。",
        ["脱贫攻坚", "精准扶贫", "精准脱贫", "扶贫", "脱贫", "返贫", "两不愁三保障"],
    ),
    (
        "ecological-civilization", "生态文明", "Ecological civilization", DEFAULT_PALETTE[4],
        "生态文明建设、环境保护、污染防治、绿色发展、碳达峰碳中和。",
        ["生态文明", "生态", "环境保护", "污染防治", "绿水青山", "碳达峰", "碳中和", "河长制"],
    ),
    (
        "party-leadership", "党的领导", "Party leadership", DEFAULT_PALETTE[5],
        "坚持党的领导、党中央决策部署、全面从严治党与政治建设。",
        ["党的领导", "党中央", "从严治党", "全面从严治党", "两个维护", "四个意识", "党组"],
    ),
    (
        "clean-government", "廉洁自律", "Clean government", DEFAULT_PALETTE[6],
        "党风廉政建设、廉洁自律、中央八项规定精神、反对“四风”。",
        ["廉洁自律", "党风廉政建设", "廉政", "廉洁", "八项规定", "四风", "形式主义", "官僚主义"],
    ),
    (
        "livelihoods", "民生保障", "Livelihoods", DEFAULT_PALETTE[7],
        "民生保障：就业、教育、医疗卫生、养老、社会保障与住房。",
        ["民生", "民生保障", "就业", "教育", "医疗", "养老", "社会保障", "住房"],
    ),
    (
        "economic-development", "经济发展", "Economic development", DEFAULT_PALETTE[8],
        "经济发展：投资、重大项目、营商环境、产业升级与高质量发展。",
        ["经济发展", "高质量发展", "营商环境", "招商引资", "投资", "项目", "产业", "民营经济"],
    ),
    (
        "deputies-proposals", "代表建议办理", "Handling deputies' proposals", DEFAULT_PALETTE[9],
        "人大代表建议、批评和意见的交办、办理与答复，代表履职服务。",
        ["代表建议", "建议办理", "人大代表", "议案", "代表", "履职"],
    ),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("annotations", "Theme")
    for position, (slug, name, name_en, colour, description, keywords) in enumerate(
        DEFAULT_THEMES, start=1
    ):
        Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "colour": colour,
                "description": description,
                "keywords": keywords,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    Theme = apps.get_model("annotations", "Theme")
    Theme.objects.filter(
        slug__in=[row[0] for row in DEFAULT_THEMES], annotations__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("annotations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
