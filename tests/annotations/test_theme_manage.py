"""The theme management page: one form, one Save, every change or none."""

import lxml.html
from django.urls import reverse

from accounts.models import Activity, Verb
from annotations import services
from annotations.models import Theme

from .test_pages import manage_form


def post(client, theme, **changes):
    return client.post(reverse("theme_edit", args=[theme.slug]), manage_form(theme, **changes))


def field_errors(response) -> dict[str, str]:
    doc = lxml.html.fromstring(response.content.decode())
    return {
        field.cssselect("label")[0].get("for"): field.cssselect(".errorlist")[0].text_content()
        for field in doc.cssselect(".theme-form .field--error")
    }


def theme_log(theme) -> list[str]:
    entries = Activity.objects.filter(verb=Verb.THEME, target_id=theme.pk).order_by("id")
    return [entry.data["action"] for entry in entries]


def test_the_page_has_one_form_with_one_save_and_separate_merge_and_deactivate(
    editor_client, supervision
):
    response = editor_client.get(reverse("theme_edit", args=[supervision.slug]))
    doc = lxml.html.fromstring(response.content.decode())
    form = doc.cssselect("form.theme-form")[0]
    names = {el.get("name") for el in form.cssselect("input, select, textarea")}
    assert {"name", "name_en", "colour", "parent", "position", "description",
            "keywords"} <= names
    assert [b.get("value") for b in form.cssselect("button[type=submit]")] == ["save"]
    others = doc.cssselect(".danger-zone form")
    assert len(others) == 2
    assert {b.get("value") for f in others for b in f.cssselect("[name=action]")} == {
        "merge", "deactivate"}


def test_name_and_description_changed_together_are_both_saved(editor_client, supervision):
    response = post(editor_client, supervision, name="人大监督工作", description="改过的说明",
                    keywords="监督，质询")
    assert response.status_code == 302
    supervision.refresh_from_db()
    assert (supervision.name, supervision.description, supervision.keywords) == (
        "人大监督工作", "改过的说明", ["监督", "质询"])
    assert theme_log(supervision) == ["rename", "describe"]  # only what changed is logged
    page = editor_client.get(response["Location"])
    assert "主题已保存" in page.content.decode()


def test_a_refused_change_saves_nothing_and_shows_its_error_on_its_field(
    editor_client, supervision
):
    response = post(editor_client, supervision, name="人大监督工作", colour="#ffff66",
                    description="改过的说明")
    assert response.status_code == 200
    errors = field_errors(response)
    assert list(errors) == ["id_colour"] and "太浅或太深" in errors["id_colour"]
    supervision.refresh_from_db()
    assert (supervision.name, supervision.colour) == ("人大监督", "#b8412c")
    assert supervision.description != "改过的说明"
    assert theme_log(supervision) == []
    doc = lxml.html.fromstring(response.content.decode())
    # The editor's input stays in the form; the page still names the theme as it is.
    assert doc.cssselect("#id_name")[0].get("value") == "人大监督工作"
    assert doc.cssselect("#id_description")[0].text_content().strip() == "改过的说明"
    assert "人大监督工作" not in doc.cssselect("h1")[0].text_content()


def test_a_name_a_sibling_has_is_refused_on_the_name_field(editor_client, supervision,
                                                            rule_of_law):
    response = post(editor_client, supervision, name=rule_of_law.name, name_en="Same")
    errors = field_errors(response)
    assert list(errors) == ["id_name"] and rule_of_law.name in errors["id_name"]
    supervision.refresh_from_db()
    assert supervision.name_en == "Supervision by people's congresses"


def test_a_theme_cannot_move_under_its_own_child(editor_client, editor, supervision):
    child = services.create_theme(actor=editor, name="执法检查", colour="#2f5f9e",
                                  parent=supervision)
    response = post(editor_client, supervision, parent=child.pk)
    assert list(field_errors(response)) == ["id_parent"]


def test_saving_without_changes_writes_nothing(editor_client, supervision):
    response = post(editor_client, supervision)
    assert response.status_code == 302
    assert theme_log(supervision) == []
    assert "没有任何更改" in editor_client.get(response["Location"]).content.decode()


def test_colour_and_place_change_in_one_save(editor_client, editor, supervision, rule_of_law):
    child = services.create_theme(actor=editor, name="执法检查", colour="#2f5f9e",
                                  parent=supervision)
    post(editor_client, child, colour="#1a7a63", parent="", position="2")
    child.refresh_from_db()
    assert (child.colour, child.parent) == ("#1a7a63", None)
    top = list(Theme.objects.filter(parent=None).in_tree_order().values_list("pk", flat=True))
    assert top.index(child.pk) == 1
    assert theme_log(child) == ["create", "recolour", "move"]
