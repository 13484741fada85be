"""Default catalogues (主动公开基本目录) and the default review chain, as data.

A body starts from one of these and edits it; nothing here is read again once a catalogue exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.bodies.models import StaffMembership
from gongkai.disclosure.models import Basis as B
from gongkai.disclosure.models import Frequency as F
from gongkai.disclosure.models import StepName


@dataclass(frozen=True)
class NodeSpec:
    name: str
    basis: str
    frequency: str = F.ON_CHANGE
    responsible_unit: str = ""
    children: tuple[NodeSpec, ...] = ()


_GUIDE = NodeSpec(
    "政府信息公开",
    B.ART20_15,
    F.REGULAR,
    "政务公开办公室",
    (
        NodeSpec("政府信息公开指南", B.ART20_15, F.ON_CHANGE, "政务公开办公室"),
        NodeSpec("政府信息公开制度", B.ART20_15, F.ON_CHANGE, "政务公开办公室"),
        NodeSpec("政府信息公开年报", B.ART20_15, F.YEARLY, "政务公开办公室"),
    ),
)

TOWNSHIP: tuple[NodeSpec, ...] = (
    NodeSpec(
        "机构概况",
        B.ART20_2,
        F.ON_CHANGE,
        "党政办公室",
        (NodeSpec("机构职能", B.ART20_2), NodeSpec("内设机构", B.ART20_2), NodeSpec("联系方式", B.ART20_2)),
    ),
    NodeSpec("领导信息", B.ART20_2, F.ON_CHANGE, "党政办公室"),
    NodeSpec(
        "政策文件",
        B.ART20_1,
        F.ON_CHANGE,
        "党政办公室",
        (
            NodeSpec("行政规范性文件", B.ART20_1),
            NodeSpec("其他文件", B.ART20_1),
            NodeSpec("政策解读", B.ART20_1),
        ),
    ),
    NodeSpec("规划计划", B.ART20_3, F.ON_CHANGE, "党政办公室"),
    NodeSpec(
        "财政预决算",
        B.ART20_7,
        F.YEARLY,
        "财政所",
        (NodeSpec("部门预算", B.ART20_7, F.YEARLY), NodeSpec("部门决算", B.ART20_7, F.YEARLY)),
    ),
    NodeSpec(
        "行政执法",
        B.ART20_6,
        F.ON_CHANGE,
        "综合行政执法队",
        (NodeSpec("执法依据和程序", B.ART20_6), NodeSpec("行政处罚决定", B.ART20_6)),
    ),
    NodeSpec("社会救助", B.ART21, F.MONTHLY, "社会事务办公室"),
    NodeSpec("城乡建设", B.ART21, F.ON_CHANGE, "城市管理办公室"),
    NodeSpec("农业农村", B.ART21, F.ON_CHANGE, "农业农村办公室"),
    NodeSpec("安全生产", B.ART20_13, F.ON_CHANGE, "应急管理办公室"),
    NodeSpec("应急管理", B.ART20_12, F.REALTIME, "应急管理办公室"),
    NodeSpec("人事信息", B.ART20_14, F.ON_CHANGE, "党政办公室"),
    NodeSpec("政务动态", B.ART20_15, F.REALTIME, "党政办公室"),
    NodeSpec("公示公告", B.ART20_15, F.REALTIME, "党政办公室"),
    _GUIDE,
)

DEPARTMENT: tuple[NodeSpec, ...] = (
    NodeSpec(
        "机构概况",
        B.ART20_2,
        F.ON_CHANGE,
        "办公室",
        (NodeSpec("机构职能", B.ART20_2), NodeSpec("内设机构", B.ART20_2), NodeSpec("领导信息", B.ART20_2)),
    ),
    NodeSpec(
        "法定主动公开内容",
        B.ART20_1,
        F.ON_CHANGE,
        "办公室",
        (
            NodeSpec("规章", B.ART20_1),
            NodeSpec("行政规范性文件", B.ART20_1),
            NodeSpec("其他文件", B.ART20_1),
            NodeSpec("政策解读", B.ART20_1),
        ),
    ),
    NodeSpec("规划计划", B.ART20_3, F.ON_CHANGE, "办公室"),
    NodeSpec("统计信息", B.ART20_4, F.MONTHLY, "办公室"),
    NodeSpec(
        "行政许可和服务事项",
        B.ART20_5,
        F.ON_CHANGE,
        "审批科",
        (NodeSpec("办事指南", B.ART20_5), NodeSpec("许可结果", B.ART20_5, F.REALTIME)),
    ),
    NodeSpec(
        "行政处罚和行政强制",
        B.ART20_6,
        F.ON_CHANGE,
        "执法科",
        (NodeSpec("依据、条件和程序", B.ART20_6), NodeSpec("行政处罚决定", B.ART20_6)),
    ),
    NodeSpec("财政预决算", B.ART20_7, F.YEARLY, "财务科"),
    NodeSpec("行政事业性收费", B.ART20_8, F.ON_CHANGE, "财务科"),
    NodeSpec("政府采购", B.ART20_9, F.ON_CHANGE, "财务科"),
    NodeSpec("重大建设项目", B.ART20_10, F.ON_CHANGE, "规划科"),
    NodeSpec("民生政策和实施情况", B.ART20_11, F.ON_CHANGE, "业务科"),
    NodeSpec("应急管理", B.ART20_12, F.REALTIME, "办公室"),
    NodeSpec("监督检查", B.ART20_13, F.ON_CHANGE, "执法科"),
    NodeSpec("人事信息", B.ART20_14, F.ON_CHANGE, "人事科"),
    NodeSpec("政务动态", B.ART20_15, F.REALTIME, "办公室"),
    _GUIDE,
)

CATALOGUES: dict[str, tuple[str, tuple[NodeSpec, ...]]] = {
    "township": ("街道、乡镇", TOWNSHIP),
    "department": ("区县政府部门", DEPARTMENT),
}


@dataclass(frozen=True)
class StepSpec:
    name: str
    role: str
    is_secrecy_review: bool = False


R = StaffMembership.Role

REVIEW_CHAIN: tuple[StepSpec, ...] = (
    StepSpec(StepName.DRAFTING, R.CLERK),
    StepSpec(StepName.CHECK, R.REVIEWER),
    StepSpec(StepName.SECOND, R.REVIEWER),
    StepSpec(StepName.SECRECY, R.REVIEWER, is_secrecy_review=True),
    StepSpec(StepName.FINAL, R.LEADER),
)
