"""The words of verdicts at the deadline: outcomes, certainty, bases, the reasons a verdict is provisional, the
scorecard, who drove it, what comes next, series breaks and milestone states."""

LABELS: dict[str, dict[str, str]] = {
    # --- outcomes and certainty ----------------------------------------------------------------------------
    "verdict_achieved": {"zh": "已实现", "en": "Achieved"},
    "verdict_not_achieved": {"zh": "未实现", "en": "Not achieved"},
    "verdict_not_settled": {"zh": "尚无定论", "en": "Not settled"},
    "verdict_awaiting_figures": {"zh": "等待数据", "en": "Awaiting figures"},
    "verdict_final": {"zh": "最终", "en": "final"},
    "verdict_provisional": {"zh": "暂定", "en": "provisional"},
    "verdict_with_certainty": {"zh": "{outcome}（{certainty}）", "en": "{outcome} ({certainty})"},
    # --- bases ---------------------------------------------------------------------------------------------
    "basis_annual": {"zh": "{year}年当年的数值", "en": "the {year} figure for the year"},
    "basis_cumulative": {"zh": "计划期内的累计数", "en": "the total over the plan"},
    "basis_level": {"zh": "{year}年末的水平", "en": "the level in {year}"},
    "basis_short_annual": {"zh": "当年", "en": "annual"},
    "basis_short_cumulative": {"zh": "累计", "en": "cumulative"},
    "basis_short_level": {"zh": "期末水平", "en": "level"},
    "basis_short_open": {"zh": "{basis}或{alternative}（未说明）", "en": "{basis} or {alternative} (open)"},
    "basis_open": {
        "zh": "{basis}（来源未说明，另一读法：{alternative}）",
        "en": "{basis} (the source leaves it open; the other reading: {alternative})",
    },
    # --- the verdict panel ------------------------------------------------------------------------------------
    "targets_title_verdicts": {"zh": "目标：是否实现", "en": "Targets: were they met?"},
    "targets_verdict_intro": {
        "zh": "期限已过的目标给出结论：按目标的口径（当年、累计或期末水平）和范围，看期限年份公布的数据是否达标。"
        "依据全年、A或B级、口径一致的数据为“最终”；依据C级数据、部分月份、下限值或口径未明的为“暂定”；"
        "期限年份的数据尚未公布为“等待数据”，并列出最新信号和通常的公布时间。期限未到的目标仍按进度方法评估（见各目标的方法说明）。",
        "en": "Targets past their deadline get a verdict: does the deadline year's published figure, on the target's "
        "basis (annual, cumulative or a level) and scope, meet it? Final when it rests on a full-period figure "
        "of grade A or B on that basis; provisional when it rests on a grade-C figure, part of a year, a lower bound "
        "or an open basis; awaiting figures while the deadline year's figure is not out, with the latest signal and "
        "when it is usually published. Targets not yet due are judged by the progress method (see each target's "
        "method panel).",
    },
    "verdict_panel": {"zh": "期限已过：结论", "en": "After the deadline: the verdict"},
    "v_item": {"zh": "项目", "en": "Item"},
    "v_outcome": {"zh": "结论", "en": "Verdict"},
    "v_basis": {"zh": "判断口径", "en": "Judged on"},
    "v_scope": {"zh": "计入范围", "en": "What is counted"},
    "v_reading": {"zh": "按{basis}", "en": "On {basis}"},
    "v_figure": {"zh": "所依据的数据", "en": "The figure it rests on"},
    "v_figure_source": {"zh": "该数据的来源", "en": "Its source"},
    "v_signal": {"zh": "最新信号", "en": "Latest signal"},
    "v_release": {"zh": "通常在何时公布", "en": "Usually published"},
    "v_expected": {"zh": "预计公布", "en": "Expected"},
    "figure_at": {"zh": "{value}（{period}）", "en": "{value} ({period})"},
    "progress_method_after_deadline": {
        "zh": "进度测算（期限前的方法，供参考）",
        "en": "The progress method (as used before the deadline, for reference)",
    },
    # --- why a verdict is provisional, or not settled ---------------------------------------------------------
    "verdict_reason_part_year": {
        "zh": "依据的是期限年份的部分月份数据；全年只会更高，已足以判断，但全年数据尚未公布。",
        "en": "It rests on part of the deadline year; the full year can only be higher, which settles it, but the "
        "full-year figure is not published yet.",
    },
    "verdict_reason_bound_below": {
        "zh": "已公布的数据只是下限，低于目标，不足以判断。",
        "en": "The published figure is only a lower bound, below the target: it does not settle it.",
    },
    "verdict_reason_lower_bound": {
        "zh": "依据的是“超过”“以上”之类的下限值。",
        "en": "It rests on a lower bound (“more than”).",
    },
    "verdict_reason_approximate": {
        "zh": "依据的是约数（“近”“约”）。",
        "en": "It rests on an approximate figure (“about”, “nearly”).",
    },
    "verdict_reason_other_basis": {
        # verdicts.py gives it only for a target read as a total over the plan, resting on a figure that is one
        # year's or of unstated basis (which, for an unstated one, the reason "basis_unstated" beside it says)
        "zh": "按计划期累计数理解目标时，依据的数据是单年数或口径未说明的数，只能作为累计额的下限（累计额只会更高）。",
        "en": "Read as a total over the plan, the target is set against a figure that is one year's or of unstated "
        "basis, which counts only as a lower bound for the total (the total can only be higher).",
    },
    "verdict_reason_basis_unstated": {
        "zh": "来源未说明该数据是期限年份当年的数值还是计划期内的累计数，按当年额无法判断。",
        "en": "The source does not say whether the figure is the deadline year's own or a total over the plan, "
        "so on a yearly reading it settles nothing.",
    },
    "verdict_reason_qualitative": {
        # Said of every goal without a number, whatever its own word for "higher" ("明显提高" for universities,
        # "整体提升" for SMEs)
        "zh": "目标没有数值；我们以“年均提高至少{marked}”作为达到目标的判断标准，这个标准是我们定的。",
        "en": "The goal has no number; we count it met if the figure rises at least {marked} a year, a threshold "
        "of our own.",
    },
    "verdict_reason_no_base": {
        "zh": "没有计划开始前的数据可作比较。",
        "en": "There is no figure from before the plan to compare with.",
    },
    "verdict_reason_open_basis": {
        "zh": "来源未说明目标是期限年份当年的数值还是计划期内的累计数；两种读法在结论面板中都列出，结论不会是最终结论。",
        "en": "The source leaves open whether the target is the deadline year's figure or a total over the plan; "
        "both readings are shown in the verdict panel, and the verdict is never final.",
    },
    "verdict_reason_grade_c": {
        "zh": "依据的数据只见于转载或二手报道（C级）。",
        "en": "The figure was read only on reposts or in second-hand reports (grade C).",
    },
    "verdict_reason_grade_d": {
        "zh": "依据的数据是我们推算的（D级）。",
        "en": "The figure is our own derivation (grade D).",
    },
    "verdict_reason_grade_u": {
        "zh": "依据数据的来源尚未评级。",
        "en": "The figure's source is not graded yet.",
    },
    "verdict_reason_scope_open": {
        "zh": "我们持有的数据与目标所计的范围不完全一致（见“计入范围”和假设）。",
        "en": "The figures we hold do not count quite what the target counts (see “What is counted” and the "
        "assumption).",
    },
    # On a target's card, under "awaiting figures", above a latest figure that may already pass the target
    "verdict_awaiting_why": {
        "zh": "{year}年的数据尚未公布；下面的最新值只是信号，不作结论依据。",
        "en": "The {year} figure is not out yet; the latest figure below is a signal, not the verdict's basis.",
    },
    "verdict_overdue_release": {
        "zh": "按惯例应在{expected}前后公布，截至目前未见记录。",
        "en": "It is usually out by {expected}; none is on record yet.",
    },
    # The direction only: "markedly" is one plan's word (the SME plan says "lifted overall"); the wording has it.
    "target_rises_short": {"zh": "提高（无数值目标）", "en": "Higher (no number set)"},
    "target_falls_short": {"zh": "下降（无数值目标）", "en": "Lower (no number set)"},
    # --- the status table ---------------------------------------------------------------------------------------
    "col_evidence_grade": {"zh": "依据等级", "en": "Evidence grade"},
    "col_basis": {"zh": "判断口径", "en": "Basis"},
    # --- series breaks ------------------------------------------------------------------------------------------
    "series_break": {"zh": "系列断点", "en": "Series break"},
    "series_break_note": {
        "zh": "自{period}起系列断开：{note}",
        "en": "The series breaks at {period}: {note}",
    },
    "series_break_spans": {
        "zh": "增速从{base}起算，跨越了{period}的断点，前后口径不同，应谨慎解读。",
        "en": "The growth is counted from {base}, across the break at {period}: the two sides differ in "
        "vintage, so read it with care.",
    },
    # --- who drove it ---------------------------------------------------------------------------------------------
    "drivers_heading": {"zh": "谁推动了变化", "en": "Who drove it"},
    "drivers_rest": {
        "zh": "其他（{total}合计减去以上各类）",
        "en": "Everyone else ({total} minus the above)",
    },
    "drivers_key": {
        "zh": "{type}占{base}—{end}年变化的比重",
        "en": "{type}' share of the {base}–{end} change",
    },
    "drivers_key_on": {"zh": "{indicator}：{share}", "en": "{indicator}: {share}"},
    "col_share_of_change": {"zh": "占变化的比重", "en": "Share of the change"},
    "drivers_caption": {
        "zh": "{indicator}，{base}年至{end}年。比重 =（该类型{end}年值 − {base}年值）÷（合计的变化）；“其他”一行为推算值。依据等级：{grades}。",
        "en": "{indicator}, {base} to {end}. Share = (the type's {end} value − its {base} value) ÷ (the total's "
        "change); the “everyone else” row is derived. Grades of the figures: {grades}.",
    },
    # --- the scorecard and what comes next --------------------------------------------------------------------------
    "scorecard_heading": {"zh": "计划期满：目标实现情况", "en": "The plans' result at the deadline"},
    "scorecard_intro": {
        "zh": "2025年底期限已过。每个目标的结论依据已公布的数据；“暂定”表示依据的是C级数据、部分月份、下限值，或口径尚未明确。",
        "en": "The end-2025 deadline has passed. Each verdict rests on the figures published; “provisional” means "
        "it rests on a grade-C figure, part of a year, a lower bound, or a basis the source leaves open.",
    },
    "scorecard_achieved_final": {"zh": "已实现（最终）", "en": "Achieved (final)"},
    "scorecard_achieved_provisional": {"zh": "已实现（暂定）", "en": "Achieved (provisional)"},
    "scorecard_not_achieved": {"zh": "未实现", "en": "Not achieved"},
    "scorecard_not_settled": {"zh": "尚无定论", "en": "Not settled"},
    "scorecard_awaiting_figures": {"zh": "等待数据", "en": "Awaiting figures"},
    # Parts of one count, written as a sum: "1 / 3" read as "one of three".
    "scorecard_key_achieved": {"zh": "已实现（最终 + 暂定）", "en": "Achieved (final + provisional)"},
    "scorecard_key_open": {"zh": "未实现 + 尚无定论", "en": "Not achieved + not settled"},
    "scorecard_none": {"zh": "无", "en": "None"},
    "scorecard_before_deadline": {
        "zh": "所选目标的期限尚未到，结论将在期限过后给出。",
        "en": "None of the targets shown is past its deadline yet; verdicts come once it is.",
    },
    "next_steps_heading": {"zh": "下一步", "en": "What comes next"},
    "next_steps_intro": {
        "zh": "国家知识产权局公布的2026年工作重点（没有公布新的数值目标）：",
        "en": "CNIPA's priorities for 2026 (no new numeric targets were published):",
    },
    "next_steps_none": {
        "zh": "所选机构类型没有记录在案的后续安排。",
        "en": "No next steps are on record for the institution type shown.",
    },
    # --- milestones --------------------------------------------------------------------------------------------
    "milestone_done_late": {"zh": "已完成（晚于期限）", "en": "Done late"},
    "col_evidence_dated": {"zh": "证据所指日期", "en": "Evidence dated"},
}
