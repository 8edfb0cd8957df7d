"""Six months (January–June 2022) of submissions with every outcome, external placements,
the 2022 point rules and monthly quotas. Idempotent: a piece whose title exists is skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from minsheng.orgs.models import Org, User
from minsheng.submissions import services
from minsheng.submissions.models import ExternalPlacement, Quota, ReviewOutcome, Submission

# outcome: adopt / headline / return-adopt / decline / withdraw / wait / return
SUBMITTER = {
    "349981101000": "qingshan",
    "349981102000": "baita",
    "349981103000": "liuhe",
    "D05": "minzheng",
    "D06": "weijian",
    "D04": "jiaoyu",
}


@dataclass(frozen=True)
class DemoSubmission:
    unit: str
    month: int
    day: int
    title: str
    body: str
    outcome: str
    column: str = "news"
    level: str = "city"
    reason: str = ""


SUBMISSIONS: tuple[DemoSubmission, ...] = (
    DemoSubmission(
        "349981101000",
        1,
        6,
        "青山镇召开2022年民生工程工作部署会",
        "会议传达了全市民生工程工作会议精神，对全年33项民生工程逐项分解任务、压实责任。",
        "adopt",
    ),
    DemoSubmission(
        "D05",
        1,
        10,
        "市民政局提高城乡低保标准",
        "自1月1日起，城市低保标准提高到每人每月720元，农村低保标准同步提高。",
        "headline",
    ),
    DemoSubmission(
        "349981102000",
        1,
        14,
        "白塔镇开展民生工程政策进村入户宣传",
        "镇村干部走村入户发放明白纸3000余份，现场解答群众咨询。",
        "decline",
        reason="内容与1月已采用稿件重复。",
    ),
    DemoSubmission(
        "D06",
        1,
        20,
        "市卫健委启动65岁以上老年人免费健康体检",
        "全市各乡镇卫生院为65岁以上老年人提供免费体检和健康指导。",
        "adopt",
        column="grassroots",
    ),
    DemoSubmission(
        "349981103000",
        2,
        8,
        "柳河镇老年助餐点让老人吃上热乎饭",
        "柳河镇新建4个老年助餐点，每天为260多名老人提供午餐。",
        "return-adopt",
        reason="请补充助餐点数量和补助标准。",
    ),
    DemoSubmission(
        "D04",
        2,
        15,
        "市教育局推进中小学课后服务全覆盖",
        "全市中小学全面开展课后服务，参与学生达4.2万人。",
        "adopt",
        column="grassroots",
    ),
    DemoSubmission(
        "349981101000",
        2,
        21,
        "青山镇改造农村危房18户",
        "镇里组织技术人员逐户核查，18户农村危房改造全部开工。",
        "headline",
    ),
    DemoSubmission(
        "D05", 3, 3, "市民政局为困难残疾人发放两项补贴", "一季度共为3200名困难残疾人发放生活补贴和护理补贴。", "adopt"
    ),
    DemoSubmission(
        "349981102000",
        3,
        9,
        "白塔镇孤独症儿童康复救助见成效",
        "镇残联联系定点康复机构，为12名孤独症儿童提供康复训练。",
        "return-adopt",
        reason="请核实受助儿童人数。",
    ),
    DemoSubmission(
        "D06", 3, 16, "两癌筛查进社区", "市妇幼保健院组织专家深入社区，为适龄妇女开展宫颈癌、乳腺癌筛查。", "withdraw"
    ),
    DemoSubmission(
        "349981103000",
        3,
        25,
        "柳河镇图说民生：新建村级文化广场",
        "柳河镇本月建成3个村级文化广场，群众晚饭后有了好去处。",
        "adopt",
        column="photos",
    ),
    DemoSubmission(
        "349981101000",
        4,
        7,
        "青山镇开展民生工程满意度回访",
        "镇民生办组织人员对受益群众电话回访，群众满意度达98%。",
        "adopt",
    ),
    DemoSubmission(
        "D04",
        4,
        12,
        "市教育局发放学生资助资金",
        "春季学期共发放各类学生资助资金560万元，惠及学生8900人次。",
        "decline",
        reason="资金数据尚未经财政部门核实。",
    ),
    DemoSubmission(
        "D05",
        4,
        19,
        "市民政局推进特困人员供养服务设施改造",
        "全市5所敬老院完成改造提升，新增护理床位120张。",
        "headline",
        level="provincial",
    ),
    DemoSubmission(
        "349981102000",
        4,
        26,
        "白塔镇农村道路畅通工程开工",
        "白塔镇今年计划改建农村道路12公里，首批3条道路开工建设。",
        "adopt",
    ),
    DemoSubmission(
        "D06",
        5,
        6,
        "市卫健委：家庭医生签约服务走进千家万户",
        "全市组建家庭医生团队126个，重点人群签约率达78%。",
        "adopt",
    ),
    DemoSubmission(
        "349981103000",
        5,
        13,
        "柳河镇公示民生工程受益名单",
        "柳河镇在各村公示栏张贴受益名单，接受群众监督。",
        "return",
        reason="照片中有群众身份证号，请打码后重新报送。",
    ),
    DemoSubmission(
        "349981101000",
        5,
        20,
        "青山镇长者食堂开张",
        "首批8个长者食堂投入运营，服务老人1200人。",
        "return-adopt",
        reason="请补充服务人数。",
    ),
    DemoSubmission(
        "D04",
        5,
        27,
        "市教育局新建公办幼儿园3所",
        "3所新建公办幼儿园主体完工，预计秋季开学投入使用，新增学位810个。",
        "adopt",
    ),
    DemoSubmission(
        "D05", 6, 2, "市民政局开展民生工程政策宣传月活动", "6月为民生工程政策宣传月，全市设立咨询点56个。", "adopt"
    ),
    DemoSubmission(
        "349981102000", 6, 9, "白塔镇困难群众临时救助及时到位", "白塔镇本月为突发困难的17户家庭发放临时救助金。", "wait"
    ),
    DemoSubmission(
        "349981101000", 6, 15, "青山镇农村改厕后续管护有保障", "镇里建立改厕管护站2个，群众报修24小时内上门。", "wait"
    ),
    DemoSubmission(
        "D06",
        6,
        20,
        "市卫健委开展老年人能力综合评估",
        "全市为1.1万名老年人完成能力综合评估，建立健康档案。",
        "wait",
        column="grassroots",
    ),
    DemoSubmission(
        "349981103000", 6, 24, "柳河镇新建村卫生室投入使用", "柳河镇2个新建村卫生室投入使用，群众看病不出村。", "wait"
    ),
)


@dataclass(frozen=True)
class DemoPlacement:
    unit: str
    title: str
    outlet: str
    level: str
    day: date
    placement: str = "ordinary"
    outlet_name: str = ""
    leader_instruction: bool = False
    confirmed: bool = True


PLACEMENTS: tuple[DemoPlacement, ...] = (
    DemoPlacement("D05", "青河市提高城乡低保标准", "ahmsgc", "provincial", date(2022, 1, 18)),
    DemoPlacement(
        "349981101000",
        "青山镇农村危房改造让群众住上安全房",
        "ahrb",
        "provincial",
        date(2022, 3, 2),
        leader_instruction=True,
    ),
    DemoPlacement("D04", "青河市课后服务“五育并举”", "zgcjb", "national", date(2022, 4, 20)),
    DemoPlacement(
        "349981102000", "白塔镇的“民生小喇叭”", "wechat", "county", date(2022, 5, 11), outlet_name="青河发布"
    ),
    DemoPlacement(
        "349981103000",
        "柳河镇长者助餐点探访",
        "douyin",
        "county",
        date(2022, 6, 8),
        outlet_name="青河融媒",
        confirmed=False,
    ),
    DemoPlacement(
        "D06",
        "青河市家庭医生签约服务经验",
        "ahmsgc",
        "provincial",
        date(2022, 6, 21),
        placement="headline",
        confirmed=False,
    ),
)


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(date(2022, month, day), time(hour, 30)))


def seed_submissions() -> int:
    """Create what is missing; returns how many pieces and placements were created."""
    users = {u.username: u for u in User.objects.filter(username__in=[*SUBMITTER.values(), "coordinator"])}
    coord = users.get("coordinator")
    if coord is None:
        return 0
    created = services.point_rules_ensure_defaults(actor=None, year=2022)
    if not Quota.objects.filter(year=2022).exists():
        Quota.objects.create(year=2022, unit_group="town", period="month", required=1)
        for code in ("D04", "D05", "D06"):  # the departments that write for the site
            Quota.objects.create(year=2022, unit=Org.objects.get(code=code), period="month", required=1)
        created += 4
    existing = set(Submission.objects.values_list("title", flat=True))
    for spec in SUBMISSIONS:
        if spec.title in existing or SUBMITTER[spec.unit] not in users:
            continue
        _one(spec, users[SUBMITTER[spec.unit]], coord)
        created += 1
    orgs = {o.code: o for o in Org.objects.filter(code__in=[p.unit for p in PLACEMENTS])}
    have = set(ExternalPlacement.objects.values_list("title", flat=True))
    for p in PLACEMENTS:
        if p.title in have:
            continue
        placement = ExternalPlacement.objects.create(
            unit=orgs[p.unit],
            title=p.title,
            outlet=p.outlet,
            outlet_name=p.outlet_name,
            level=p.level,
            placement=p.placement,
            date=p.day,
            link="https://www.example.org/minsheng",
            leader_instruction=p.leader_instruction,
        )
        if p.confirmed:
            services.external_placement_confirm(actor=coord, placement=placement)
        created += 1
    return created


def _one(spec: DemoSubmission, actor: User, coord: User) -> None:
    body = f"<p>{spec.body}</p>"
    sub = services.submission_create(
        actor=actor,
        submission=Submission(
            column=spec.column, title=spec.title, summary=spec.body[:60], body=body, author=actor.full_name
        ),
    )
    if spec.column == "photos":
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("pk").first()
        if image is None:
            sub.column = "news"
            sub.save()
        else:
            sub.images.create(image=image, alt_text=spec.title, caption=spec.title)
    submitted = _at(spec.month, spec.day)
    services.submission_submit(actor=actor, submission=sub)
    _backdate(sub, submitted)
    decided = _at(spec.month, min(spec.day + 2, 28), 15)
    if spec.outcome in ("return-adopt", "return"):
        services.submission_return(actor=coord, submission=sub, reason=spec.reason)
        _backdate_outcome(sub, decided)
        if spec.outcome == "return":
            return
        sub.refresh_from_db()
        sub.body = body.replace("</p>", "（已按要求补充修改）</p>")
        services.submission_edit(actor=actor, submission=sub)
        services.submission_submit(actor=actor, submission=sub)
        Submission.objects.filter(pk=sub.pk).update(last_submitted_at=_at(spec.month, min(spec.day + 3, 28)))
        decided = _at(spec.month, min(spec.day + 4, 28), 15)
    sub.refresh_from_db()
    if spec.outcome in ("adopt", "return-adopt", "headline"):
        placement = "headline" if spec.outcome == "headline" else "ordinary"
        services.submission_adopt(actor=coord, submission=sub, placement=placement, level=spec.level, when=decided)
        Submission.objects.filter(pk=sub.pk).update(decided_at=decided)
    elif spec.outcome == "decline":
        services.submission_decline(actor=coord, submission=sub, reason=spec.reason)
        _backdate_outcome(sub, decided)
    elif spec.outcome == "withdraw":
        services.submission_withdraw(actor=actor, submission=sub)


def _backdate(sub: Submission, when: datetime) -> None:
    Submission.objects.filter(pk=sub.pk).update(submitted_at=when, last_submitted_at=when, created_at=when)


def _backdate_outcome(sub: Submission, when: datetime) -> None:
    ReviewOutcome.objects.filter(submission=sub).order_by("-round").filter(round=sub.round).update(decided_at=when)
    Submission.objects.filter(pk=sub.pk).update(decided_at=when)
