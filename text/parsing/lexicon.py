"""Word lists and character classes the grammars share.

These are general facts about Chinese official texts and the web pages
they are copied from, not facts about any one sample file.
"""

from __future__ import annotations

import re

# A paragraph (or a page-broken line) is complete when it ends with one of
# these; the list of docs/parsing.md with the half-width forms added.
SENTENCE_FINAL = "。！？；：…”』」）．!?;:)\"'’"

# What ends a sentence inside a paragraph (used to split a run-in heading
# from the body that follows it).
SENTENCE_END = "。！？；!?;"

# Characters that are not text at all: white space of every width.
WHITESPACE_RE = re.compile(r"[\s\u3000]+")

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Common single-character surnames, simplified and traditional, and the
# usual compound surnames. A person's name is a surname plus one or two
# characters; checking the surname keeps words like 市委 or 全市 from being
# read as names.
SURNAMES_SINGLE = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁"
    "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习胥封仝蔺鄂栗郁荆谈楚闻乐钮边洪储国厉井昌伏"
    "劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇盧蔣賈閻鍾範譚鄒陸顧龍萬錢湯喬賀賴龔習彭衛傅張羅魯蘭"
)
SURNAMES_DOUBLE = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫", "独孤", "呼延", "轩辕",
        "歐陽", "諸葛", "長孫",
    }
)

# Titles of office, longest first so 副市长 wins over 市长. A role as
# printed may carry an organisation in front (北京市市长); that prefix is
# kept as part of the role.
ROLE_WORDS = tuple(
    sorted(
        {
            "总书记", "书记", "副书记", "主席", "副主席", "委员长", "副委员长", "总理", "副总理",
            "国务委员", "部长", "副部长", "省长", "副省长", "常务副省长", "市长", "副市长",
            "常务副市长", "代市长", "代省长", "县长", "副县长", "区长", "副区长", "州长", "镇长",
            "乡长", "主任", "副主任", "局长", "副局长", "厅长", "副厅长", "处长", "科长", "院长",
            "副院长", "校长", "副校长", "秘书长", "副秘书长", "常委", "司令员", "政委", "董事长",
            "总经理", "行长", "社长", "会长", "理事长", "署长", "检察长", "庭长", "所长",
            "组长", "队长", "总裁", "首相", "总统", "大使", "议长", "市委书记", "省委书记",
            "县委书记", "区委书记", "党组书记", "支书", "村支书", "总理事", "负责人", "发言人",
            "總書記", "書記", "總理", "部長", "省長", "市長", "縣長", "區長", "局長",
            "廳長", "院長", "校長", "秘書長", "會長", "委員長",
        },
        key=len,
        reverse=True,
    )
)
ROLE_SUFFIX_RE = re.compile("(?:" + "|".join(map(re.escape, ROLE_WORDS)) + ")$")
ROLE_EXACT_RE = re.compile("^(?:" + "|".join(map(re.escape, ROLE_WORDS)) + ")$")

# Words naming the kind of speech in a title: 在…上的讲话 / 报告 / 致辞…
SPEECH_NOUNS = (
    "讲话", "講話", "报告", "報告", "致辞", "致辭", "致词", "致詞", "发言", "發言", "演讲", "演講",
    "讲演", "講演", "谈话", "談話", "总结", "總結", "主持词", "主持詞", "开幕词", "開幕詞",
    "闭幕词", "閉幕詞", "贺词", "賀詞", "答问", "答問", "说明", "說明", "讲稿", "講稿", "辅导",
    "輔導", "动员", "動員", "部署", "序言", "讲话要点", "講話要點",
)
SPEECH_NOUN_RE = "(?:" + "|".join(map(re.escape, sorted(SPEECH_NOUNS, key=len, reverse=True))) + ")"

# How a salutation ends: the people addressed.
ADDRESSEE_RE = re.compile(
    r"(?:[们們]|代表|委员|委員|来宾|來賓|嘉宾|嘉賓|领导|領導|同志|朋友|同仁|同事|老师|老師|同学|同學|"
    r"家长|家長|大家|各位|诸位|諸位|先生|女士|乡亲|鄉親|父老|战友|戰友|青年|校友|员工|員工|"
    r"专家|專家|学者|學者|企业家|企業家|陛下|殿下|阁下|閣下|"
    r"干部|幹部|党员|黨員|群众|群眾|职工|職工|同胞|市民|网友|網友|师生|師生|工作者|志愿者|志願者|"
    r"官兵|指战员|指戰員|村民|居民|元首|首脑|首腦|团长|團長|夫人|贵宾|貴賓|使节|使節)$"
)

# Web-page furniture: buttons, font-size switches, share widgets, players.
CHROME_WORDS = frozenset(
    {
        "下载", "打印", "全屏", "收藏", "分享", "分享到", "纠错", "关闭", "关闭窗口", "打印本页",
        "返回顶部", "返回", "顶部", "字号", "大", "中", "小", "默认", "放大", "缩小", "加大",
        "还原", "减小", "评论", "点赞", "转发", "复制链接", "二维码", "手机版", "首页", "上一篇",
        "下一篇", "微信", "微博", "微信扫一扫", "扫一扫", "收听本文", "朗读", "播放", "暂停",
        "字体", "背景色", "【打印】", "【关闭】", "【字体：大 中 小】", "打印文章", "关闭本页",
        "我要纠错", "分享至", "扫码", "手机扫码", "阅读全文", "展开全文", "收起", "更多",
        "×", "x", "X", "|", "｜", "【", "】", "[", "]",
        # A portal's navigation printed one item a line above the title.
        "网站首页", "網站首頁", "返回首页", "政务公开", "政務公開", "信息公开", "信息公開",
        "政府信息公开", "政府信息公開", "新闻中心", "新聞中心", "新闻动态", "要闻动态", "政务动态",
        "工作动态", "互动交流", "政民互动", "办事服务", "政务服务", "公众参与", "数据开放",
        "专题专栏", "无障碍", "长者模式", "无障碍浏览", "登录", "注册", "搜索", "站内搜索",
        # The end mark of a news agency's copy.
        "（完）", "(完)", "【完】", "（全文完）", "(全文完)", "全文完",
    }
)
CHROME_RE = re.compile(
    r"^(?:"
    r"[【\[].{0,8}[：:]?[】\]]?"  # 【字号：  【打印】
    r"|\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}"  # media player 00:00/00:00
    r"|[^\s，。、]{2,12}(?:网|網|网站|網站|客户端|APP|App)"  # site names: 人民网, 共产党员网
    r"|(?:浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問)(?:次数|量|数)?[：:]?\s*\d*"
    r"|[\W_]{1,3}"  # lone symbols
    # Breadcrumbs: 当前位置：首页 > 领导讲话, 人民网 >> 地方 >> 正文
    r"|(?:当前位置|當前位置|您的位置|您现在的位置|所在位置)\s*[：:].*"
    r"|[^>＞»›\s][^>＞»›]{0,15}(?:\s*(?:>>?|＞＞?|»|›)\s*[^>＞»›\s][^>＞»›]{0,15}){1,6}"
    # Font-size switches: 字号：大 中 小, 字体：[ 大 中 小 ]
    r"|(?:字号|字號|字体|字體|文字)\s*[：:]?\s*[\[【(（]?\s*(?:[大中小]\s*){2,3}[\]】)）]?"
    # Share-by-phone prompts: 扫一扫在手机打开当前页
    r"|(?:微信|手机|手機)?(?:扫一扫|掃一掃|扫码|掃碼|扫描二维码|掃描二維碼).{0,16}"
    r")$"
)

# Header lines that are labels, not names, though some start with a surname.
HEADER_WORDS = frozenset(
    {
        "全文", "摘要", "正文", "附件", "简介", "導語", "导语", "提要", "按语", "编者按", "原文",
        "节选", "節選",
    }
)

# Lines that name where a page came from or who edited it, the dateline
# of a news agency (新华社北京10月17日电) and the issue of a journal
# (《求是》2023年第5期).
SOURCE_RE = re.compile(
    r"^[（(【\[]?\s*(?:文章来源|信息来源|来源|來源|出处|出處|稿源|供稿|作者|编辑|編輯|责任编辑|責任編輯|"
    r"责编|審核|审核|校对|摄影|攝影|记者|記者|通讯员|通訊員)\s*[：:]"
    r"|^(?:新华社|新華社|中新社|中新网|人民网|人民網|本报|本報|央视网|央視網|新华网|新華網)"
    r"\s*\S{0,12}?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日\s*(?:电|電)\s*(?:[（(][^（()）]{0,20}[)）])?$"
    r"|^《[^》]{1,20}》\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年?\s*(?:第\s*\d{1,3}\s*期|\d{1,2}\s*期)$"
)

# A photo caption: "… 本报记者 戴冰摄", "（新华社记者 李涛 摄）", "图片来源：…"
CAPTION_RE = re.compile(
    r"(?:(?:记者|記者|摄影|攝影|通讯员)\s*\S{1,8}\s*摄|\S{2,4}\s*摄[）)]?|供图|供圖|图片来源|圖片來源|"
    r"资料图|資料圖|图为|圖為)"
)

# Where a licence notice or the page furniture after a text begins.
TRAILER_START_RE = re.compile(
    r"^[（(【\[]?\s*(?:"
    r"本作品|本文(?:来源|來源|转载|轉載|系|为|經|经|版权)|本条目|本條目|版权所有|版權所有|版权声明|版權聲明|"
    r"©|Copyright|Public domain|注：中文维基文库|免责声明|免責聲明|"
    r"责任编辑|責任編輯|责编|编辑[：:]|編輯[：:]|来源[：:]|來源[：:]|"
    r"发布时间|發布時間|发布日期|發布日期|"
    r"相关(?:报道|阅读|链接|新闻|文章|稿件)|相關(?:報道|閱讀|鏈接|新聞)|延伸阅读|推荐阅读|热点推荐|"
    r"分享到|扫一扫|掃一掃|【打印】|【关闭】|打印本页|关闭窗口|返回顶部"
    r")",
    re.IGNORECASE,
)

# A trailer that is a licence or copyright notice (the rest is furniture).
LICENCE_START_RE = re.compile(
    r"^[（(【\[]?\s*(?:本作品|本条目|本條目|版权|版權|©|Copyright|Public domain|注：中文维基文库|"
    r"免责声明|免責聲明|本文(?:来源|來源|转载|轉載|系|为|經|经|版权))",
    re.IGNORECASE,
)
