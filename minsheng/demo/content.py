"""The demo content of 青河市 (a fictional county-level city), as plain data.

Everything the seed builds comes from here: the demo accounts, the portal's home page and
columns, its settings, and the pieces published in each column (January–June 2022).
Numbers are invented but consistent with each other and with the real 2022 list of items.
The builder is ``seed.py``; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DEMO_PASSWORD = "Minsheng@2022"  # noqa: S105 - printed on purpose: demo accounts only
DEMO_CITY_CODE = "349981000000"
ITEMS_YEAR = 2022


# --- Types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str  # a minsheng.orgs.choices.Role value
    org_code: str | None
    full_name: str
    phone: str = ""


@dataclass(frozen=True)
class Img:
    """A generated picture (see media.render_scene). The title is its identity: a rerun
    finds the image by title in the demo collection instead of making another."""

    title: str
    scene: str
    palette: str
    seed: int
    description: str = ""


@dataclass(frozen=True)
class Figure:
    """A picture placed in a piece, with its alt text and caption."""

    image: Img
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Heading:
    text: str


Block = str | Heading | Figure


@dataclass(frozen=True)
class Attachment:
    """A Word file made from the piece's own text (media.policy_docx)."""

    title: str  # the document's title: its identity, as for images
    filename: str
    issuer: str
    date_text: str
    label: str = ""


@dataclass(frozen=True)
class Piece:
    slug: str
    column: str  # a minsheng.portal.choices.Column value
    title: str
    date: date
    source: str  # org code of the submitting unit
    author: str
    summary: str
    items: tuple[int, ...] = ()  # seq numbers of the year's livelihood items
    body: tuple[Block, ...] = ()  # article body, or a video's description (text only)
    doc_number: str = ""
    attachment: Attachment | None = None
    photos: tuple[Figure, ...] = ()  # photo stories
    video_file: bool = False  # videos: the committed demo MP4
    embed_url: str = ""  # videos: a player from an allowed host
    poster: Img | None = None


@dataclass(frozen=True)
class ColumnSpec:
    column: str
    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class HomeSpec:
    title: str
    slug: str
    banner_title: str
    banner_subtitle: str
    banner_image: Img
    intro: tuple[str, ...]
    seo_title: str = ""
    search_description: str = ""


@dataclass(frozen=True)
class SiteSpec:
    hostname: str
    port: int
    site_name: str
    settings: dict[str, str] = field(default_factory=dict)


# --- Accounts -------------------------------------------------------------------------

DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("coordinator", "coordinator", "D01", "陈晓燕", "0550-1234501"),
    DemoUser("minzheng", "department_liaison", "D05", "刘建国", "0550-1234205"),
    DemoUser("weijian", "department_liaison", "D06", "孙丽萍", "0550-1234612"),
    DemoUser("qingshan", "town_liaison", "349981101000", "王海波", "0550-1235101"),
    DemoUser("baita", "town_liaison", "349981102000", "赵志强", "0550-1235201"),
    DemoUser("liuhe", "town_liaison", "349981103000", "李春梅", "0550-1235301"),
    DemoUser("jiaoyu", "department_liaison", "D04", "吴文静", "0550-1234406"),
    DemoUser("zhangzhuang", "village_staff", "349981101201", "张桂兰"),
    DemoUser("supervisor", "supervisor", None, "周明德"),
)


# --- Portal frame ---------------------------------------------------------------------

IMAGE_COLLECTION = "演示图片"
DOCUMENT_COLLECTION = "演示文件"
VIDEO_TITLE = "视听民生演示视频"
VIDEO_FILENAME = "minsheng-demo-video.mp4"

SITE = SiteSpec(
    hostname="localhost",
    port=80,
    site_name="青河市民生工程宣传工作平台",
    settings={
        "site_name": "青河市民生工程宣传工作平台",
        "host_unit": "青河市民生工程领导小组办公室",
        "contact_phone": "0550-1234567",
        "contact_address": "青河市人民路88号市政务服务中心三楼",
        "contact_email": "minsheng@qinghe.example",
        "icp_number": "皖ICP备2022000000号-1",
        "police_record_number": "皖公网安备34998102000001号",
    },
)

HOME = HomeSpec(
    title="青河市民生工程",
    slug="home",
    banner_title="办好民生实事 共享美好生活",
    banner_subtitle="2022年青河市16项民生实事 件件有着落 事事有回音",
    banner_image=Img("青河市民生工程首页横幅", "banner", "morning", 2022, "晨光中的青河市城区、田野与河流"),
    intro=(
        "民生工程是为群众办实事、解难题的重要抓手。2022年，青河市承担省定20项民生实事中的16项，"
        "涉及教育、医疗卫生、养老服务、就业、基础设施和困难群体救助等领域，计划总投资9.6亿元。",
        "本平台发布民生工程工作动态、基层一线故事、政策文件和受益公示，欢迎社会各界查阅、监督并提出意见建议。",
    ),
    seo_title="青河市民生工程宣传工作平台",
    search_description="青河市民生工程工作动态、政策文件、受益公示与民生实事进展。",
)

COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("news", "news", "工作动态", "市民生办及各牵头部门推进民生工程的工作动态。"),
    ColumnSpec("grassroots", "grassroots", "基层话民生", "来自镇（街道）、村（社区）的民生工程一线故事。"),
    ColumnSpec("photos", "photos", "图绘民生", "用镜头记录民生工程给城乡带来的变化。"),
    ColumnSpec("videos", "videos", "视听民生", "民生工程短视频与政策解读。"),
    ColumnSpec("policies", "policies", "政策文件", "民生工程相关政策文件及解读，附件可下载。"),
)


# --- Pictures used by more than one piece -----------------------------------------------

IMG_MEETING = Img("2022年民生工程工作会议会场", "hall", "civic", 101, "会议室内整齐摆放的桌椅")
IMG_SUPERVISORS = Img("民生工程特邀监督员聘任会", "hall", "noon", 102, "宽敞明亮的会议室")
IMG_AFTER_SCHOOL = Img("城区小学课后服务", "school", "noon", 103, "学校教学楼与操场")
IMG_MEAL_POINT = Img("青山社区老年助餐点", "hall", "warm", 104, "助餐点餐厅内摆放整齐的餐桌")
IMG_OLD_ESTATE = Img("城关街道老旧小区改造施工现场", "community", "spring", 105, "居民楼与小区内的绿地步道")
IMG_RURAL_ROAD = Img("石桥镇新改建农村公路", "road", "autumn", 106, "穿过田野、两侧栽种行道树的农村公路")
IMG_CAMPAIGN = Img("民生工程宣传月启动仪式", "town", "civic", 107, "城市广场与周边楼宇")
IMG_FITNESS = Img("城东体育公园健身步道", "park", "noon", 108, "公园内的环形塑胶跑道和健身器材")
IMG_FOOD_LAB = Img("农贸市场食品快检室", "hall", "spring", 109, "明亮的快检室")
IMG_COUNTRYSIDE = Img("青河市田园风光", "fields", "morning", 110, "田野、村庄和远处的山丘")
IMG_NOTICE_BOARD = Img("青山镇张庄村村貌", "village", "spring", 111, "村庄中一排整齐的农房与村道")
IMG_JOB_FAIR = Img("白塔镇春风行动招聘会现场", "town", "morning", 112, "城镇街道与两侧的楼房")
IMG_CANTEEN = Img("张庄村幸福食堂", "hall", "autumn", 113, "食堂里摆放整齐的圆桌")
IMG_REHAB = Img("柳河镇马店村", "village", "autumn", 114, "秋日里的村庄")
IMG_WENCHANG = Img("文昌社区棉纺厂宿舍小区", "community", "morning", 115, "改造后的小区楼房和花坛")
IMG_READING = Img("石桥镇综合文化站", "town", "spring", 116, "镇区街道旁的文化站")
IMG_CALLBACK = Img("龙泉镇金山村", "village", "noon", 117, "山脚下的村庄")
IMG_DONGHU_ROAD = Img("东湖乡湖心村至荷塘村农村公路", "river", "harbor", 118, "湖边新修的道路和桥梁")
IMG_VIDEO_POSTER = Img("一分钟了解2022年民生实事视频封面", "banner", "noon", 119, "青河市城区与田野全景")
IMG_CLINIC_POSTER = Img("市人民医院老年人就医服务视频封面", "hall", "civic", 120, "医院门诊大厅")


def _photo(title: str, scene: str, palette: str, seed: int, alt: str, caption: str) -> Figure:
    return Figure(Img(title, scene, palette, seed, alt), alt, caption)


CONSULTATION = "政策咨询电话：0550-1234567（工作日 8:30—12:00，14:30—17:30）。"

# --- Pieces ---------------------------------------------------------------------------

NEWS: tuple[Piece, ...] = (
    Piece(
        slug="2022-work-conference",
        column="news",
        title="我市召开2022年民生工程工作会议",
        date=date(2022, 1, 14),
        source="D01",
        author="陈晓燕 李明",
        summary="1月13日，市政府召开2022年民生工程工作会议，总结2021年民生工程实施情况，部署2022年16项民生实事。",
        body=(
            "1月13日，市政府召开2022年民生工程工作会议，传达学习全省民生工程工作会议精神，总结2021年全市民生工程"
            "实施情况，部署2022年民生工程工作。市民生工程领导小组成员单位、各镇（街道、乡）分管负责同志参加会议。",
            "会议指出，2021年全市33项民生工程全面完成年度目标任务，累计投入资金11.2亿元，惠及群众40余万人次，"
            "群众对民生工程的知晓率、满意率分别达到96.8%和97.5%。",
            Figure(IMG_MEETING, "会议室内整齐摆放的桌椅", "2022年民生工程工作会议现场"),
            "会议明确，2022年省定20项民生实事中，我市承担16项，计划总投资9.6亿元。各牵头部门要对照任务清单，"
            "细化实施方案，明确时间表、路线图，确保项目6月底前全面开工、11月底前基本完工。",
            "会议强调，要把群众满意作为检验民生工程的根本标准，扎实做好政策宣传、受益公示和回访工作；"
            "各镇（街道、乡）要发挥特邀监督员作用，对项目建设质量和资金使用情况全程监督。",
            "会上，市民生办与16个项目牵头部门签订了2022年民生工程目标责任书。",
        ),
    ),
    Piece(
        slug="2022-publicity-plan",
        column="news",
        title="市民生办部署2022年民生工程宣传工作",
        date=date(2022, 2, 18),
        source="D01",
        author="李明",
        summary="市民生办印发2022年民生工程宣传工作方案，推出“五个一”宣传举措，力争政策知晓率稳定在95%以上。",
        body=(
            "近日，市民生办印发《青河市2022年民生工程宣传工作方案》，对全年民生工程宣传工作作出安排。",
            "方案提出，今年重点做好“五个一”：每个项目编印一张政策明白纸，每个村（社区）设立一块民生工程公示栏，"
            "每个镇（街道、乡）每季度开展一次集中宣传，市融媒体中心每月推出一期民生工程专栏，全年组织一次民生工程宣传月活动。",
            "方案要求，各牵头部门要在项目启动一个月内完成政策解读，通过门户网站、微信公众号、村村响广播等渠道，"
            "把补助对象、补助标准、申请流程和咨询电话讲清楚、讲明白。",
            "在信息报送方面，方案建立民生工程信息报送考核制度，按月通报各单位信息报送和采用情况，"
            "对被省级以上媒体采用的稿件给予加分。",
            "市民生办有关负责人表示，将把宣传工作与受益对象回访、满意度测评结合起来，力争全年民生工程政策知晓率稳定在95%以上。",
        ),
    ),
    Piece(
        slug="2022-invited-supervisors",
        column="news",
        title="我市聘请20名民生工程特邀监督员",
        date=date(2022, 3, 9),
        source="D01",
        author="陈晓燕",
        summary="3月8日，我市召开民生工程特邀监督员聘任会，20名来自人大代表、政协委员、村民代表和新闻媒体的监督员接受聘书。",
        body=(
            "3月8日，我市召开2022年民生工程特邀监督员聘任会，为20名特邀监督员颁发聘书。",
            "本届特邀监督员由市人大代表、政协委员、离退休干部、村（居）民代表和新闻媒体工作者组成，聘期一年。"
            "监督员将通过明察暗访、参加项目验收、列席民生工程专题会议等方式，对项目建设、资金使用和政策落实情况进行监督。",
            Figure(IMG_SUPERVISORS, "宽敞明亮的会议室", "民生工程特邀监督员聘任会现场"),
            "会上，市民生办通报了2022年民生工程安排情况，向监督员发放了政策汇编和监督工作手册。市民生办将建立监督意见"
            "“交办—办理—反馈”闭环机制，监督员提出的意见建议原则上在20个工作日内办结并答复。",
            "特邀监督员代表周明德表示，将深入一线、多听群众声音，当好民生工程的“监督员”和“宣传员”。",
        ),
    ),
    Piece(
        slug="after-school-service-full-coverage",
        column="news",
        title="中小学课后服务实现义务教育学校全覆盖",
        date=date(2022, 3, 25),
        source="D04",
        author="吴静",
        summary="春季学期，全市62所义务教育学校全部开展课后服务，参与学生4.1万人，参与率达92%。",
        items=(3,),
        body=(
            "春季学期开学以来，我市全面推进中小学课后服务，全市62所义务教育学校全部开展课后服务，"
            "实现“5+2”全覆盖，即每周5天、每天至少2小时。",
            "各学校结合实际开设作业辅导、阅读、体育、艺术、科技等课程。城区学校课后服务结束时间不早于当地正常下班时间；"
            "农村学校结合学生家庭需要，合理确定服务时间。",
            Figure(IMG_AFTER_SCHOOL, "学校教学楼与操场", "城区小学学生在课后服务时间开展体育活动"),
            "课后服务坚持学生家长自愿原则，由学校统一组织。全市参与课后服务的学生4.1万人，参与率达92%，参与教师3200余人。",
            "在经费保障上，我市采取财政补助和服务性收费相结合的方式，对家庭经济困难学生免收课后服务费用。"
            "市教育局开通课后服务监督电话0550-1234301，接受家长意见建议。",
        ),
    ),
    Piece(
        slug="elderly-meal-service-rollout",
        column="news",
        title="老年助餐服务全面铺开",
        date=date(2022, 4, 8),
        source="D05",
        author="刘建国",
        summary="市民政局加快推进老年助餐服务，年内新建改造助餐点48个，为60岁以上老人提供就近就便的助餐服务，"
        "特殊困难老人享受用餐补贴。",
        items=(7, 17),
        body=(
            "4月起，我市老年助餐服务在全市10个镇（街道、乡）全面铺开。市民政局依托城乡社区养老服务站、农村幸福院和乡镇敬老院，"
            "年内新建、改造提升老年助餐点48个，其中城市社区16个、农村32个。",
            "助餐服务对象为辖区内60周岁及以上老年人，优先保障独居、空巢、失能、高龄和经济困难老年人。"
            "助餐点提供堂食、集中配送和上门送餐等服务方式，菜谱每周公示，做到荤素搭配、少盐少油。",
            Figure(IMG_MEAL_POINT, "助餐点餐厅内摆放整齐的餐桌", "青山社区老年助餐点就餐区"),
            "补贴标准方面，对本市户籍60周岁及以上的特困供养、低保、低保边缘家庭老年人，每人每餐补贴5元；"
            "80周岁及以上老年人每人每餐补贴3元；其他60周岁以上老人可按成本价就餐。补贴资金由市、镇两级财政按比例承担，"
            "按月拨付给助餐点。",
            "为确保老人吃得放心，市民政局会同市市场监管局对助餐点食品安全开展常态化检查，所有助餐点落实食材溯源和48小时留样制度。",
            "截至3月底，全市已建成运营助餐点21个，累计服务老年人3.6万人次。老年人可就近到助餐点登记，"
            "或拨打市民政局养老服务咨询电话0550-1234205了解详情。",
        ),
    ),
    Piece(
        slug="old-estates-renovation-start",
        column="news",
        title="2022年城镇老旧小区改造项目陆续开工",
        date=date(2022, 4, 20),
        source="D09",
        author="何伟",
        summary="今年全市计划改造城镇老旧小区26个、涉及居民3860户，截至4月中旬已有11个小区开工。",
        items=(16,),
        body=(
            "近日，我市2022年城镇老旧小区改造项目陆续开工。今年全市计划改造老旧小区26个，涉及居民3860户、"
            "建筑面积32.5万平方米，截至4月中旬已有11个小区进场施工。",
            "改造内容分为基础类、完善类和提升类。基础类重点改造供水、排水、供电、燃气、道路等配套设施；"
            "完善类主要增设停车位、电动自行车充电设施和无障碍设施；提升类结合实际建设养老托育、便民市场等公共服务设施。",
            Figure(IMG_OLD_ESTATE, "居民楼与小区内的绿地步道", "城关街道老旧小区改造施工现场"),
            "改造坚持“改什么、怎么改，群众说了算”，每个小区在方案设计阶段均召开居民议事会，方案经三分之二以上居民同意后实施；"
            "施工期间设立公示牌，公开改造内容、工期和监督电话。",
            "市住建局要求各项目严格落实质量安全责任，确保年底前全面完工，切实把好事办好、实事办实。",
        ),
    ),
    Piece(
        slug="rural-roads-2022",
        column="news",
        title="“四好农村路”建设提速 年内新改建农村公路120公里",
        date=date(2022, 5, 6),
        source="D10",
        author="孙涛",
        summary="今年我市计划新改建农村公路120公里、改造危桥8座，截至4月底已完成路基工程45公里、路面工程28公里。",
        items=(15,),
        body=(
            "进入5月，全市“四好农村路”建设全面提速。今年我市计划新改建农村公路120公里，实施农村公路危桥改造8座，"
            "完成农村公路安全生命防护工程50公里。",
            "在建设中，市交通运输局严格落实项目法人责任制、招标投标制、工程监理制和合同管理制，"
            "聘请村民担任义务质量监督员，对路基压实度、路面厚度等关键指标全程跟踪。",
            Figure(IMG_RURAL_ROAD, "穿过田野、两侧栽种行道树的农村公路", "石桥镇新改建的农村公路"),
            "在管养方面，我市全面推行农村公路“路长制”，市、镇、村三级路长分段包保，实现“有路必有养、养必有效”。",
            "截至4月底，全市已完成新改建农村公路路基工程45公里、路面工程28公里，3座危桥改造已开工建设。",
        ),
    ),
    Piece(
        slug="2022-publicity-month-launch",
        column="news",
        title="我市启动2022年民生工程宣传月活动",
        date=date(2022, 5, 13),
        source="D01",
        author="李明 何静",
        summary="5月12日，全市2022年民生工程宣传月活动启动，各地将通过集中宣传、入户讲解等形式，把民生政策送到群众身边。",
        items=(7, 11, 12),
        body=(
            "5月12日，青河市2022年民生工程宣传月活动在市人民广场启动。市民生办联合市委宣传部及16个项目牵头部门设立咨询台，"
            "发放政策明白纸1.2万份，现场解答群众咨询800余人次。",
            "活动现场，市民政局工作人员向老人们讲解老年助餐的补贴标准和就餐方式，市医保局介绍重特大疾病医疗保险和救助政策，"
            "市人社局为求职者提供岗位信息，不少市民拿着明白纸仔细询问。",
            Figure(IMG_CAMPAIGN, "城市广场与周边楼宇", "民生工程宣传月启动仪式在市人民广场举行"),
            "宣传月期间，各镇（街道、乡）将组织“民生政策进村入户”活动，由村干部、网格员和志愿者走村入户，面对面讲解政策；"
            "市融媒体中心开设“民生实事面对面”专栏，每周推出一期牵头部门负责人访谈。",
            "市民生办有关负责人介绍，宣传月结束后将组织第三方开展政策知晓率抽样调查，调查结果纳入年度民生工程考核。",
        ),
    ),
    Piece(
        slug="fitness-circle-progress",
        column="news",
        title="“15分钟健身圈”建设完成年度任务过半",
        date=date(2022, 5, 24),
        source="D14",
        author="郑凯",
        summary="今年我市新建、改扩建全民健身场地设施42个，截至5月20日已完成23个，城区居民步行15分钟可达健身场所。",
        items=(4,),
        body=(
            "记者从市文化旅游体育局获悉，今年我市“15分钟健身圈”建设任务为新建或改扩建体育公园2个、全民健身广场6个、"
            "社区多功能运动场10个、健身路径24条，截至5月20日已完成23个，完成年度任务的55%。",
            "在选址上，我市坚持补短板、就近便，优先在人口密集、健身设施不足的老旧小区和城乡结合部布点，"
            "充分利用公园绿地、闲置地块和边角地建设健身设施。",
            Figure(IMG_FITNESS, "公园内的环形塑胶跑道和健身器材", "城东体育公园健身步道"),
            "城东体育公园建成后，将配建环形健身步道1.2公里、笼式足球场、篮球场和儿童活动区，"
            "周边3个社区2万余名居民步行15分钟即可到达。",
            "市文旅体局还将对已建成的健身设施实行“一设施一责任人”管护制度，设置二维码报修牌，确保设施好用、常用。",
        ),
    ),
    Piece(
        slug="food-safety-you-order-we-test",
        column="news",
        title="食品安全“你点我检”首批抽检结果公布",
        date=date(2022, 6, 8),
        source="D13",
        author="许丽",
        summary="市市场监管局根据群众“点单”完成首批120批次食品抽检，合格率98.3%，不合格产品已依法处置。",
        items=(9,),
        body=(
            "6月7日，市市场监督管理局公布2022年食品安全“你点我检”首批抽检结果。此次抽检的品种和场所由群众通过网站、"
            "微信公众号和现场投票“点单”确定，共抽检粮食制品、肉制品、蔬菜水果、学校周边食品等120批次，合格118批次，合格率98.3%。",
            "对抽检发现的2批次不合格产品，市市场监管局已责令经营者下架、召回，并依法立案调查，相关信息在门户网站公示。",
            Figure(IMG_FOOD_LAB, "明亮的快检室", "农贸市场食品快检室"),
            "今年我市“你点我检”活动计划完成抽检600批次以上。群众可通过市市场监管局微信公众号“随手拍、随时点”，"
            "提出想检的食品品种和经营场所。",
            "此外，市市场监管局还在农贸市场设立快检室，开展“你送我检”服务，群众购买的蔬菜可现场免费检测农药残留，30分钟出结果。",
        ),
    ),
    Piece(
        slug="2022-beneficiary-callbacks",
        column="news",
        title="我市开展民生工程受益对象电话回访",
        date=date(2022, 6, 17),
        source="D01",
        author="陈晓燕",
        summary="市民生办按20%的比例抽样回访民生工程受益对象2400户，信息准确率99.1%，政策知晓率96.4%，满意率98.6%。",
        items=(7, 13),
        body=(
            "6月上旬，市民生办组织对2022年民生工程受益对象开展电话回访。在各镇（街道、乡）全覆盖回访的基础上，"
            "市民生办按照20%的比例，分镇、分村随机抽取受益对象2400户进行复核回访。",
            "回访内容包括受益对象身份和家庭信息是否准确、补助资金是否足额到位、是否知道所享受的是民生工程政策，"
            "以及对政策的了解程度和满意度。",
            "从回访结果看，有效回访2286户，信息准确率99.1%，政策知晓率96.4%，满意率（含基本满意）98.6%。"
            "对回访中发现的32条信息不一致问题，已全部转交相关单位核实更正，更正结果将在下一轮回访中复核。",
            "回访中群众反映较多的是希望扩大老年助餐送餐范围、进一步简化救助申请材料等，相关意见已交办牵头部门研究落实。",
        ),
    ),
    Piece(
        slug="2022-first-half-progress",
        column="news",
        title="上半年全市民生工程完成投资5.6亿元",
        date=date(2022, 6, 28),
        source="D01",
        author="李明",
        summary="截至6月25日，全市16项民生实事累计完成投资5.6亿元，占年度计划的58.3%，14项完成年度目标任务过半。",
        items=(2, 3, 10, 13, 14, 15, 16, 19),
        body=(
            "记者从市民生办获悉，截至6月25日，全市16项民生实事累计完成投资5.6亿元，占年度计划总投资的58.3%，"
            "其中14项民生实事已完成年度目标任务的50%以上。",
            "分领域看，教育领域中小学课后服务、幼儿托育和学前教育促进项目推进顺利；医疗卫生领域区域医疗水平提升行动"
            "完成市人民医院胸痛中心、卒中中心建设；基础设施领域新改建农村公路68公里，26个老旧小区全部开工。",
            Figure(IMG_COUNTRYSIDE, "田野、村庄和远处的山丘", "初夏的青河乡村"),
            "在困难群体救助方面，上半年全市发放城乡低保、特困供养等救助资金1.38亿元，为1260名困难残疾人提供康复服务，"
            "对1870名困难职工开展帮扶。",
            "下半年，市民生办将对进度相对滞后的项目开展专项督查，实行周调度、月通报，确保全年目标任务如期完成。",
        ),
    ),
)

GRASSROOTS: tuple[Piece, ...] = (
    Piece(
        slug="qingshan-notice-boards",
        column="grassroots",
        title="青山镇：民生工程公示栏进村入组",
        date=date(2022, 1, 21),
        source="349981101000",
        author="王海波",
        summary="青山镇在12个村（社区）统一设置民生工程公示栏，把补助对象、补助标准和监督电话“晒”在群众家门口。",
        items=(13,),
        body=(
            "走进青山镇张庄村党群服务中心，一块崭新的民生工程公示栏格外醒目。栏内分类张贴着低保、特困供养、临时救助等受益名单，"
            "以及各项目的补助标准和监督举报电话。",
            "今年以来，青山镇在12个村（社区）统一设置民生工程公示栏，做到一村一栏、定期更新。公示内容只公布姓名、村组和补助金额，"
            "不公开身份证号码、电话号码等个人信息，公示期不少于7天。",
            Figure(IMG_NOTICE_BOARD, "村庄中一排整齐的农房与村道", "青山镇张庄村"),
            "“以前不知道去哪里看，现在家门口就能看到，谁家得了补助、得了多少，一清二楚。”张庄村村民李大爷说。",
            "镇民生办负责人介绍，公示期间群众有异议的，可以向村委会或镇民生办反映，镇里将在20个工作日内调查核实并答复。",
        ),
    ),
    Piece(
        slug="baita-spring-breeze-job-fair",
        column="grassroots",
        title="白塔镇：“春风行动”把岗位送到家门口",
        date=date(2022, 2, 25),
        source="349981102000",
        author="赵志强",
        summary="白塔镇举办“春风行动”专场招聘会，32家企业提供岗位860个，现场达成就业意向216人。",
        items=(11,),
        body=(
            "2月24日，白塔镇2022年“春风行动”专场招聘会在镇文化广场举行。32家企业带来电子装配、纺织服装、物流配送等岗位860个，"
            "吸引1100余名求职者前来应聘，现场达成就业意向216人。",
            "招聘会现场设立了政策咨询台，镇劳动保障所工作人员向求职者讲解一次性求职创业补贴、职业技能培训补贴和创业担保贷款等就业促进政策。",
            Figure(IMG_JOB_FAIR, "城镇街道与两侧的楼房", "白塔镇“春风行动”专场招聘会现场"),
            "塔下村的脱贫户张师傅在一家电子厂找到了装配工作。“离家只有十几里路，每月能拿四千多元，还能照顾家里老人。”他说。",
            "今年，白塔镇计划开展各类职业技能培训10期、培训500人次，帮助农村劳动力和就业困难人员实现家门口就业。",
        ),
    ),
    Piece(
        slug="zhangzhuang-happy-canteen",
        column="grassroots",
        title="张庄村：村里的“幸福食堂”开张了",
        date=date(2022, 3, 17),
        source="349981101201",
        author="张桂兰",
        summary="张庄村利用闲置村小学校舍改建幸福食堂，村里60岁以上的老人在家门口就能吃上热乎饭。",
        items=(7,),
        body=(
            "中午11点，张庄村“幸福食堂”里飘出阵阵饭菜香。二荤二素一汤，老人们围坐在一起，边吃边拉家常。",
            "张庄村是青山镇人口较多的行政村，60岁以上老人有420多人，不少老人的子女在外务工。今年，村里利用闲置的村小学校舍"
            "改建了这处老年助餐点，配备厨房、餐厅和休息室，可同时容纳40人就餐。",
            Figure(IMG_CANTEEN, "食堂里摆放整齐的圆桌", "张庄村幸福食堂"),
            "每餐成本价8元，按照补贴政策，村里的低保、特困老人每餐只需交3元，80岁以上老人每餐交5元。"
            "对行动不便的老人，村里组织志愿者每天送餐上门。",
            "“饭菜软和、不咸不淡，比自己在家凑合强多了。”82岁的孙奶奶说。",
            "村党总支书记介绍，食堂每周公示菜谱和收支情况，墙上贴着意见簿，老人们想吃什么、哪里不满意，随时可以提。",
        ),
    ),
    Piece(
        slug="liuhe-rehabilitation-at-home",
        column="grassroots",
        title="柳河镇：困难残疾人康复服务送到家门口",
        date=date(2022, 4, 14),
        source="349981103000",
        author="马晓丽",
        summary="柳河镇联合市残联组织康复医生入户，为辖区92名困难残疾人提供康复评估、训练指导和辅具适配。",
        items=(19,),
        body=(
            "4月12日，市残联康复指导中心的医生来到柳河镇马店村，为因脑梗导致肢体残疾的刘大叔做康复评估，并手把手教家属进行肢体训练。",
            "今年，柳河镇共有92名困难残疾人纳入困难残疾人康复项目，其中肢体残疾54人、智力残疾16人、精神残疾12人、视力和听力残疾10人。"
            "镇残联逐一建立康复档案，根据评估结果制定“一人一案”康复计划。",
            Figure(IMG_REHAB, "秋日里的村庄", "柳河镇马店村"),
            "针对行动不便的残疾人，镇里联合市残联组建上门康复服务小组，每月入户一次，提供康复训练指导、心理疏导和辅助器具适配服务，"
            "目前已为23名残疾人适配轮椅、助行器等辅具。",
            "镇残联负责人表示，下一步将做好回访工作，了解残疾人康复效果和需求，让康复服务更精准、更贴心。",
        ),
    ),
    Piece(
        slug="shiqiao-reading-circle",
        column="grassroots",
        title="石桥镇：家门口的“15分钟阅读圈”",
        date=date(2022, 5, 19),
        source="349981104000",
        author="吴小军",
        summary="石桥镇依托综合文化站和农家书屋建设城乡阅读空间，居民步行15分钟就能借书读书。",
        items=(5,),
        body=(
            "周末的石桥镇综合文化站阅览室里，十几名孩子正围坐在一起听志愿者讲绘本故事。这处新改造的阅读空间藏书8000余册，"
            "与市图书馆实现通借通还。",
            "今年，石桥镇把“15分钟阅读圈”建设与农家书屋提升结合起来，在镇区新建1处城乡阅读空间，对8个村的农家书屋进行改造提升，"
            "统一配备图书、书架和电子借阅机。",
            Figure(IMG_READING, "镇区街道旁的文化站", "石桥镇综合文化站"),
            "为了让书屋“活”起来，镇里招募了30名阅读推广志愿者，定期开展亲子阅读、读书分享和农技讲座，"
            "今年以来已举办活动46场，参与群众2100余人次。",
            "“以前借本书要跑到城里，现在走几分钟就到了。”赵岗村村民赵大哥说，他最近在书屋借了几本养殖技术方面的书。",
        ),
    ),
    Piece(
        slug="longquan-home-callbacks",
        column="grassroots",
        title="龙泉镇：入户回访倾听受益群众心声",
        date=date(2022, 6, 2),
        source="349981105000",
        author="罗建华",
        summary="龙泉镇组织镇村干部对民生工程受益对象逐户回访，核对信息、讲解政策、收集意见，回访覆盖率达到100%。",
        items=(13, 17, 19),
        body=(
            "“大娘，您这个月的低保金到账了吗？知道这是民生工程的政策吗？”6月1日，龙泉镇民政办工作人员和金山村网格员来到村民姜大娘家，"
            "开展民生工程受益对象入户回访。",
            "今年以来，龙泉镇把回访作为检验民生工程实效的重要环节，对困难群众救助、养老服务、困难残疾人康复等项目受益对象"
            "实行镇村全覆盖，能电话回访的电话回访，联系不上的上门回访。",
            Figure(IMG_CALLBACK, "山脚下的村庄", "龙泉镇金山村"),
            "回访时，工作人员逐项核对受益对象的姓名、住址、补助项目和金额，讲解政策内容，询问对政策的了解程度和满意度，并如实记录意见建议。",
            "截至5月底，全镇已回访受益对象1860户，发现并更正信息错误14条。对群众反映的问题，镇里建立台账，能当场解决的当场解决，"
            "不能当场解决的限期答复。",
        ),
    ),
    Piece(
        slug="donghu-supervisors-on-site",
        column="grassroots",
        title="东湖乡：特邀监督员走进民生工程项目现场",
        date=date(2022, 6, 22),
        source="349981201000",
        author="潘国强",
        summary="市民生工程特邀监督员到东湖乡查看农村公路和健身设施建设情况，现场提出意见建议6条。",
        items=(15, 4),
        body=(
            "6月21日，市民生工程特邀监督员一行来到东湖乡，实地查看“四好农村路”、全民健身路径等民生工程项目建设情况。",
            "在湖心村至荷塘村农村公路改建现场，监督员们仔细查看路面平整度、路肩和排水沟施工情况，并翻阅施工日志和监理记录。"
            "“路修好了，要把养护跟上。”特邀监督员周明德说。",
            Figure(IMG_DONGHU_ROAD, "湖边新修的道路和桥梁", "东湖乡湖心村至荷塘村农村公路"),
            "在潘集村健身路径，监督员向正在锻炼的村民了解器材使用情况。村民们反映，健身器材安装到了家门口，早晚都有人来锻炼，"
            "希望再增加一些适合老人的器材。",
            "座谈会上，监督员们提出加强工程质量抽检、健身器材定期维护等意见建议6条。乡民生办当场认领，承诺在20个工作日内逐条办理并反馈。",
        ),
    ),
    Piece(
        slug="wenchang-old-estate-new-look",
        column="grassroots",
        title="文昌社区：老旧小区换新颜 居民笑开颜",
        date=date(2022, 6, 24),
        source="349981001005",
        author="黄芳",
        summary="城关街道文昌社区棉纺厂宿舍小区改造进入收尾阶段，雨污分流、路灯、停车位等问题一并解决。",
        items=(16,),
        body=(
            "走进城关街道文昌社区棉纺厂宿舍小区，坑洼的路面铺上了沥青，杂乱的“空中蜘蛛网”不见了，新砌的花坛里月季开得正艳。",
            "棉纺厂宿舍小区建于上世纪90年代，共有住户312户，因年久失修，存在雨污管网堵塞、路灯不亮、停车难等问题。"
            "今年小区被列入老旧小区改造计划，4月中旬开工。",
            Figure(IMG_WENCHANG, "改造后的小区楼房和花坛", "改造中的文昌社区棉纺厂宿舍小区"),
            "改造前，社区先后召开5次居民议事会，征求意见建议120多条。根据居民意见，改造方案增加了电动自行车集中充电棚和适老化扶手，"
            "保留了居民喜欢的老梧桐树。",
            "“以前下雨天院子里都是水，现在路平了、灯亮了，晚上出来散步也放心。”在小区住了28年的王阿姨说。",
            "目前，小区雨污分流、强弱电入地等工程已经完工，预计7月底前全面完成改造。",
        ),
    ),
)

PHOTOS: tuple[Piece, ...] = (
    Piece(
        slug="photos-spring-festival-assistance",
        column="photos",
        title="图绘民生｜岁末年初 救助温暖送到家",
        date=date(2022, 1, 28),
        source="D05",
        author="刘建国 摄",
        summary="春节前夕，全市发放困难群众春节慰问金和临时救助资金共1860万元，惠及困难群众2.3万户。",
        items=(13,),
        photos=(
            _photo(
                "白塔镇周湾村冬日村景",
                "village",
                "dusk",
                201,
                "傍晚时分的村庄",
                "春节前夕，白塔镇周湾村家家户户准备过年。",
            ),
            _photo(
                "西岭镇敬老院餐厅", "hall", "warm", 202, "敬老院宽敞的餐厅", "西岭镇敬老院为特困供养老人准备团圆饭。"
            ),
            _photo(
                "南港镇渔湾村田野",
                "fields",
                "autumn",
                203,
                "冬日田野与远处村庄",
                "民政干部走村入户，把临时救助金送到困难群众手中。",
            ),
            _photo(
                "城关街道新华社区",
                "community",
                "dusk",
                204,
                "暮色中的社区楼房",
                "城关街道为城市低保家庭送去米面油等慰问品。",
            ),
        ),
    ),
    Piece(
        slug="photos-rural-roads",
        column="photos",
        title="图绘民生｜四好农村路 铺就致富路",
        date=date(2022, 3, 30),
        source="D10",
        author="孙涛 摄",
        summary="一条条农村公路连村通组，把田间地头和城镇市场连在了一起。",
        items=(15,),
        photos=(
            _photo(
                "桃源镇桃花村通组公路",
                "road",
                "spring",
                211,
                "桃花盛开时节的乡村公路",
                "桃源镇桃花村新建通组公路，果农运果更方便了。",
            ),
            _photo(
                "西岭镇岭上村山区公路",
                "road",
                "noon",
                212,
                "通往山区的平整公路",
                "西岭镇岭上村至高峰村公路完成路面硬化。",
            ),
            _photo(
                "柳河镇徐圩村田间道路",
                "fields",
                "noon",
                213,
                "田野间纵横的道路",
                "柳河镇徐圩村农田道路与农村公路连通成网。",
            ),
            _photo(
                "南港镇沿河村危桥改造",
                "river",
                "harbor",
                214,
                "河面上新建的桥梁",
                "南港镇沿河村危桥改造后，村民出行不再绕远路。",
            ),
        ),
    ),
    Piece(
        slug="photos-after-school",
        column="photos",
        title="图绘民生｜课后服务 快乐成长",
        date=date(2022, 4, 29),
        source="D04",
        author="吴静 摄",
        summary="全市中小学课后服务丰富多彩，作业辅导、体育锻炼、兴趣社团让孩子们放学后有了好去处。",
        items=(3,),
        photos=(
            _photo(
                "市实验小学课后服务",
                "school",
                "civic",
                221,
                "学校教学楼与红色跑道",
                "市实验小学学生在课后服务时间进行体育锻炼。",
            ),
            _photo(
                "青山镇中心小学",
                "school",
                "spring",
                222,
                "春日里的乡镇小学",
                "青山镇中心小学开设书法、剪纸等兴趣课程。",
            ),
            _photo(
                "白塔镇中学课后阅读课", "hall", "noon", 223, "窗明几净的教室", "白塔镇中学学生在课后服务时间自主阅读。"
            ),
            _photo(
                "龙泉镇中心小学操场",
                "park",
                "morning",
                224,
                "学校操场上的跑道",
                "龙泉镇中心小学组织学生开展课后足球训练。",
            ),
            _photo("城关第二小学", "school", "autumn", 225, "教学楼前的操场", "城关第二小学课后服务参与率达到96%。"),
        ),
    ),
    Piece(
        slug="photos-fitness-circle",
        column="photos",
        title="图绘民生｜家门口的“15分钟健身圈”",
        date=date(2022, 5, 31),
        source="D14",
        author="郑凯 摄",
        summary="体育公园、健身广场、健身路径遍布城乡，市民出门就能健身。",
        items=(4,),
        photos=(
            _photo("城东体育公园", "park", "noon", 231, "体育公园的环形跑道", "城东体育公园环形健身步道全长1.2公里。"),
            _photo(
                "桃源镇全民健身广场",
                "park",
                "spring",
                232,
                "绿树环绕的健身广场",
                "桃源镇全民健身广场每天吸引数百名群众锻炼。",
            ),
            _photo("石桥镇健身路径", "park", "dusk", 233, "傍晚的健身场地", "傍晚时分，石桥镇居民在健身路径锻炼身体。"),
            _photo(
                "文昌社区多功能运动场",
                "community",
                "noon",
                234,
                "社区楼房间的运动场地",
                "文昌社区利用边角地建成多功能运动场。",
            ),
        ),
    ),
    Piece(
        slug="photos-old-estates",
        column="photos",
        title="图绘民生｜老旧小区改造进行时",
        date=date(2022, 6, 20),
        source="D09",
        author="何伟 摄",
        summary="全市26个老旧小区改造项目全部开工，管网、道路、绿化同步更新，小区面貌焕然一新。",
        items=(16,),
        photos=(
            _photo(
                "城关街道东门社区改造后",
                "community",
                "morning",
                241,
                "粉刷一新的住宅楼",
                "城关街道东门社区住宅楼外立面完成整治。",
            ),
            _photo("南关社区小区道路", "town", "noon", 242, "小区外平整的道路", "南关社区小区道路完成沥青铺设。"),
            _photo(
                "北关社区休闲广场",
                "community",
                "spring",
                243,
                "小区内的绿地与步道",
                "北关社区利用闲置空地建成休闲广场。",
            ),
        ),
    ),
)

VIDEOS: tuple[Piece, ...] = (
    Piece(
        slug="video-2022-items-in-one-minute",
        column="videos",
        title="视听民生｜一分钟了解2022年民生实事",
        date=date(2022, 2, 11),
        source="D03",
        author="市融媒体中心",
        summary="一分钟短视频，带您了解2022年我市承担的16项民生实事。",
        video_file=True,
        poster=IMG_VIDEO_POSTER,
        body=(
            "2022年，我市承担省定民生实事16项，涵盖教育、医疗卫生、养老服务、就业、基础设施和困难群体救助等领域。",
            "市融媒体中心推出短视频，用一分钟时间带您了解今年民生实事“办什么、谁来办、怎么享受”。",
            CONSULTATION,
        ),
    ),
    Piece(
        slug="video-elderly-outpatient-service",
        column="videos",
        title="视听民生｜老年人门诊就医更便捷了",
        date=date(2022, 6, 10),
        source="D06",
        author="孙丽萍",
        summary="市人民医院设立老年人就医绿色通道，提供挂号、缴费、取药“一站式”服务。",
        items=(8,),
        embed_url="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&page=1&autoplay=0",
        poster=IMG_CLINIC_POSTER,
        body=(
            "今年，我市实施老年人门诊就医便民服务项目，全市二级以上医院均设立老年人就医绿色通道，保留人工挂号、现金缴费窗口，"
            "为行动不便的老人提供轮椅和陪诊服务。",
            "视频带您走进市人民医院门诊大厅，看看老年人就医有哪些新变化。",
        ),
    ),
)

POLICIES: tuple[Piece, ...] = (
    Piece(
        slug="policy-2022-publicity-plan",
        column="policies",
        title="关于印发《青河市2022年民生工程宣传工作方案》的通知",
        date=date(2022, 2, 7),
        source="D01",
        author="市民生办",
        summary="市民生办印发2022年民生工程宣传工作方案，明确工作目标、主要任务和工作要求。",
        doc_number="青民生办〔2022〕3号",
        attachment=Attachment(
            title="青民生办〔2022〕3号 青河市2022年民生工程宣传工作方案",
            filename="qingminshengban-2022-3.docx",
            issuer="青河市民生工程领导小组办公室",
            date_text="2022年2月7日",
            label="青河市2022年民生工程宣传工作方案（Word）",
        ),
        body=(
            "各镇人民政府、街道办事处，东湖乡人民政府，市直有关单位：",
            "现将《青河市2022年民生工程宣传工作方案》印发给你们，请结合实际认真贯彻落实。",
            Heading("一、工作目标"),
            "围绕2022年16项民生实事，广泛宣传民生政策和实施成效，全市民生工程政策知晓率达到95%以上，"
            "受益对象回访满意率达到95%以上，每个村（社区）民生工程公示栏设置率达到100%。",
            Heading("二、主要任务"),
            "（一）做好政策解读。各牵头部门在项目启动一个月内编印政策明白纸，讲清补助对象、补助标准、申请流程和咨询电话。"
            "（二）抓好公开公示。受益对象名单在村（社区）公示栏公示不少于7天，不得公开身份证号码、电话号码等个人信息。"
            "（三）开展宣传月活动。5月组织全市民生工程宣传月，推动政策进村入户。（四）做好信息报送。各单位每月至少报送信息2条。",
            Heading("三、工作要求"),
            "各单位要明确一名分管负责同志和一名信息联络员，于2月20日前报市民生办备案。市民生办将按月通报各单位宣传工作开展情况，"
            "并将其纳入年度民生工程考核。",
        ),
    ),
    Piece(
        slug="policy-after-school-service-plan",
        column="policies",
        title="青河市2022年中小学课后服务实施方案",
        date=date(2022, 3, 1),
        source="D04",
        author="市教育局",
        summary="明确课后服务的对象、时间、内容、经费保障和监督管理，实现义务教育学校课后服务全覆盖。",
        items=(3,),
        doc_number="青教〔2022〕15号",
        attachment=Attachment(
            title="青教〔2022〕15号 青河市2022年中小学课后服务实施方案",
            filename="qingjiao-2022-15.docx",
            issuer="青河市教育局",
            date_text="2022年3月1日",
            label="青河市2022年中小学课后服务实施方案（Word）",
        ),
        body=(
            Heading("一、服务对象和时间"),
            "全市义务教育阶段学校学生，坚持家长自愿、学校组织原则。课后服务每周5天，每天不少于2小时，"
            "城区学校结束时间原则上不早于当地正常下班时间。",
            Heading("二、服务内容"),
            "以作业辅导、自主阅读为基础，开设体育、艺术、科普、劳动等兴趣课程，不得利用课后服务时间讲授新课或组织集体补课。",
            Heading("三、经费保障"),
            "课后服务经费采取财政补助和服务性收费相结合的方式筹措，服务性收费标准经价格主管部门核定后执行，"
            "对家庭经济困难学生免收服务费用。",
            Heading("四、监督管理"),
            "各学校要公示课后服务内容、时间和收费标准，市教育局设立监督电话0550-1234301，接受社会监督。",
        ),
    ),
    Piece(
        slug="policy-elderly-meal-subsidy-rules",
        column="policies",
        title="青河市老年助餐服务补贴实施细则",
        date=date(2022, 3, 15),
        source="D05",
        author="市民政局",
        summary="明确老年助餐服务对象、补贴标准、助餐点建设和资金管理要求。",
        items=(7,),
        doc_number="青民〔2022〕8号",
        attachment=Attachment(
            title="青民〔2022〕8号 青河市老年助餐服务补贴实施细则",
            filename="qingmin-2022-8.docx",
            issuer="青河市民政局",
            date_text="2022年3月15日",
            label="青河市老年助餐服务补贴实施细则（Word）",
        ),
        body=(
            Heading("第一条 服务对象"),
            "本市户籍60周岁及以上老年人均可在助餐点就餐，优先保障独居、空巢、失能、高龄和经济困难老年人。",
            Heading("第二条 补贴标准"),
            "特困供养、低保、低保边缘家庭60周岁及以上老年人每人每餐补贴5元；80周岁及以上老年人每人每餐补贴3元；"
            "同时符合两项条件的，按就高原则补贴，不重复享受。每人每天补贴不超过2餐。",
            Heading("第三条 助餐点建设"),
            "助餐点依托城乡社区养老服务站、农村幸福院和乡镇敬老院建设，须取得食品经营许可，落实食材溯源和48小时留样制度。",
            Heading("第四条 资金管理"),
            "补贴资金由市、镇两级财政按6:4比例承担，民政部门按月据实核拨。助餐点应每月公示就餐人次和补贴资金使用情况，"
            "虚报冒领的，追回补贴资金并取消助餐点资格。",
        ),
    ),
    Piece(
        slug="policy-2022-callback-notice",
        column="policies",
        title="关于做好2022年民生工程受益对象回访工作的通知",
        date=date(2022, 5, 30),
        source="D01",
        author="市民生办",
        summary="部署2022年民生工程受益对象回访工作，明确回访范围、内容、方式和时间安排。",
        doc_number="青民生办〔2022〕11号",
        attachment=Attachment(
            title="青民生办〔2022〕11号 关于做好2022年民生工程受益对象回访工作的通知",
            filename="qingminshengban-2022-11.docx",
            issuer="青河市民生工程领导小组办公室",
            date_text="2022年5月30日",
            label="关于做好2022年民生工程受益对象回访工作的通知（Word）",
        ),
        body=(
            "各镇人民政府、街道办事处，东湖乡人民政府，市直有关单位：",
            "为核实民生工程受益对象信息，了解群众对民生政策的知晓和满意情况，现就做好2022年受益对象回访工作通知如下。",
            Heading("一、回访范围"),
            "各镇（街道、乡）对本辖区受益对象实行100%回访；市民生办按20%的比例分镇、分村随机抽样复核。",
            Heading("二、回访内容"),
            "核对受益对象身份、住址、补助项目和金额；了解是否知道所享受的是民生工程政策、对政策的了解程度和满意度；听取意见建议。",
            Heading("三、工作要求"),
            "回访发现的信息错误，由回访单位提出更正申请，经数据所属单位核实后更正，不得直接修改。"
            "回访中不得泄露受益对象个人信息。各单位于6月30日前完成回访并报送回访情况。",
        ),
    ),
)

PIECES: tuple[Piece, ...] = (*NEWS, *GRASSROOTS, *PHOTOS, *VIDEOS, *POLICIES)


def all_images() -> list[Img]:
    """Every generated picture, each once, in a stable order."""
    seen: dict[str, Img] = {HOME.banner_image.title: HOME.banner_image}
    for piece in PIECES:
        figures = [b for b in piece.body if isinstance(b, Figure)] + list(piece.photos)
        for img in [f.image for f in figures] + ([piece.poster] if piece.poster else []):
            if seen.setdefault(img.title, img) != img:
                raise ValueError(f"two different pictures are titled {img.title}")
    return list(seen.values())
