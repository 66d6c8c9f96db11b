"""The words the synthetic plan generator builds from.

Kept apart from ``planscope.store.synthetic.generate`` and ``planscope.store.synthetic.sql`` so the code
stays readable.  The phrases come from how Chinese Five-Year Plans and
government work reports speak (districts, agencies, "new infrastructure"),
with Chinese names beside the English ones, so that search, sorting and wide
characters are all tried on text that looks like the real thing.  The lists
go to DuckDB as list parameters, and the few plans, periods and sources are
laid out in plain Python, both by ``planscope.store.synthetic.catalogue``.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Region(NamedTuple):
    """A province or city that issues plans, with its districts and counties."""

    code: str
    name: str
    adjective: str  # "Tianjin Municipal", "Hebei Provincial"
    name_cn: str
    places: tuple[tuple[str, str], ...]  # (English, Chinese)


REGIONS: Final[tuple[Region, ...]] = (
    Region("tj", "Tianjin", "Tianjin Municipal", "天津市", (
        ("Binhai New Area", "滨海新区"), ("Heping District", "和平区"), ("Hexi District", "河西区"),
        ("Nankai District", "南开区"), ("Hebei District", "河北区"), ("Hongqiao District", "红桥区"),
        ("Dongli District", "东丽区"), ("Xiqing District", "西青区"), ("Jinnan District", "津南区"),
        ("Beichen District", "北辰区"), ("Wuqing District", "武清区"), ("Baodi District", "宝坻区"),
        ("Ninghe District", "宁河区"), ("Jinghai District", "静海区"), ("Jizhou District", "蓟州区"),
    )),
    Region("sh", "Shanghai", "Shanghai Municipal", "上海市", (
        ("Pudong New Area", "浦东新区"), ("Huangpu District", "黄浦区"), ("Xuhui District", "徐汇区"),
        ("Changning District", "长宁区"), ("Jing'an District", "静安区"), ("Putuo District", "普陀区"),
        ("Hongkou District", "虹口区"), ("Yangpu District", "杨浦区"), ("Minhang District", "闵行区"),
        ("Baoshan District", "宝山区"), ("Jiading District", "嘉定区"), ("Jinshan District", "金山区"),
        ("Songjiang District", "松江区"), ("Qingpu District", "青浦区"), ("Chongming District", "崇明区"),
    )),
    Region("he", "Hebei", "Hebei Provincial", "河北省", (
        ("Xiong'an New Area", "雄安新区"), ("Shijiazhuang", "石家庄市"), ("Tangshan", "唐山市"),
        ("Qinhuangdao", "秦皇岛市"), ("Baoding", "保定市"), ("Langfang", "廊坊市"), ("Cangzhou", "沧州市"),
        ("Handan", "邯郸市"), ("Zhangjiakou", "张家口市"), ("Zhengding County", "正定县"),
        ("Anxin County", "安新县"), ("Rongcheng County", "容城县"),
    )),
    Region("sz", "Shenzhen", "Shenzhen Municipal", "深圳市", (
        ("Futian District", "福田区"), ("Luohu District", "罗湖区"), ("Nanshan District", "南山区"),
        ("Yantian District", "盐田区"), ("Bao'an District", "宝安区"), ("Longgang District", "龙岗区"),
        ("Longhua District", "龙华区"), ("Pingshan District", "坪山区"), ("Guangming District", "光明区"),
        ("Qianhai Cooperation Zone", "前海合作区"),
    )),
    Region("cq", "Chongqing", "Chongqing Municipal", "重庆市", (
        ("Yuzhong District", "渝中区"), ("Jiangbei District", "江北区"), ("Shapingba District", "沙坪坝区"),
        ("Jiulongpo District", "九龙坡区"), ("Nan'an District", "南岸区"), ("Yubei District", "渝北区"),
        ("Liangjiang New Area", "两江新区"), ("Wanzhou District", "万州区"), ("Fuling District", "涪陵区"),
        ("Fengjie County", "奉节县"), ("Wushan County", "巫山县"),
    )),
    Region("gz", "Guangzhou", "Guangzhou Municipal", "广州市", (
        ("Yuexiu District", "越秀区"), ("Haizhu District", "海珠区"), ("Tianhe District", "天河区"),
        ("Baiyun District", "白云区"), ("Huangpu District", "黄埔区"), ("Panyu District", "番禺区"),
        ("Nansha District", "南沙区"), ("Huadu District", "花都区"), ("Zengcheng District", "增城区"),
    )),
    Region("hi", "Hainan", "Hainan Provincial", "海南省", (
        ("Haikou", "海口市"), ("Sanya", "三亚市"), ("Danzhou", "儋州市"),
        ("Yangpu Economic Development Zone", "洋浦经济开发区"), ("Wenchang", "文昌市"),
        ("Qionghai", "琼海市"), ("Lingshui Li Autonomous County", "陵水黎族自治县"),
        ("Chengmai County", "澄迈县"),
    )),
    Region("qd", "Qingdao", "Qingdao Municipal", "青岛市", (
        ("Shinan District", "市南区"), ("Shibei District", "市北区"), ("Huangdao District", "黄岛区"),
        ("Laoshan District", "崂山区"), ("Licang District", "李沧区"), ("Chengyang District", "城阳区"),
        ("Jimo District", "即墨区"), ("Jiaozhou", "胶州市"), ("Pingdu", "平度市"),
    )),
    Region("nb", "Ningbo", "Ningbo Municipal", "宁波市", (
        ("Haishu District", "海曙区"), ("Beilun District", "北仑区"), ("Zhenhai District", "镇海区"),
        ("Yinzhou District", "鄞州区"), ("Fenghua District", "奉化区"), ("Yuyao", "余姚市"),
        ("Cixi", "慈溪市"), ("Ninghai County", "宁海县"), ("Xiangshan County", "象山县"),
    )),
    Region("xm", "Xiamen", "Xiamen Municipal", "厦门市", (
        ("Siming District", "思明区"), ("Huli District", "湖里区"), ("Jimei District", "集美区"),
        ("Haicang District", "海沧区"), ("Tong'an District", "同安区"), ("Xiang'an District", "翔安区"),
    )),
    Region("dl", "Dalian", "Dalian Municipal", "大连市", (
        ("Zhongshan District", "中山区"), ("Xigang District", "西岗区"), ("Shahekou District", "沙河口区"),
        ("Ganjingzi District", "甘井子区"), ("Lüshunkou District", "旅顺口区"),
        ("Jinzhou District", "金州区"), ("Wafangdian", "瓦房店市"), ("Zhuanghe", "庄河市"),
        ("Changhai County", "长海县"),
    )),
    Region("wh", "Wuhan", "Wuhan Municipal", "武汉市", (
        ("Jiang'an District", "江岸区"), ("Jianghan District", "江汉区"), ("Qiaokou District", "硚口区"),
        ("Hanyang District", "汉阳区"), ("Wuchang District", "武昌区"), ("Hongshan District", "洪山区"),
        ("Dongxihu District", "东西湖区"), ("Jiangxia District", "江夏区"), ("Huangpi District", "黄陂区"),
        ("East Lake High-tech Zone", "东湖高新区"),
    )),
    Region("cd", "Chengdu", "Chengdu Municipal", "成都市", (
        ("Jinjiang District", "锦江区"), ("Qingyang District", "青羊区"), ("Jinniu District", "金牛区"),
        ("Wuhou District", "武侯区"), ("Chenghua District", "成华区"), ("Shuangliu District", "双流区"),
        ("Pidu District", "郫都区"), ("Tianfu New Area", "天府新区"), ("Dujiangyan", "都江堰市"),
        ("Pujiang County", "蒲江县"),
    )),
    Region("zj", "Zhejiang", "Zhejiang Provincial", "浙江省", (
        ("Hangzhou", "杭州市"), ("Ningbo-Zhoushan Port", "宁波舟山港"), ("Wenzhou", "温州市"),
        ("Jiaxing", "嘉兴市"), ("Huzhou", "湖州市"), ("Shaoxing", "绍兴市"), ("Jinhua", "金华市"),
        ("Zhoushan", "舟山市"), ("Deqing County", "德清县"), ("Anji County", "安吉县"),
    )),
)  # fmt: skip

#: What projects build, English and Chinese.  The generator favours the first ("smart port").
THINGS: Final[tuple[tuple[str, str], ...]] = (
    ("smart port", "智慧港口"),
    ("5G base station", "5G基站"),
    ("big data center", "大数据中心"),
    ("eco-city", "生态城"),
    ("urban brain", "城市大脑"),
    ("industrial internet platform", "工业互联网平台"),
    ("rail transit line", "轨道交通线路"),
    ("sewage treatment plant", "污水处理厂"),
    ("computing power hub", "算力枢纽"),
    ("smart grid", "智能电网"),
    ("charging station network", "充电桩网络"),
    ("hydrogen energy base", "氢能产业基地"),
    ("container terminal", "集装箱码头"),
    ("cold-chain logistics park", "冷链物流园区"),
    ("connected vehicle test zone", "智能网联汽车测试区"),
    ("artificial intelligence innovation center", "人工智能创新中心"),
    ("integrated circuit industrial park", "集成电路产业园"),
    ("biomedicine park", "生物医药产业园"),
    ("old residential compound renovation", "老旧小区改造"),
    ("sponge city", "海绵城市"),
    ("flood control embankment", "防洪堤"),
    ("water diversion project", "引水工程"),
    ("waste-to-energy plant", "垃圾焚烧发电厂"),
    ("ecological corridor", "生态廊道"),
    ("wetland park", "湿地公园"),
    ("smart healthcare platform", "智慧医疗平台"),
    ("one-stop government service platform", "一网通办平台"),
    ("gigabit optical network", "千兆光网"),
    ("intercity railway", "城际铁路"),
    ("offshore wind farm", "海上风电场"),
    ("photovoltaic power station", "光伏电站"),
    ("affordable rental housing", "保障性租赁住房"),
    ("smart community", "智慧社区"),
    ("science and technology innovation park", "科技创新园"),
)

#: How a project's title ends: its phase or kind of works.
SUFFIXES: Final[tuple[tuple[str, str], ...]] = (
    ("construction project", "建设工程"),
    ("phase I", "一期工程"),
    ("phase II", "二期工程"),
    ("upgrade", "升级改造工程"),
    ("expansion", "扩建工程"),
    ("demonstration project", "示范项目"),
    ("pilot", "试点项目"),
    ("comprehensive improvement", "综合整治工程"),
    ("supporting works", "配套工程"),
)

VERBS: Final = ("Build", "Upgrade", "Extend", "Complete", "Speed up work on", "Pilot", "Renovate", "Plan")

PURPOSES: Final = (
    "raise container throughput and cut customs clearance times",
    "bring gigabit coverage to every street",
    "share city operation data across departments",
    "cut energy use per unit of GDP",
    "treat all urban sewage before discharge",
    "shorten commutes between the districts",
    "grow the digital economy's share of GDP",
    "serve the Beijing-Tianjin-Hebei coordinated development",
    "attract high-tech manufacturing",
    "reach peak carbon emissions ahead of schedule",
    "improve flood resilience",
    "give residents one-stop access to public services",
    "restore wetlands and coastal ecology",
    "support the free trade zone",
)

#: Who runs projects.  "{adj}" becomes "Tianjin Municipal", "{name}" becomes "Tianjin".
OWNERS: Final = (
    "{adj} Development and Reform Commission",
    "{adj} Bureau of Industry and Information Technology",
    "{adj} Transport Commission",
    "{adj} Bureau of Ecology and Environment",
    "{adj} Big Data Administration",
    "{adj} Commission of Housing and Urban-Rural Development",
    "{adj} Water Affairs Bureau",
    "{adj} Commerce Bureau",
    "{adj} Science and Technology Bureau",
    "{adj} Health Commission",
    "{adj} Bureau of Planning and Natural Resources",
    "{name} Port Group",
    "{name} Rail Transit Group",
    "{name} Urban Investment Group",
    "China Mobile {name} Branch",
    "State Grid {name} Electric Power Company",
)

TAGS: Final = (
    "new infrastructure", "digital economy", "5G", "big data", "smart city", "port", "logistics",
    "carbon peak", "carbon neutrality", "ecology", "Beijing-Tianjin-Hebei", "Belt and Road",
    "urban renewal", "public services", "advanced manufacturing", "innovation", "transport", "water",
    "energy", "新基建", "数字经济", "双碳",
)  # fmt: skip

#: Goal areas, each with the phrases its top-level goals start with.
AREAS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Innovation", ("Become a leading source of original innovation", "Build a national innovation hub")),
    ("Digital economy", ("Grow the digital economy into a pillar", "Build a digital city")),
    ("Smart city", ("Take smart city building from pilots to full coverage", "Strengthen the urban brain")),
    ("Big data", ("Build a national big data center node", "Share more government data")),
    ("Ports and logistics", ("Build a world-class smart port", "Become an international shipping hub")),
    ("Transport", ("Complete the rail transit network", "Build an integrated transport hub")),
    ("Ecology", ("Build an eco-city with clear water and blue skies", "Reach peak carbon emissions early")),
    ("Industry", ("Upgrade advanced manufacturing", "Build an industrial internet ecosystem")),
    ("Water", ("Treat all urban sewage", "Secure the water supply")),
    ("Public services", ("Improve education and health services", "Provide affordable housing")),
    ("Energy", ("Build a clean, low-carbon energy system", "Expand renewable power")),
    ("Opening up", ("Deepen the pilot free trade zone", "Join in building the Belt and Road")),
    ("Governance", ("Modernise social governance", "Make government services one-stop")),
)

SUBGOAL_VERBS: Final = ("Speed up the", "Roll out the", "Complete the", "Expand the", "Upgrade the")

#: Indicators: (title, unit, direction, low baseline, high baseline, change per five years).
INDICATORS: Final[tuple[tuple[str, str, str, float, float, float], ...]] = (
    ("5G base stations built", "thousand", "increase", 5.0, 40.0, 30.0),
    ("Smart port container throughput", "million TEU", "increase", 5.0, 25.0, 5.0),
    ("Digital economy share of GDP", "%", "increase", 25.0, 45.0, 10.0),
    ("Energy consumption per unit of GDP", "tce per 10,000 yuan", "decrease", 0.4, 0.9, 0.1),
    ("Urban sewage treatment rate", "%", "increase", 85.0, 93.0, 5.0),
    ("Days of good air quality", "%", "increase", 60.0, 75.0, 8.0),
    ("PM2.5 average concentration", "μg/m³", "decrease", 35.0, 60.0, 12.0),
    ("Rail transit in operation", "km", "increase", 100.0, 400.0, 150.0),
    ("R&D spending share of GDP", "%", "increase", 2.0, 3.5, 0.6),
    ("Forest coverage", "%", "maintain", 10.0, 40.0, 0.0),
    ("Urban surveyed unemployment rate", "%", "maintain", 4.5, 5.5, 0.0),
    ("Big data center racks in service", "thousand", "increase", 10.0, 60.0, 40.0),
    ("Government services available online", "%", "increase", 80.0, 95.0, 5.0),
    ("Urban brain platform completed", "stage", "milestone", 0.0, 0.0, 1.0),
)

ATTRIBUTES: Final = ("binding", "anticipatory", "anticipatory", None)

#: Statuses drawn for goals and projects; repeats weight them, None is "unknown".
STATUS_POOL: Final = (
    "planned", "planned", "in_progress", "in_progress", "in_progress", "done", "done", "delayed",
    "cancelled", None,
)  # fmt: skip

#: Milestone events, English (before the project's subject) and Chinese (after it).  Short on
#: purpose: two million milestone titles pass through four tables, and every character costs.
EVENTS: Final[tuple[tuple[str, str], ...]] = (
    ("Groundbreaking of", "开工"),
    ("Design approved for", "初步设计获批"),
    ("Tender awarded for", "完成招标"),
    ("Topping out of", "主体封顶"),
    ("Trial operation of", "试运行"),
    ("Acceptance of", "竣工验收"),
    ("Opening of", "投入使用"),
    ("EIA approved for", "环评获批"),
)

#: Each region issues its 13th and 14th Five-Year Plans and a work report for each of these years.
WORK_REPORT_YEARS: Final = (2021, 2022, 2023)
PLANS_PER_REGION: Final = 2 + len(WORK_REPORT_YEARS)
