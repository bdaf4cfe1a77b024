"""API error messages come in the request's language; their codes never change."""

import re

import pytest
from django.utils import translation

from speeches.models import Speaker
from speeches.services.speakers import SpeakerChangeError, merge_speakers

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


def error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    return body["message"]


def test_errors_are_in_chinese_by_default_and_in_english_when_asked(client, settings):
    settings.ANONYMOUS_READ = False
    chinese = error(client.get("/api/themes"), 401, "unauthorized")
    english = error(client.get("/api/themes", HTTP_ACCEPT_LANGUAGE="en"), 401, "unauthorized")
    assert HAN.search(chinese)
    assert english == "Log in or send an API token."


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_kind_of_refusal_speaks_the_language(client, no_role_user, viewer, language):
    def speaks(message: str) -> bool:
        return bool(HAN.search(message)) == (language == "zh-hans")

    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    client.force_login(no_role_user)
    assert speaks(error(client.get("/api/themes", **headers), 403, "forbidden"))
    client.force_login(viewer)
    assert speaks(error(client.get("/api/no-such-thing", **headers), 404, "not-found"))
    refused = error(client.delete("/api/exports/codebook/qdc", **headers), 405,
                    "method-not-allowed")
    assert speaks(refused) and "DELETE" in refused
    assert speaks(error(client.get("/api/speeches/abc", **headers), 422, "invalid"))
    assert speaks(error(client.get("/api/speeches?year=abc", **headers), 422, "invalid"))
    assert speaks(error(client.get("/api/speeches/999999", **headers), 404, "not-found"))
    unknown = client.get("/api/annotations?theme=no-such-theme", **headers)
    assert speaks(error(unknown, 422, "invalid"))
    assert speaks(unknown.json()["details"][0]["msg"])
    client.logout()
    wrong = client.get("/api/themes", HTTP_AUTHORIZATION="Bearer jh_wrong", **headers)
    assert speaks(error(wrong, 401, "unauthorized"))


def test_speaker_merge_refusals_are_translated(editor):
    wang = Speaker.objects.create(name="王萍", slug="王萍")
    with translation.override("zh-hans"), pytest.raises(SpeakerChangeError) as refused:
        merge_speakers(source=wang, target=wang, actor=editor)
    assert HAN.search(str(refused.value))
