"""Canonical roles (office and place apart) and meeting keys."""

import pytest

from text.parsing.canonical import CanonicalRole, canonical_role, meeting_key


@pytest.mark.parametrize(
    ("printed", "office", "place"),
    [
        ("山东省省长", "省长", "山东省"),
        ("省人民政府省长", "省长", None),
        ("四川省人民政府省长", "省长", "四川省"),
        ("省长", "省长", None),
        ("国务院总理", "国务院总理", None),
        ("总理", "国务院总理", None),
        ("國務院總理", "国务院总理", None),
        ("国务院副总理", "国务院副总理", None),
        ("自治区人民政府主席", "自治区主席", None),
        ("宁夏回族自治区人民政府主席", "自治区主席", "宁夏回族自治区"),
        ("中华人民共和国主席", "国家主席", None),
        ("中共中央总书记", "总书记", None),
        ("北京市市长", "市长", "北京市"),
        ("北京市委书记", "市委书记", "北京市"),
        ("省委书记", "省委书记", None),
        ("常务副市长", "常务副市长", None),
        ("区长", "区长", None),
        ("延边朝鲜族自治州州长", "州长", "延边朝鲜族自治州"),
    ],
)
def test_roles_map_to_one_office_with_the_place_apart(printed, office, place):
    assert canonical_role(printed) == CanonicalRole(office, place)


@pytest.mark.parametrize("printed", ["", None, "中华人民共和国", "某某同志"])
def test_no_office_no_canonical_role(printed):
    assert canonical_role(printed) is None


def test_spaced_roles_read_the_same():
    assert canonical_role("山东省 省长") == canonical_role("山东省省长")


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (
            [
                "中共十九届中央纪委三次全会",
                "十九届中央纪委三次全会",
                "中国共产党第十九届中央纪律检查委员会第三次全体会议",
                "中國共產黨第十九屆中央紀律檢查委員會第三次全體會議",
            ],
            "十九届中央纪委三次全会",
        ),
        (
            ["中国共产党第十九次全国代表大会", "党的十九大", "中共十九大"],
            "十九大",
        ),
        (
            ["第十三届全国人民代表大会第一次会议", "十三届全国人大一次会议"],
            "十三届全国人大一次会议",
        ),
        (
            ["中国共产党第十九届中央委员会第三次全体会议", "十九届三中全会", "中共十九届三中全会"],
            "十九届三中全会",
        ),
        (
            ["陕西省第十四届人民代表大会第四次会议", "陕西省十四届人大四次会议"],
            "陕西省十四届人大四次会议",
        ),
    ],
)
def test_variant_names_of_one_meeting_share_a_key(variants, key):
    assert {meeting_key(name) for name in variants} == {key}


def test_different_meetings_keep_different_keys():
    assert meeting_key("十九届中央纪委三次全会") != meeting_key("十九届中央纪委四次全会")
    assert meeting_key("陕西省十四届人大四次会议") != meeting_key("四川省十四届人大四次会议")
    assert meeting_key("") is None and meeting_key(None) is None
