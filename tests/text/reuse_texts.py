"""A passage two texts of the tests share: as written, and with a name, a number and
punctuation changed."""

SHARED = (
    "全面贯彻党的二十大精神，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，"
    "加快构建新发展格局，着力推动高质量发展，张三同志在2023年取得了显著成绩。"
)
EDITED = (
    "全面贯彻党的二十大精神；坚持稳中求进工作总基调、完整准确全面贯彻新发展理念，"
    "加快构建新发展格局，着力推动高质量发展，李四光同志在2024年取得了显著成绩！"
)
