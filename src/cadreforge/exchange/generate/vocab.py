"""Word lists the synthetic data is drawn from: names, places, brands, chains, ranks."""

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯健俊帆帅旭宁晨阳欣怡思睿博文婷雪琳晓"
HOME_CITIES = [
    "淮北市",
    "娄底市",
    "蓬莱区",
    "萧山区",
    "淮安市",
    "宿州市",
    "阜阳市",
    "邵阳市",
    "烟台市",
    "盐城市",
]
DEPARTMENTS = ["发展和改革委员会", "投资促进局", "商务局", "工业和信息化局", "科学技术局", "财政局", "开发区管委会",
               "自然资源和规划局", "市场监督管理局", "农业农村局"]  # fmt: skip
HOST_CITIES = ["深圳", "上海", "杭州", "苏州", "广州", "南京", "宁波", "北京", "厦门", "东莞", "无锡", "佛山"]
HOST_KINDS = [
    "dev_zone",
    "high_tech_zone",
    "science_park",
    "university",
    "association",
    "soe",
    "listed_company",
]
HOST_WORDS = ["经济技术开发区", "高新技术产业开发区", "科技园", "创新研究院", "商会", "投资集团", "控股股份"]
CHAINS = ["新材料", "高端装备制造", "生物医药", "新能源汽车", "电子信息", "绿色食品", "文旅康养", "数字经济",
          "新一代信息技术", "现代物流", "节能环保", "智能家电", "集成电路", "光伏储能", "现代纺织", "精细化工"]  # fmt: skip
BRANDS = ["恒泰", "华信", "金源", "中科", "天成", "鼎盛", "宏达", "瑞丰", "鑫达", "远航", "海纳", "嘉禾", "博远", "正泰",
          "天合", "永新", "汇通", "卓越", "润泽", "康达", "盛世", "凯胜", "联创", "德润", "华瑞", "国信", "长江", "东方",
          "新宇", "明阳", "星辰", "宝丰", "安达", "信达", "诚泰", "伟业", "锦程", "立信", "沃德", "启航", "思源", "蓝海",
          "同创", "昌盛", "万通", "和信", "银河", "广源", "福瑞", "青云"]  # fmt: skip
TRADES = ["科技", "新材料", "智能装备", "生物科技", "电子", "汽车零部件", "食品", "能源", "信息技术", "精密制造",
          "医疗器械", "环保科技", "物流", "化工", "纺织", "光电", "半导体", "储能", "数据服务", "文化旅游"]  # fmt: skip
# A few investors write their names in Traditional characters; the key folds them with the Simplified ones.
TRADITIONAL = {"华": "華", "鑫": "鑫", "东": "東", "长": "長", "国": "國", "电": "電", "汇": "匯", "达": "達"}
LEGAL_FORMS = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司", ""]
RANKS = ["科员", "副科级", "正科级", "副处级", "正处级"]
TRACKS = ["招商引资", "项目建设", "产业研究", "园区运营"]
OUTPUT_KINDS = ["summary", "research", "study_summary", "journal", "proposal"]
TALENT_LEVELS = ["high_level", "scarce", "graduate", "high_salary", "other"]
PROGRAM_KINDS = ["stationed_investment", "secondment", "growth_camp", "shadowing", "study"]
