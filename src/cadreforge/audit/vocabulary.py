"""What the audit log's action codes mean in Chinese, for the audit administrator (审计管理员) who reads it.

Entries keep the code they were written with (they are hash-chained and never rewritten); the page shows
the label beside the code. tests/audit/test_vocabulary.py finds every code passed to `record` in the
source and fails on one without a label here, so a new code gets its label in the same change.
"""

from django.apps import apps

# The family of an action is the part of its code before the first dot; the 操作类别 filter lists these,
# in this order (related families together), with any family not named here after them.
CATEGORY_NAMES = {
    "auth": "登录与认证",
    "access": "访问控制",
    "user": "用户与权限",
    "grant": "计划授权",
    "api_token": "接口令牌",
    "admin": "后台管理",
    "audit": "审计日志",
    "data_key": "数据密钥",
    "program": "计划",
    "batch": "批次",
    "participant": "计划人员",
    "post": "岗位",
    "host": "派驻单位",
    "team": "小分队",
    "cadre": "干部档案",
    "call": "选拔公告",
    "application": "报名",
    "objection": "公示异议",
    "match": "人岗匹配",
    "assignment": "派驻",
    "weekly_report": "学习周报",
    "event": "活动",
    "talk_note": "谈心谈话",
    "finding": "督导问题",
    "duty": "职责清单",
    "output": "书面成果",
    "party_branch": "临时党支部",
    "notification_channel": "通知渠道",
    "enterprise": "企业库",
    "chain": "产业链图谱",
    "visit": "企业走访",
    "lead": "招商线索",
    "project": "招商项目",
    "talent": "人才引进",
    "pipeline": "招商设置",
    "course": "课程",
    "session": "课次",
    "platform": "学习平台",
    "video": "网课视频",
    "quiz": "测验",
    "question": "测验题目",
    "training": "培训要求",
    "kpischeme": "考核方案",
    "assessment": "考核评分",
    "commendation": "表彰",
    "promotion": "提拔使用",
    "appointment_form": "任免审批表",
    "mentor": "导师帮带",
    "faultcase": "容错纠错",
    "indicator": "指标",
    "briefing": "简报",
    "briefing_schedule": "简报计划",
    "ledger": "台账导入导出",
}

ACTION_LABELS = {
    # 登录与认证、访问控制、用户与权限
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录失败",
    "auth.otp_enrol": "绑定二次验证设备",
    "auth.otp_verify": "二次验证通过",
    "auth.session_expired": "会话超时退出",
    "access.denied": "拒绝访问",
    "user.create": "新建用户",
    "user.rights_change": "修改用户权限",
    "user.groups_change": "修改用户所属组",
    "user.permissions_change": "修改用户单项权限",
    "grant.create": "授权管理计划",
    "api_token.create": "新建接口令牌",
    "api_token.revoke": "撤销接口令牌",
    "admin.add": "后台新增",
    "admin.change": "后台修改",
    "admin.delete": "后台删除",
    "audit.purge": "清理过期审计记录",
    "data_key.rekey": "轮换个人信息密钥",
    "data_key.reseal_files": "重新加密已存文件",
    # 计划、批次、岗位、干部
    "program.create": "新建计划",
    "program.update": "修改计划",
    "batch.create": "新建批次",
    "participant.create": "干部纳入计划",
    "post.create": "新建岗位",
    "host.contacts": "修改派驻单位联系人",
    "team.create": "新建小分队",
    "team.members": "调整小分队成员",
    "cadre.create": "新建干部档案",
    "cadre.profile_update": "修改干部档案",
    "cadre.photo": "更换干部照片",
    "cadre.lrmx_import": "导入干部任免表（LRMX）",
    "cadre.reveal": "查看完整个人信息",
    "cadre.reveal_denied": "查看完整个人信息被拒绝",
    "cadre.link_user": "关联干部与用户",
    # 选拔
    "call.create": "发布选拔公告",
    "call.update": "修改选拔公告",
    "call.priority_rules": "设置优先条件",
    "call.evaluate": "资格审查与排序",
    "call.shortlist": "确定考察人选",
    "call.decide": "确定选派人选",
    "application.submit": "提交报名",
    "application.score": "录入评分",
    "objection.create": "登记公示异议",
    "objection.resolve": "处理公示异议",
    # 人岗匹配、派驻
    "match.preferences": "填报岗位志愿",
    "match.host_ranking": "录入派驻单位意向",
    "match.exclusion.add": "新增回避限制",
    "match.exclusion.remove": "取消回避限制",
    "match.run": "运行人岗匹配",
    "match.override": "人工调整匹配结果",
    "match.publish": "发布匹配结果",
    "match.teams": "组建小分队",
    "assignment.save": "确定派驻岗位",
    "assignment.status": "变更派驻状态",
    "assignment.host_contact": "设置派驻单位联系人",
    "weekly_report.save": "保存学习周报",
    "weekly_report.submit": "提交学习周报",
    "weekly_report.review": "批阅学习周报",
    "event.save": "保存活动",
    "event.attendance": "登记活动出勤",
    "talk_note.save": "保存谈心谈话记录",
    "finding.create": "登记督导问题",
    "finding.close": "督导问题销号",
    "duty.save": "保存职责清单事项",
    "duty.mark": "标记职责完成",
    "output.save": "保存书面成果",
    "party_branch.save": "保存临时党支部",
    "notification_channel.save": "保存通知渠道",
    "notification_channel.test": "发送测试通知",
    # 招商
    "enterprise.merge": "合并重复企业",
    "enterprise.unmerge": "撤销企业合并",
    "enterprise.not_duplicate": "标记企业不重复",
    "enterprise.not_duplicate.undo": "撤销“企业不重复”标记",
    "chain.place": "企业上链",
    "chain.replace": "修改链上企业",
    "chain.remove": "企业移出产业链",
    "visit.create": "登记企业走访",
    "visit.log": "登记企业走访（接口）",
    "lead.create": "新建招商线索",
    "lead.update": "修改招商线索",
    "lead.log": "登记招商线索（接口）",
    "project.create": "新建招商项目",
    "project.update": "修改招商项目",
    "project.stage": "推进项目阶段",
    "project.stage.verify": "核验项目阶段",
    "project.stage.unverify": "撤销阶段核验",
    "project.evidence": "上传阶段佐证材料",
    "project.amounts": "修改项目到位资金",
    "project.weights": "确定项目贡献占比",
    "talent.create": "登记引进人才",
    "pipeline.settings": "修改招商设置",
    # 培训
    "course.create": "新建课程",
    "course.update": "修改课程",
    "course.enrol": "课程报名",
    "course.complete": "完成课程",
    "session.create": "新建课次",
    "session.attend": "登记课次出勤",
    "platform.create": "登记平台学习",
    "video.upload": "上传网课视频",
    "quiz.create": "新建测验",
    "quiz.update": "修改测验",
    "quiz.start": "开始测验",
    "quiz.submit": "提交测验",
    "question.create": "新增测验题目",
    "training.requirement": "设置年度学时要求",
    # 考核评价
    "kpischeme.save": "保存考核方案",
    "kpischeme.update": "修改考核方案",
    "assessment.create": "录入考核评分",
    "commendation.save": "登记表彰",
    "commendation.update": "修改表彰",
    "promotion.create": "提出提拔使用建议",
    "promotion.step": "提拔使用程序审批",
    "promotion.update": "修改提拔使用建议",
    "appointment_form.export": "导出干部任免审批表",
    "mentor.pair": "结对导师",
    "mentor.update": "修改导师结对",
    "mentor.log": "登记导师帮带",
    "mentor.comment": "导师点评",
    "faultcase.file": "提出容错申请",
    "faultcase.step": "容错程序流转",
    "faultcase.review": "容错审核意见",
    "faultcase.correction": "登记纠错措施",
    "faultcase.correction_closed": "纠错措施完成",
    # 指标、简报、台账
    "indicator.create": "新建指标",
    "indicator.update": "修改指标",
    "briefing.queue": "发送简报",
    "briefing_schedule.create": "新建简报计划",
    "briefing_schedule.update": "修改简报计划",
    "briefing_schedule.delete": "删除简报计划",
    "ledger.upload": "上传台账",
    "ledger.import": "导入台账",
    "ledger.interrupted": "台账导入中断",
    "ledger.export": "导出台账",
}

# Back-office writes name no use case, only what was done to which table: the label names the table too.
_MODEL_ACTIONS = {"admin.add", "admin.change", "admin.delete"}


def category_of(action: str) -> str:
    return action.split(".", 1)[0]


def category_name(category: str) -> str:
    """The Chinese name of a family of actions; an unknown one (an older entry's) shows as its code."""
    return CATEGORY_NAMES.get(category, category)


def _model_name(object_type: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return ""


def action_label(action: str, object_type: str = "") -> str:
    """The Chinese label of an entry's action: 「合并重复企业」; for back-office writes with the table,
    「后台修改：干部」. An unknown code (an older entry's) shows as the code itself."""
    label = ACTION_LABELS.get(action, action)
    if action in _MODEL_ACTIONS and object_type:
        model = _model_name(object_type)
        if model:
            return f"{label}：{model}"
    return label
