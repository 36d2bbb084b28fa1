"""The words of the programme's pages: overview, targets and progress, sources, the programme pages, milestones and presentation."""

LABELS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "专利转化运用跟踪", "en": "Patent commercialisation tracker"},
    "app_subtitle": {
        "zh": "专利转化运用专项行动（2023—2025年）及配套方案的目标与进展",
        "en": "Goals and progress of the 2023–2025 special action on patent commercialisation and its plans",
    },
    "page_overview": {"zh": "总览", "en": "Overview"},
    "page_sources": {"zh": "来源", "en": "Sources"},
    "language": {"zh": "语言 / Language", "en": "Language / 语言"},
    "institution_type": {"zh": "机构类型", "en": "Institution type"},
    "filter_all": {"zh": "全部类型", "en": "All types"},
    "filter_help": {
        "zh": "筛选作用于所有页面的数据。高校、科研机构的合并口径数据在选择其中任一类型时也会显示，并加以标注。",
        "en": "The filter governs every figure on every page. Figures published only for universities and "
        "institutes together also show under either type, marked as combined.",
    },
    "store": {"zh": "数据库", "en": "Store"},
    "store_caption": {"zh": "数据库：{kind}", "en": "Store: {kind}"},
    "store_kind_sqlite": {"zh": "本机 SQLite 文件", "en": "SQLite file on this computer"},
    "store_kind_postgresql": {"zh": "PostgreSQL 共享数据库", "en": "PostgreSQL, shared"},
    "store_unavailable": {
        "zh": "无法打开数据库，页面无法显示数据。",
        "en": "The store cannot be opened, so no figures can be shown.",
    },
    "store_failed_heading": {
        "zh": "数据库出错，本页未能全部显示。",
        "en": "The store failed, so this page could not be shown in full.",
    },
    "store_hint": {
        "zh": "请检查 DATABASE_URL 或 --db 参数，以及 PostgreSQL 服务是否在运行。",
        "en": "Check DATABASE_URL or the --db option, and whether the PostgreSQL server is running.",
    },
    "data_invalid": {
        "zh": "data/ 或 seeds/ 中的数据文件有误，无法初始化数据库：",
        "en": "A file in data/ or seeds/ is malformed, so the store cannot be seeded:",
    },
    # Overview
    "targets_heading": {"zh": "2025年目标与最新数据", "en": "2025 targets and the latest figures"},
    "targets_intro": {
        "zh": "各计划的目标及其指标的最新公布值。定性目标只规定方向，没有数值。",
        "en": "Each plan's targets with the latest published value of their indicator. Qualitative targets name "
        "only a direction, no number.",
    },
    "no_targets": {"zh": "所选机构类型没有目标。", "en": "No targets for the selected institution type."},
    "latest": {"zh": "最新", "en": "Latest"},
    # On the target's own scope: a combined type's rate may have no figure while its parts have theirs.
    "no_figure": {"zh": "暂无该口径的公布数据", "en": "no figure published on this scope"},
    "target": {"zh": "目标", "en": "Target"},
    "deadline": {"zh": "期限", "en": "Deadline"},
    "baseline": {"zh": "基期", "en": "Baseline"},
    "qualitative": {"zh": "定性目标", "en": "qualitative"},
    "partial_year": {"zh": "非全年数据", "en": "part of the year"},
    "combined_figure": {
        "zh": "该数据为高校和科研机构合并口径，无法拆分。",
        "en": "This figure covers universities and institutes together and cannot be split.",
    },
    "components_figure": {
        "zh": "目标针对高校和科研机构整体，但数据分别公布：",
        "en": "The target covers universities and institutes together; figures are published for each:",
    },
    "headline_heading": {
        "zh": "2024年2月27日发布会的主要数据",
        "en": "Headline figures of the 27 February 2024 announcement",
    },
    "from": {"zh": "起点", "en": "from"},
    "multiple": {"zh": "倍数", "en": "Multiple"},
    "annual_growth": {"zh": "年均增长", "en": "Annual growth"},
    "formula_line": {"zh": "算式：{formulas}", "en": "Formula: {formulas}"},
    "assumption": {"zh": "假设", "en": "Assumption"},
    "lower_bounds_note": {
        "zh": "起止两端均为“多/余”的下限值，倍数和增速为近似值。",
        "en": "Both ends are lower bounds (“more than”), so the multiple and growth are approximate.",
    },
    "series_chart_title": {
        "zh": "高校专利转让及许可：已公布的各年数据",
        "en": "University transfers and licences: every published year",
    },
    "marker_legend": {
        "zh": "● 确数　▲ 下限（多/余/超）　◆ 约数　橙圈：2024年2月发布会所引数据",
        "en": "● exact · ▲ lower bound (more than) · ◆ approximate · orange ring: cited at the February 2024 announcement",
    },
    "marker_legend_short": {
        "zh": "● 确数　▲ 下限（多/余/超）　◆ 约数　空心：非全年数据",
        "en": "● exact · ▲ lower bound (more than) · ◆ approximate · hollow: part of a year",
    },
    "cas_heading": {
        "zh": "中国科学院存量专利分级分类",
        "en": "The Chinese Academy of Sciences' stock-patent review",
    },
    "cas_dimensions": {"zh": "评估维度", "en": "Assessed on"},
    "cas_outcomes": {"zh": "处理方式", "en": "Outcomes"},
    "cas_dimension_list": {"zh": "技术 · 市场 · 法律", "en": "technology · market · law"},
    "cas_outcome_list": {
        "zh": "技术保护一批 · 转化运用一批 · 开放许可一批 · 终止维持一批",
        "en": "protect · commercialise · license openly · stop maintaining",
    },
    "pilots_heading": {"zh": "认股权综合服务试点", "en": "Warrant service pilots"},
    "map_legend_highlighted": {"zh": "试点所在地", "en": "Pilot location"},
    "map_legend_other": {"zh": "其他省级行政区", "en": "Other divisions"},
    "pilots_map_title": {"zh": "试点所在地", "en": "Where the pilots are"},
    "timeline_heading": {"zh": "计划与期限", "en": "Plans and deadlines"},
    "timeline_title": {"zh": "各计划的时间线与里程碑", "en": "Timeline of the plans and their milestones"},
    "today": {"zh": "今天", "en": "Today"},
    "no_deadline": {"zh": "未设截止日期", "en": "no deadline set"},
    "issued": {"zh": "印发", "en": "Issued"},
    "milestone": {"zh": "里程碑", "en": "Milestone"},
    "evidence": {"zh": "证据", "en": "Evidence"},
    "no_evidence": {"zh": "尚无记录", "en": "none on record"},
    # Sources page
    "sources_heading": {"zh": "来源与可靠性", "en": "Sources and their reliability"},
    "sources_intro": {
        "zh": "每个数据都来自下列来源之一。等级：A 政策原文或公告本身；B 官方发布会或统计公报经全国性媒体报道；"
        "C 二手转述；D 我们由公布的变化推算（附算式）。",
        "en": "Every figure comes from one of these sources. Grades: A policy text or the announcement itself; "
        "B official press conference or bulletin reported by a national outlet; C secondary; "
        "D derived by us from a stated change (formula shown).",
    },
    "figures_from_source": {"zh": "取自该来源的数据", "en": "Figures drawn from this source"},
    "no_figures_for_filter": {
        "zh": "所选机构类型下没有取自该来源的数据。",
        "en": "No figures from this source for the selected type.",
    },
    "date_unknown": {"zh": "日期未记录", "en": "date not recorded"},
    "sources_count": {"zh": "共 {n} 个来源，{m} 个数据", "en": "{n} sources, {m} figures"},
    "grade": {"zh": "等级", "en": "Grade"},
    "assumptions_heading": {"zh": "假设", "en": "Assumptions"},
    # table columns
    "col_indicator": {"zh": "指标", "en": "Indicator"},
    "col_institution_type": {"zh": "机构类型", "en": "Institution type"},
    "col_target": {"zh": "目标", "en": "Target"},
    "col_deadline": {"zh": "期限", "en": "Deadline"},
    "col_baseline": {"zh": "基期值", "en": "Baseline"},
    "col_latest": {"zh": "最新值", "en": "Latest value"},
    "col_latest_period": {"zh": "最新期间", "en": "Latest period"},
    "col_period": {"zh": "期间", "en": "Period"},
    "col_value": {"zh": "数值", "en": "Value"},
    "col_grade": {"zh": "等级", "en": "Grade"},
    "col_source": {"zh": "来源", "en": "Source"},
    "col_note": {"zh": "说明", "en": "Note"},
    "assumption_name": {"zh": "名称", "en": "Name"},
    "col_note_en": {"zh": "说明（英文）", "en": "Note in English"},
    "chinese_only": {"zh": "{text}", "en": "(in Chinese only) {text}"},
    "col_where": {"zh": "出处位置", "en": "Where in the source"},
    "col_programme": {"zh": "计划", "en": "Programme"},
    "col_pilot": {"zh": "试点", "en": "Pilot"},
    "col_province": {"zh": "省级行政区", "en": "Province"},
    "col_approved": {"zh": "批复时间（不早于）", "en": "Approved, not before"},
    "col_due": {"zh": "期限", "en": "Due"},
    "col_milestone": {"zh": "里程碑", "en": "Milestone"},
    "col_evidence": {"zh": "证据", "en": "Evidence"},
    "col_kind": {"zh": "类型", "en": "Kind"},
    "col_outlet": {"zh": "发布机构/媒体", "en": "Outlet"},
    "col_title": {"zh": "标题", "en": "Title"},
    "col_date": {"zh": "日期", "en": "Date"},
    "col_figures": {"zh": "数据条数", "en": "Figures"},
    # the computable twins the tables download (dashboard/programme/computable.py)
    "col_unit": {"zh": "单位", "en": "Unit"},
    "col_target_value": {"zh": "目标值", "en": "Target value"},
    "col_target_wording": {"zh": "目标表述", "en": "Target as worded"},
    "col_target_source": {"zh": "目标来源", "en": "Target's source"},
    "col_baseline_period": {"zh": "基期", "en": "Baseline period"},
    "col_figure_type": {"zh": "数据所属机构类型", "en": "Figure's institution type"},
    "col_final": {"zh": "是否最终结论", "en": "Final"},
    "col_progress_pct": {"zh": "进度（%）", "en": "Progress (%)"},
    "col_url": {"zh": "网址", "en": "URL"},
    "col_base_year": {"zh": "基期年份", "en": "Base year"},
    "col_base_qualifier": {"zh": "基期值限定", "en": "Baseline qualifier"},
    "col_end_year": {"zh": "末期年份", "en": "End year"},
    "col_end_value": {"zh": "末期值", "en": "End value"},
    "col_end_qualifier": {"zh": "末期值限定", "en": "End qualifier"},
    "col_share_pct": {"zh": "占变化的比重（%）", "en": "Share of the change (%)"},
    "qualifier_exact": {"zh": "确数", "en": "exact"},
    "qualifier_more_than": {"zh": "超过", "en": "more than"},
    "qualifier_approx": {"zh": "约", "en": "about"},
    "word_yes": {"zh": "是", "en": "yes"},
    "word_no": {"zh": "否", "en": "no"},
    "source_outlet_date": {"zh": "{outlet}（{date}）", "en": "{outlet} ({date})"},
    "sheet_table": {"zh": "表格", "en": "Table"},
    "sheet_sources": {"zh": "来源", "en": "Sources"},
    "download_figures_csv": {
        "zh": "下载图中的数据（CSV，UTF-8）",
        "en": "Download the chart's figures (CSV, UTF-8)",
    },
    "download_figures_xlsx": {"zh": "下载图中的数据（Excel）", "en": "Download the chart's figures (Excel)"},
    "source_line": {"zh": "来源：", "en": "Source: "},
    "sources_line": {"zh": "来源：", "en": "Sources: "},
    "pdf_notes_title": {"zh": "注释与来源", "en": "Notes and sources"},
    "all_citations": {"zh": "全部出处", "en": "All citations"},
    "cite_short": {"zh": "{outlet}（{date}，{grade}）", "en": "{outlet} ({date}, {grade})"},
    "sources_more": {"zh": "；另有{n}个来源", "en": "; and {n} more"},
    "kind_policy_text": {"zh": "政策文件", "en": "policy text"},
    "kind_press_conference": {"zh": "官方发布会", "en": "official press conference"},
    "kind_statistical_bulletin": {"zh": "统计公报/调查报告", "en": "statistical bulletin or survey"},
    "kind_press_report": {"zh": "媒体报道", "en": "press report"},
    "kind_official_explainer": {"zh": "官方解读", "en": "official explainer"},
    "kind_unclassified": {
        "zh": "未分类（导入时按引文创建）",
        "en": "unclassified (created from a citation on import)",
    },
    "grade_unrated": {"zh": "未评级", "en": "not yet graded"},
    "q_more_than": {"zh": "下限（多/余/超）", "en": "lower bound"},
    "q_approx": {"zh": "约数", "en": "approximate"},
    "q_exact": {"zh": "确数", "en": "exact"},
    "reported_by": {"zh": "报道", "en": "Reported by"},
    "years": {"zh": "年份范围", "en": "Years"},
    "years_help": {
        "zh": "只显示期间落在此范围内的数据；进度评估也只用这些数据。",
        "en": "Only figures whose period falls in this range are shown, and the progress method uses only them.",
    },
    "year_from": {"zh": "起始年份", "en": "first year"},
    "year_to": {"zh": "截止年份", "en": "last year"},
    "language_word": {"zh": "语言", "en": "language"},
    "link_value_unknown": {
        "zh": "链接中的{what}“{value}”无法识别，已改用默认值。",
        "en": "The link's {what} “{value}” is not known; the default is used instead.",
    },
    # Progress
    "status_achieved": {"zh": "已实现", "en": "Target achieved"},
    "status_on_track": {"zh": "进度正常", "en": "On track"},
    "status_acceleration_needed": {"zh": "需加速", "en": "Acceleration needed"},
    "status_limited_progress": {"zh": "进展有限", "en": "Limited progress"},
    "status_deterioration": {"zh": "倒退", "en": "Deterioration"},
    "status_not_enough_data": {"zh": "数据不足", "en": "Not enough data"},
    "status_trend_marked": {"zh": "明显改善", "en": "Improving markedly"},
    "status_trend_moderate": {"zh": "温和改善", "en": "Improving moderately"},
    "status_trend_flat": {"zh": "基本持平", "en": "Flat"},
    "status_trend_worse": {"zh": "恶化", "en": "Worsening"},
    "trend_grade_suffix": {"zh": "（趋势评级）", "en": " (trend grade)"},
    "at_least": {"zh": "至少“{status}”", "en": "at least “{status}”"},
    "col_status": {"zh": "状态", "en": "Status"},
    "download_csv": {"zh": "下载此表（CSV，UTF-8）", "en": "Download this table (CSV, UTF-8)"},
    "download_xlsx": {"zh": "下载此表（Excel）", "en": "Download this table (Excel)"},
    "download_png": {"zh": "下载此图（PNG）", "en": "Download this chart (PNG)"},
    "chart_fullscreen": {
        "zh": "全屏显示此图（Esc 退出）",
        "en": "Show this chart full screen (Esc to leave)",
    },
    "chart_unavailable": {
        "zh": "此图未能绘制：浏览器未能从本服务加载绘图脚本（plotly.js）。请刷新页面；此图的下载不受影响。",
        "en": "This chart could not be drawn: the browser could not load the plotting script (plotly.js) from "
        "this server. Reload the page; the chart's downloads still work.",
    },
    "chart_label": {"zh": "图表：{title}", "en": "Chart: {title}"},
    "chart_unit": {"zh": "单位：{unit}", "en": "Unit: {unit}"},
    "targets_as_table": {"zh": "以上目标一览表（可下载）", "en": "These targets as one table (to download)"},
    "download_svg": {"zh": "下载此图（SVG 矢量图）", "en": "Download this chart (SVG, vector)"},
    "images_unavailable": {
        "zh": "本机未找到 Chromium，无法导出图片（PNG/SVG）和演示文稿；其余功能不受影响。安装：apt-get install chromium",
        "en": "No Chromium on this machine, so chart images (PNG/SVG) and decks cannot be exported; everything "
        "else works. Install: apt-get install chromium",
    },
    "page_present": {"zh": "演示", "en": "Present"},
    "previous": {"zh": "上一页", "en": "Previous"},
    "next": {"zh": "下一页", "en": "Next"},
    "slide_of": {"zh": "第 {n} / {total} 页", "en": "Slide {n} of {total}"},
    "choose_slides": {"zh": "选择并排序幻灯片", "en": "Pick and order the slides"},
    "choose_slides_help": {
        "zh": "按选择的先后排序。保存后，下次打开演示时使用这一列表。",
        "en": "Slides follow the order you pick them in. Saved, the list is used the next time anyone presents.",
    },
    "save_slides": {"zh": "保存列表", "en": "Save the list"},
    "slides_saved": {"zh": "已保存幻灯片列表。", "en": "Slide list saved."},
    "slides_save_editors": {
        "zh": "所选列表在本次会话中有效；保存为所有人的默认列表需编辑人员登录。",
        "en": "Your choice holds for this session; saving it as the list for everyone needs an editor to sign "
        "in.",
    },
    "reset_slides": {"zh": "恢复默认列表", "en": "Back to the default list"},
    "slide_dropped": {
        "zh": "所选机构类型下没有幻灯片“{slide}”，已跳过。",
        "en": "The slide “{slide}” does not exist for the selected institution type and was left out.",
    },
    "slide_word": {"zh": "页码", "en": "slide"},
    "exit_presentation": {"zh": "退出演示", "en": "Leave the presentation"},
    "export_deck": {"zh": "导出", "en": "Export"},
    "prepare_pptx": {"zh": "生成演示文稿（PPTX）", "en": "Make the deck (PPTX)"},
    "prepare_pdf": {"zh": "生成 PDF", "en": "Make the PDF"},
    "download_file": {"zh": "下载 {name}", "en": "Download {name}"},
    "exporting": {"zh": "正在生成图表 {n}/{total}…", "en": "Drawing chart {n} of {total}…"},
    "no_slides": {"zh": "没有可显示的幻灯片。", "en": "No slides to show."},
    "deck_title": {"zh": "专利转化运用进展简报", "en": "Patent commercialisation: progress briefing"},
    "slide_summary": {"zh": "全部目标一览", "en": "Every target at a glance"},
    "notes_method": {"zh": "方法：", "en": "Method:"},
    "notes_assumptions": {"zh": "假设：", "en": "Assumptions:"},
    "page_targets": {"zh": "目标进度", "en": "Targets"},
    "page_universities": {"zh": "高校和科研机构", "en": "Universities & institutes"},
    "page_enterprises": {"zh": "企业和中小企业", "en": "Enterprises & SMEs"},
    "page_finance": {"zh": "金融", "en": "Finance"},
    "page_milestones": {"zh": "里程碑", "en": "Milestones"},
    "targets_title": {"zh": "目标进度：是否如期实现", "en": "Targets: on track for the deadline?"},
    "targets_method_intro": {
        "zh": "方法参照联合国统计司的可持续发展目标进展评估，以及加拿大统计局在其开源平台（Open SDG）中的做法：比较实际年均增速与按期达标所需的年均增速。"
        "比值≥{on_track}为进度正常，{acceleration}–{on_track}为需加速，0–{acceleration}为进展有限，小于0为倒退；"
        "最新值已达标即为已实现。没有数值的目标只给趋势评级。只使用全年数据，不与非全年数据混用。",
        "en": "After the UN Statistics Division's SDG progress assessment and Statistics Canada's version of it in "
        "its open-source Open SDG platform: the "
        "actual annual growth is compared with the growth needed to reach the target by its deadline. A ratio "
        "≥ {on_track} is on track, {acceleration}–{on_track} needs acceleration, 0–{acceleration} is limited "
        "progress, below 0 is deterioration; a latest value that meets the target is achieved. A goal with no "
        "number gets a trend grade only. Only full-year figures are used, never mixed with part-year ones.",
    },
    "all_targets": {"zh": "全部目标", "en": "All targets"},
    "choose_target": {"zh": "查看目标", "en": "Target"},
    "view_on_targets": {"zh": "查看进度与方法", "en": "Progress and method"},
    "trajectory_title": {"zh": "{name}：轨迹", "en": "{name}: trajectory"},
    "series_observed": {"zh": "公布值", "en": "Published"},
    "series_partial": {"zh": "非全年值（不计入增速）", "en": "Part-year figure (not used for growth)"},
    "series_baseline": {"zh": "基期", "en": "Baseline"},
    "series_target": {"zh": "目标", "en": "Target"},
    "series_required": {"zh": "按期达标所需路径", "en": "Path needed to meet it"},
    "series_projection": {"zh": "按当前增速外推", "en": "Projection at the current pace"},
    "method_panel": {"zh": "计算过程", "en": "How the status is reached"},
    "key_latest": {"zh": "最新值", "en": "Latest"},
    "key_target": {"zh": "目标值", "en": "Target"},
    "key_progress": {"zh": "已完成进度", "en": "Progress (xₜ−x₀)/(x*−x₀)"},
    "key_actual": {"zh": "实际年均增速", "en": "Actual annual growth gₐ"},
    "m_base": {"zh": "基期值 x₀", "en": "Base x₀"},
    "m_latest": {"zh": "最新值 xₜ", "en": "Latest xₜ"},
    "m_target": {"zh": "目标值 x*", "en": "Target x*"},
    "m_deadline": {"zh": "期限 T", "en": "Deadline T"},
    "m_actual": {"zh": "实际年均增速 gₐ", "en": "Actual annual growth gₐ"},
    "m_required": {"zh": "所需年均增速 gᵣ", "en": "Required annual growth gᵣ"},
    "m_ratio": {
        "zh": "比值 R = d·gₐ/|gᵣ|（d为目标方向：提高为+1，降低为−1）",
        "en": "Ratio R = d·gₐ/|gᵣ| (d: +1 for a target to rise, −1 for one to fall)",
    },
    "m_projection": {"zh": "期限时外推值 x(T)", "en": "Projection at deadline x(T)"},
    "progress_beyond_target": {"zh": "超过100%", "en": "over 100%"},
    "progress_beyond_exact": {
        "zh": "{beyond}（按公式为{percent}）",
        "en": "{beyond} ({percent} by the formula)",
    },
    "m_progress": {"zh": "已完成进度 (xₜ−x₀)/(x*−x₀)", "en": "Progress (xₜ−x₀)/(x*−x₀)"},
    "m_linear_unit": {"zh": "{unit}/年", "en": "{unit} a year"},
    "m_thresholds": {
        "zh": "阈值：进度正常 R≥{on_track}；需加速 {acceleration}≤R<{on_track}；进展有限 0≤R<{acceleration}；倒退 R<0。"
        "趋势评级：年均≥{marked}为明显改善，{moderate}–{marked}为温和改善，±{moderate}以内为基本持平。",
        "en": "Thresholds: on track R ≥ {on_track}; acceleration needed {acceleration} ≤ R < {on_track}; limited "
        "0 ≤ R < {acceleration}; deterioration R < 0. Trend grades: ≥ {marked} a year improving markedly, "
        "{moderate}–{marked} moderately, within ±{moderate} flat.",
    },
    "reason_no_figures": {"zh": "尚无可用的全年公布值。", "en": "No full-year figure is published yet."},
    "reason_single_figure": {
        "zh": "只有一个全年值，无法计算增速。",
        "en": "Only one full-year figure: no growth can be computed.",
    },
    "reason_span_too_short": {
        "zh": "基期与最新值相隔不足一年，增速无意义。",
        "en": "Less than a year between base and latest: a growth rate would be noise.",
    },
    "reason_partial_years_left_out": {
        "zh": "非全年数据未参与计算。",
        "en": "Part-year figures are left out of the computation.",
    },
    "reason_linear_growth": {
        "zh": "基期或目标不为正，改用线性（每年绝对变化）计算。",
        "en": "Base or target is not positive, so growth is taken as linear (absolute change a year).",
    },
    "reason_sign_change": {
        "zh": "基期与最新值符号不同，结果仅供参考。",
        "en": "Base and latest differ in sign; read the result with care.",
    },
    "reason_met_then_lost": {
        "zh": "较早的数据曾达到目标，此后回落。",
        "en": "An earlier figure met the target; it has since been lost.",
    },
    "reason_lower_bound": {
        "zh": "最新值是下限（多/余/超），状态至少如此。",
        "en": "The latest figure is a lower bound (more than), so the status is at least this.",
    },
    "reason_approximate": {
        "zh": "依据的数据为约数，状态为近似。",
        "en": "The figure is approximate, and so is the status.",
    },
    "reason_no_numeric_target": {
        "zh": "目标没有数值，只给出趋势评级。",
        "en": "The target sets no number: this is a trend grade.",
    },
    "reason_deadline_passed": {
        "zh": "期限已过；期限当年的数据公布后状态即为最终结果。",
        "en": "The deadline has passed; once the deadline year's figure is out, the status is final.",
    },
    "reason_baseline_from_observations": {
        "zh": "目标未给出基期，取计划开始前最近一年的公布值（无则取最早值）。",
        "en": "The target states no baseline: the last figure before the plan began is used (else the earliest).",
    },
    "reason_published_by_part_only": {
        "zh": "目标针对高校和科研机构整体，但只有分别公布的数据，无法合并评估。",
        "en": "The target is for universities and institutes together, but figures are published only for each: they cannot be combined.",
    },
    "met_before": {"zh": "曾于{period}达标", "en": "met in {period}"},
    "milestone_done": {"zh": "已完成", "en": "Done"},
    "milestone_due": {"zh": "未到期", "en": "Due"},
    # Not "overdue": a plan whose goals a number shows met (the SME plan's industrialisation rate) read as failed
    # beside that verdict; what is known is only that no source says the milestone is done.
    "milestone_overdue": {
        "zh": "期限已过，未见完成证据",
        "en": "Deadline passed; no evidence of completion on record",
    },
    "milestones_title": {"zh": "里程碑", "en": "Milestones"},
    "milestones_intro": {
        "zh": "各计划的阶段性任务，状态依据记录在案的证据：已完成——证据表明已按期完成；已完成（晚于期限）——证据所指日期在期限之后；未到期——尚无完成证据、未到期限；期限已过，未见完成证据——期限已过，但没有来源说明已完成（不等于没有完成）。进展数据不等于完成。",
        "en": "Each plan's milestones, judged on the evidence on record. Done: the evidence shows it met by its "
        "date. Done late: the evidence dates from after it. Due: no evidence of completion yet, and not yet due. "
        "Deadline passed: past its date, and no source on record says it is done (which is not to say it is "
        "undone). Progress figures are not completion.",
    },
    "col_state": {"zh": "状态", "en": "State"},
    "univ_title": {"zh": "高校和科研机构", "en": "Universities and research institutes"},
    "univ_contracts": {"zh": "专利转让及许可合同", "en": "Transfer and licence contracts"},
    "univ_stock": {
        "zh": "存量专利盘活：从拥有到盘点、入库和产业化",
        "en": "Stock patents: from holdings to inventory, conversion pool and industrial use",
    },
    "univ_stock_chart": {
        "zh": "高校和科研机构存量专利：各环节的数量",
        "en": "University and institute stock patents at each stage",
    },
    "univ_stock_note": {
        "zh": "各环节的数据口径和时点不同（有的只含发明专利），不能相减或换算成转化率。",
        "en": "The stages are counted on different scopes and dates (some count inventions only): they cannot be "
        "subtracted from one another or turned into a conversion rate.",
    },
    "univ_stock_scope": {
        "zh": "盘点数计入各类专利，拥有量只计有效发明专利，所以前者可以更大：{date}盘点的{every}中，发明专利{inventions}"
        "（占{share}，发明专利数÷盘点总数）。",
        "en": "The inventory counts patents of every kind, the holdings only valid invention patents, so the first "
        "can be the larger: of the {every} inventoried by {date}, {inventions} were inventions ({share}: inventions "
        "÷ all inventoried).",
    },
    "univ_recordals": {"zh": "备案的专利转让和许可", "en": "Recorded transfers and licences"},
    "rates_by_type": {
        "zh": "各类机构的发明专利产业化率",
        "en": "Invention-patent industrialisation rate by institution type",
    },
    "ent_title": {"zh": "企业和中小企业", "en": "Enterprises and SMEs"},
    "ent_products": {"zh": "专利密集型产品", "en": "Patent-intensive products"},
    "ent_sme": {"zh": "中小企业成长计划", "en": "The SME growth plan"},
    "finance_title": {"zh": "金融", "en": "Finance"},
    "finance_pledge": {"zh": "知识产权质押融资与使用费", "en": "Pledge financing and IP royalties"},
    "map_note": {
        "zh": "示意图：每格代表一个省级行政区，位置为大致方位，不表示实际边界。",
        "en": "Schematic: one square per provincial-level division, placed by rough position; no boundaries are drawn.",
    },
    "show_all_types": {"zh": "显示全部机构类型", "en": "Show all institution types"},
    "show_combined_types": {
        "zh": "看高校和科研机构合计数据",
        "en": "Show universities and institutes together",
    },
    "show_all_years": {"zh": "显示全部年份", "en": "Show all years"},
    "nothing_for_filter": {
        "zh": "所选机构类型或年份范围内没有相关数据。",
        "en": "No figures here for the selected institution type or years.",
    },
    "stage": {"zh": "环节", "en": "Stage"},
    "col_progress": {"zh": "进度", "en": "Progress"},
}
