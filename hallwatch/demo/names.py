"""Static vocabulary of the demo hall: units, service items, names, texts.

Kept apart from the generator so that the generator reads as an algorithm. Nothing here is
random: the generator draws from these lists with its own seeded random source.
"""

from __future__ import annotations

from dataclasses import dataclass

HALL_CODE = "DEMO"
HALL_NAME = "云州市政务服务中心（演示）"
HALL_ADDRESS = "云州市新城区世纪大道88号市民中心B座"
CITY = "云州市"
# A ZKTeco-style serial number for the hall's one punch device at the staff entrance.
PUNCH_DEVICE_SN = "CKJD201960047"


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """A service item: name, 法定时限 and 承诺时限 in working days, share of the unit's tickets."""

    name: str
    legal_days: int
    promised_days: int
    weight: float


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """A 进驻单位: codes, names, the zone its windows stand in, its share of the tickets."""

    code: str
    name: str
    short_name: str
    zone: str
    # Tickets per window per working day, relative to the hall's average.
    demand: float
    items: tuple[ItemSpec, ...]


def _immediate(name: str, weight: float) -> ItemSpec:
    # 即办件: done at the window on the spot; the law still allows one working day.
    return ItemSpec(name, legal_days=1, promised_days=0, weight=weight)


UNITS: dict[str, UnitSpec] = {
    spec.code: spec
    for spec in (
        UnitSpec(
            "SCJG",
            f"{CITY}市场监督管理局",
            "市场监管局",
            "A",
            1.05,
            (
                ItemSpec("企业设立登记", 15, 1, 3.0),
                ItemSpec("企业变更登记", 15, 2, 2.0),
                _immediate("个体工商户设立登记", 2.5),
                ItemSpec("食品经营许可证核发", 20, 7, 1.5),
                ItemSpec("药品零售企业许可", 30, 10, 0.5),
                _immediate("营业执照遗失补领", 1.0),
            ),
        ),
        UnitSpec(
            "FDCDJ",
            f"{CITY}不动产登记中心",
            "不动产登记",
            "B",
            1.15,
            (
                ItemSpec("不动产转移登记", 30, 3, 3.0),
                ItemSpec("不动产抵押登记", 30, 2, 2.5),
                ItemSpec("不动产首次登记", 30, 5, 1.0),
                ItemSpec("不动产变更登记", 30, 3, 1.0),
                _immediate("不动产登记资料查询", 2.0),
            ),
        ),
        UnitSpec(
            "RSJ",
            f"{CITY}人力资源和社会保障局",
            "人社局",
            "C",
            1.0,
            (
                _immediate("社会保障卡申领", 3.0),
                ItemSpec("失业保险金申领", 20, 5, 1.5),
                ItemSpec("职工退休审批", 20, 10, 1.0),
                _immediate("就业创业证申领", 1.5),
                ItemSpec("工伤认定申请", 60, 20, 0.3),
            ),
        ),
        UnitSpec(
            "SWJ",
            f"国家税务总局{CITY}税务局",
            "税务局",
            "E",
            1.0,
            (
                _immediate("发票领用", 3.0),
                _immediate("增值税纳税申报", 2.0),
                _immediate("税务信息报告", 1.5),
                ItemSpec("个人所得税退税审核", 20, 5, 1.0),
                ItemSpec("税收优惠备案", 20, 3, 0.5),
            ),
        ),
        UnitSpec(
            "CRJ",
            f"{CITY}公安局出入境管理支队",
            "公安局出入境",
            "D",
            1.05,
            (
                ItemSpec("普通护照签发", 15, 7, 3.0),
                ItemSpec("往来港澳通行证签发", 15, 7, 3.0),
                ItemSpec("往来台湾通行证签发", 15, 7, 1.0),
                _immediate("出入境记录查询", 0.8),
            ),
        ),
        UnitSpec(
            "YBJ",
            f"{CITY}医疗保障局",
            "医保局",
            "C",
            0.9,
            (
                _immediate("异地就医备案", 3.0),
                ItemSpec("门诊慢特病待遇认定", 20, 10, 1.0),
                ItemSpec("医保关系转移接续", 15, 5, 1.0),
                ItemSpec("生育津贴申领", 20, 5, 1.0),
            ),
        ),
        UnitSpec(
            "GJJ",
            f"{CITY}住房公积金管理中心",
            "公积金中心",
            "C",
            0.9,
            (
                _immediate("住房公积金提取", 3.0),
                ItemSpec("住房公积金贷款申请", 20, 10, 1.0),
                _immediate("住房公积金缴存登记", 1.0),
                _immediate("缴存证明打印", 1.0),
            ),
        ),
        UnitSpec(
            "CGS",
            f"{CITY}公安局交通警察支队车辆管理所",
            "车管所",
            "D",
            1.0,
            (
                _immediate("机动车驾驶证换证", 3.0),
                _immediate("机动车注册登记", 2.0),
                _immediate("机动车转移登记", 1.5),
                ItemSpec("驾驶证补证", 5, 1, 0.5),
            ),
        ),
        UnitSpec(
            "MZJ",
            f"{CITY}民政局婚姻登记处",
            "婚姻登记",
            "F",
            0.6,
            (
                _immediate("结婚登记", 3.0),
                _immediate("离婚登记", 0.8),
                _immediate("补领婚姻登记证", 1.0),
            ),
        ),
        UnitSpec(
            "ZJJ",
            f"{CITY}住房和城乡建设局",
            "住建局",
            "A",
            0.7,
            (
                ItemSpec("商品房预售许可", 20, 7, 1.0),
                ItemSpec("建筑工程施工许可证核发", 15, 5, 1.5),
                ItemSpec("建筑业企业资质核准", 20, 10, 0.8),
                _immediate("商品房买卖合同备案", 2.0),
            ),
        ),
        UnitSpec(
            "ZRZY",
            f"{CITY}自然资源和规划局",
            "自然资源局",
            "B",
            0.6,
            (
                ItemSpec("建设用地规划许可证核发", 20, 10, 1.0),
                ItemSpec("建设工程规划许可证核发", 20, 10, 1.0),
                ItemSpec("规划条件核实", 20, 7, 0.6),
            ),
        ),
        UnitSpec(
            "WJW",
            f"{CITY}卫生健康委员会",
            "卫健委",
            "F",
            0.6,
            (
                ItemSpec("医疗机构执业登记", 45, 15, 0.5),
                ItemSpec("医师执业注册", 20, 5, 1.5),
                ItemSpec("护士执业注册", 20, 5, 1.5),
                _immediate("出生医学证明补发", 1.0),
            ),
        ),
        UnitSpec(
            "JTJ",
            f"{CITY}交通运输局",
            "交通运输局",
            "A",
            0.6,
            (
                ItemSpec("道路运输经营许可", 20, 5, 1.0),
                ItemSpec("出租汽车驾驶员从业资格证核发", 20, 5, 1.0),
                _immediate("道路运输证换发", 1.5),
            ),
        ),
        UnitSpec(
            "STHJ",
            f"{CITY}生态环境局",
            "生态环境局",
            "B",
            0.4,
            (
                ItemSpec("建设项目环境影响报告表审批", 30, 15, 1.0),
                ItemSpec("排污许可证核发", 20, 10, 1.0),
            ),
        ),
        UnitSpec(
            "FGW",
            f"{CITY}发展和改革委员会",
            "发改委",
            "A",
            0.4,
            (
                ItemSpec("企业投资项目备案", 3, 1, 2.0),
                ItemSpec("企业投资项目核准", 20, 10, 0.5),
            ),
        ),
        UnitSpec(
            "SDQ",
            "国网云州供电公司（水电气联办）",
            "水电气联办",
            "F",
            0.7,
            (
                ItemSpec("低压用电报装", 5, 3, 2.0),
                ItemSpec("供水报装", 10, 5, 1.0),
                ItemSpec("燃气报装", 10, 5, 1.0),
                _immediate("水电气过户", 2.0),
            ),
        ),
    )
}

# Windows per unit, in the order the windows are numbered.
TINY_UNITS: tuple[tuple[str, int], ...] = (("SCJG", 2), ("FDCDJ", 2), ("RSJ", 2), ("SWJ", 2))
S_UNITS: tuple[tuple[str, int], ...] = (
    ("SCJG", 8),
    ("ZJJ", 3),
    ("JTJ", 2),
    ("FGW", 1),
    ("FDCDJ", 8),
    ("ZRZY", 2),
    ("STHJ", 1),
    ("RSJ", 6),
    ("YBJ", 4),
    ("GJJ", 4),
    ("CRJ", 5),
    ("CGS", 4),
    ("SWJ", 7),
    ("MZJ", 2),
    ("WJW", 2),
    ("SDQ", 1),
)

ZONE_NAMES = {
    "A": "A区 商事登记与投资建设",
    "B": "B区 不动产与规划",
    "C": "C区 社保医保公积金",
    "D": "D区 公安服务",
    "E": "E区 税务服务",
    "F": "F区 社会事务与水电气",
}

# Common surnames, most frequent first; the weights follow their rough population shares.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
GIVEN_FEMALE = "丽静敏燕艳娟霞芳娜婷雪慧玲琳颖倩洁佳欣怡晶莉萍红梅兰妍瑶璐蕾菲"
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帅峰亮龙林阳晨博"
GIVEN_ANY = "文晓海建志小永春国立新子思雨嘉一家云天金秀宏瑞梓诗"

POSITION_CHIEF = "首席代表"
POSITION_FRONT = "窗口受理员"
POSITION_BACK = "后台审核员"

INSPECTORS = ("周建国", "林晓梅", "陈志刚", "黄丽华", "吴海涛", "郑秀英")
TEAMS = ("市效能办督查一组", "市效能办督查二组", "中心督查科")
VIDEO_TEAM = "中心视频巡查岗"
LEAVE_APPROVER_OFFICE = "中心综合管理科"

LEAVE_REASONS = {
    "official": ("参加全市政务服务业务培训", "参加单位集中学习", "赴省厅参加业务会议"),
    "personal": ("家中有事需处理", "孩子学校家长会", "办理个人事务"),
    "sick": ("感冒发烧，附医院诊断证明", "肠胃不适就医，附病历", "腰伤复查"),
    "outing": ("到局机关报送材料", "赴企业现场勘验", "到银行办理业务对接"),
    "vacation": ("年休假", "探亲假", "婚假"),
}

# Checklist categories (DOMAIN.md "Spot checks"): code, severity, description template.
FINDING_CATEGORIES: tuple[tuple[str, int, str], ...] = (
    ("presence.empty", 2, "{window}窗口空岗，未安排AB角顶岗，也未放置暂停服务牌"),
    ("presence.left_post", 2, "{window}窗口工作人员{staff}离岗约{minutes}分钟，群众排队等候"),
    ("presence.chatting", 1, "{window}窗口工作人员{staff}到其他窗口串岗聊天"),
    ("appearance.no_badge", 1, "{window}窗口工作人员{staff}未佩戴工作牌"),
    ("appearance.no_uniform", 1, "{window}窗口工作人员{staff}未按规定着装"),
    ("behaviour.phone", 2, "{window}窗口工作人员{staff}工作时间玩手机"),
    ("behaviour.snacks", 1, "{window}窗口工作人员{staff}在窗口吃零食"),
    ("service.forbidden_phrase", 3, "{window}窗口工作人员{staff}对办事群众使用服务忌语“自己看”"),
    ("service.no_one_time_notice", 2, "{window}窗口未一次性告知所需材料，群众反映往返多次"),
    ("order.desk_untidy", 1, "{window}窗口台面杂乱，私人物品随意摆放"),
    ("order.forms_missing", 1, "{window}窗口办事指南和申请表缺货"),
)

COMPLAINT_CHANNELS = (
    "12345政务服务便民热线",
    "现场投诉",
    "中心投诉箱",
    "政务服务网留言",
    "市长信箱",
)
COMPLAINT_TEXTS = (
    "办理{item}时，{window}窗口工作人员态度生硬，让我“自己看”。",
    "上午等候两个多小时仍未叫号，{window}窗口却有人在玩手机。",
    "{item}所需材料没有一次性告知，前后跑了三趟。",
    "{item}超过承诺时限仍未办结，电话询问无人答复。",
    "{window}窗口中午11点半就不再受理，说“下班了明天来”。",
)
COMPLAINT_RESULTS = (
    "经调查情况属实，已对当事人进行批评教育并责令整改，已向投诉人反馈。",
    "经调取监控核实，情况部分属实，已约谈窗口负责人。",
    "经核查，投诉事项不属实，已向投诉人解释说明。",
)

HOLIDAY_SOURCE = "国务院办公厅关于{year}年部分节假日安排的通知"
CLOSURE_NAME = "大厅智能化改造暂停对外服务"
CLOSURE_SOURCE = f"{CITY}政务服务中心关于大厅智能化改造期间暂停对外服务的公告"

SCHEDULE_SUMMER = "夏季作息"
SCHEDULE_WINTER = "冬季作息"
