"""The words of errors and problems: what a cell, a sheet, an import file, a data file, the store or a change
could not do, and why. Each is raised with its key and parameters and put into words where it is shown."""

LABELS: dict[str, dict[str, str]] = {
    # periods and units
    "period_not_a_period": {
        "zh": "期间“{text}”不是 YYYY、YYYY-MM 或 YYYY-MM-DD",
        "en": "period {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "period_not_a_date": {
        "zh": "期间“{text}”不是真实的日期（{reason}）",
        "en": "period {text!r} is not a real date ({reason})",
    },
    "unit_unknown": {"zh": "无法识别的单位“{unit}”", "en": "unknown unit {unit!r}"},
    "unit_not_convertible": {
        "zh": "单位“{source}”无法换算为“{target}”",
        "en": "unit {source!r} cannot be converted to {target!r}",
    },
    # one cell of an import sheet
    "cell_units_disagree": {
        "zh": "数值的单位是“{in_cell}”，但单位列写的是“{given}”",
        "en": "the value is in {in_cell!r} but the unit column says {given!r}",
    },
    "cell_no_value": {"zh": "没有数值", "en": "no value"},
    "cell_not_number": {"zh": "“{cell}”不是数字", "en": "{cell!r} is not a number"},
    "cell_not_finite": {"zh": "“{cell}”不是有限的数", "en": "{cell!r} is not a finite number"},
    "cell_bound_and_approx": {
        "zh": "“{cell}”既是下限又是约数，无法确定",
        "en": "{cell!r} is both a lower bound and an approximation",
    },
    "cell_unit_unknown": {
        "zh": "数值或单位列中的单位无法识别（{unit}）",
        "en": "unknown unit in the value or unit column {unit!r}",
    },
    "cell_unit_not_convertible": {
        "zh": "“{cell}”的单位是{unit}，无法换算为该指标的单位{canonical}",
        "en": "{cell!r} is in {unit}, which cannot be converted to this indicator's unit {canonical}",
    },
    "cell_too_large": {"zh": "“{cell}”过大", "en": "{cell!r} is too large"},
    "cell_negative_percentage": {
        "zh": "“{cell}”为负数，百分比不能为负",
        "en": "{cell!r} is negative, which a percentage cannot be",
    },
    "cell_negative_amount": {
        "zh": "“{cell}”为负数，金额不能为负",
        "en": "{cell!r} is negative, which an amount cannot be",
    },
    "cell_negative_count": {
        "zh": "“{cell}”为负数，数量不能为负",
        "en": "{cell!r} is negative, which a count cannot be",
    },
    "cell_percentage_above_100": {
        "zh": "“{cell}”是超过100的百分比",
        "en": "{cell!r} is a percentage above 100",
    },
    "cell_not_qualifier": {
        "zh": "“{cell}”不是限定词（可写 exact、more_than、approx 或 以上、约）",
        "en": "{cell!r} is not a qualifier (exact, more_than, approx, or 以上/约)",
    },
    "cell_no_period": {"zh": "没有期间", "en": "no period"},
    "cell_not_period": {
        "zh": "“{cell}”不是期间（可写 2023、2023年6月、2024-04-24 等）",
        "en": "{cell!r} is not a period (2023, 2023年6月, 2024-04-24, …)",
    },
    "cell_not_real_date": {"zh": "“{cell}”不是真实的日期", "en": "{cell!r} is not a real date"},
    "cell_no_indicator": {"zh": "没有指标", "en": "no indicator"},
    "cell_no_institution_type": {"zh": "没有机构类型", "en": "no institution type"},
    "cell_unknown_indicator": {"zh": "无法识别的指标“{cell}”", "en": "unknown indicator {cell!r}"},
    "cell_unknown_institution_type": {
        "zh": "无法识别的机构类型“{cell}”",
        "en": "unknown institution type {cell!r}",
    },
    # a sheet as a whole
    "sheet_unreadable_file": {
        "zh": "{name}：无法读取该文件（{reason}）",
        "en": "{name}: cannot read the file ({reason})",
    },
    "sheet_empty": {"zh": "{name}：文件是空的", "en": "{name}: the file is empty"},
    "sheet_worksheet_empty": {
        "zh": "{name}：工作表“{worksheet}”是空的",
        "en": "{name}: worksheet {worksheet!r} is empty",
    },
    "sheet_not_xlsx": {
        "zh": "{name}：不是 XLSX 工作簿（文件已损坏或是其他格式）",
        "en": "{name}: not an XLSX workbook (the file is damaged or has another format)",
    },
    "sheet_worksheet_for_csv": {
        "zh": "{name}：工作表只适用于 XLSX 工作簿，不适用于 CSV 文件",
        "en": "{name}: --sheet applies to XLSX workbooks, not to CSV files",
    },
    "sheet_binary": {
        "zh": "{name}：这是二进制文件，不是 CSV 或 XLSX 数据表",
        "en": "{name}: a binary file, not a CSV or XLSX sheet",
    },
    "sheet_encoding": {
        "zh": "{name}：文本编码既不是 UTF-8 也不是 GBK/GB18030",
        "en": "{name}: the text is neither UTF-8 nor GBK/GB18030",
    },
    "sheet_bad_csv": {
        "zh": "{name}：无法读取的 CSV 文件（{reason}）",
        "en": "{name}: not a readable CSV file ({reason})",
    },
    "sheet_blank_header": {
        "zh": "{name}：第1行是空的；第一行必须是列名",
        "en": "{name}: row 1 is blank; the first row must name the columns",
    },
    "sheet_bad_xlsx": {
        "zh": "{name}：无法读取的 XLSX 工作簿（{reason}）",
        "en": "{name}: not a readable XLSX workbook ({reason})",
    },
    "sheet_no_worksheet": {
        "zh": "{name}：没有工作表“{worksheet}”；现有：{worksheets}",
        "en": "{name}: no worksheet {worksheet!r}; it has {worksheets}",
    },
    # an import sheet's columns and rows
    "import_columns_twice": {
        "zh": "“{first}”和“{second}”两列都表示 {column}",
        "en": "columns {first!r} and {second!r} both name {column}",
    },
    "import_no_header": {
        "zh": "第1行没有可识别的列名（指标、年份、数值、机构类型、来源……）；第一行必须是表头",
        "en": "row 1 names none of the columns (indicator/指标, period/年份, value/数值, institution_type/机构类型, "
        "source/来源, …); the first row must be the header",
    },
    "import_missing_columns": {"zh": "缺少必需的列：{columns_zh}", "en": "missing required column {columns}"},
    "import_no_rows": {"zh": "表中只有表头，没有数据行", "en": "the sheet has a header but no rows"},
    "import_no_source": {"zh": "没有来源：每个数据都必须注明来源", "en": "no source: every figure needs one"},
    "import_unknown_source": {
        "zh": "无法识别的来源编号“{source}”：请填写已有来源编号或引文（发布机构，标题，日期）",
        "en": "unknown source id {source!r}; give a known id or a citation (outlet, title, date)",
    },
    "import_unknown_assumption": {
        "zh": "无法识别的假设“{assumption}”",
        "en": "unknown assumption {assumption!r}",
    },
    "import_not_basis": {
        "zh": "“{basis}”不是可用的口径基础（可填：{allowed}；不填则按指标的口径）",
        "en": "'{basis}' is not a basis (one of: {allowed}; leave it empty for the indicator's own measure)",
    },
    "import_source_field_missing": {
        "zh": "该行带有来源信息，但此项为空",
        "en": "the row carries its source's fields, but this one is empty",
    },
    "import_unknown_kind": {
        "zh": "“{kind}”不是已知的来源类型",
        "en": "{kind!r} is not a known kind of source",
    },
    "import_unknown_language": {
        "zh": "“{language}”不是来源语言（zh 或 en）",
        "en": "{language!r} is not a source language (zh or en)",
    },
    "import_not_grade": {
        "zh": "“{grade}”不是可靠性等级（A、B、C、D）",
        "en": "{grade!r} is not a grade (A, B, C, D)",
    },
    "import_grade_d_formula": {
        "zh": "推算数据（D级）必须写明算式",
        "en": "a derived (grade D) figure needs its formula",
    },
    "import_rows_disagree": {
        "zh": "第{first}行和第{row}行对{indicator}、{period}、{institution_type}、{source}给出了不同的数值",
        "en": "rows {first} and {row} give {indicator}, {period}, {institution_type}, {source} different values",
    },
    "import_problem_line": {
        "zh": "{file}：第{row}行，“{column}”列：{message}",
        "en": "{file}: row {row}, column {column}: {message}",
    },
    "import_sheet_problem": {"zh": "{file}：{message}", "en": "{file}: row 1: {message}"},
    "upload_too_large": {
        "zh": "文件大小 {size} MB，超过上限 {limit} MB",
        "en": "the file is {size} MB; the limit is {limit} MB",
    },
    "upload_too_many_rows": {
        "zh": "表中有 {rows} 行，超过上限 {limit} 行（更大的表请用命令行导入）",
        "en": "the sheet has {rows} rows; the limit is {limit} (import larger sheets with the CLI)",
    },
    "upload_problem": {"zh": "{name}：{problem}", "en": "{name}: {problem}"},
    # writing changes
    "change_removed": {
        "zh": "{record}已被他人删除；未保存任何内容",
        "en": "{record} was removed by someone else since you opened it; nothing was saved",
    },
    "change_conflict": {
        "zh": "{record}在您打开后已被他人修改{now}；未保存任何内容——请查看当前记录后再保存",
        "en": "{record} was changed by someone else since you opened it{now}; nothing was saved — review the "
        "current record and save again",
    },
    "change_conflict_now": {"zh": "（现为 {value}）", "en": " (now {value})"},
    "change_plan_has_problems": {
        "zh": "{file}：有 {n} 个问题；没有导入任何数据",
        "en": "{file}: {n} problems; nothing was imported",
    },
    "change_added_meanwhile": {
        "zh": "表格检查之后，另有变更添加了其中一些数据；没有导入任何数据——请重新检查表格（{reason}）",
        "en": "another change added some of these figures since the sheet was checked; nothing was imported — "
        "check the sheet again ({reason})",
    },
    "change_import_failed": {
        "zh": "导入 {store} 失败，未写入任何数据：{reason}",
        "en": "the import into {store} failed and nothing was written: {reason}",
    },
    "change_not_editable": {
        "zh": "{table} 不能通过单条修订保存（只限目标和来源）",
        "en": "{table} records are changed through save_record only for targets and sources",
    },
    "change_target_needs_source": {"zh": "目标必须注明来源", "en": "a target needs a source"},
    "change_evidence_needs_source": {
        "zh": "里程碑{milestone}的证据必须注明来源",
        "en": "the evidence for milestone {milestone} needs a source",
    },
    "change_exists": {
        "zh": "{record}已存在；请打开它进行修订",
        "en": "{record} already exists; open it to correct it",
    },
    "change_cannot_save": {"zh": "{record}无法保存：{reason}", "en": "{record} cannot be saved: {reason}"},
    "change_save_failed": {
        "zh": "保存到 {store} 失败，未写入任何数据：{reason}",
        "en": "saving to {store} failed, nothing was written: {reason}",
    },
    "change_unknown": {"zh": "变更记录中没有变更“{batch}”", "en": "no change {batch!r} in the audit log"},
    "change_undo_of_undo": {
        "zh": "撤销操作本身不能撤销；请重新进行该变更",
        "en": "an undo cannot itself be undone; make the change again instead",
    },
    "change_already_undone": {"zh": "该变更已撤销", "en": "this change has already been undone"},
    "change_source_cited": {
        "zh": "来源 {source} 已被之后添加的数据引用；未撤销任何内容",
        "en": "source {source} is cited by figures added since; nothing was undone",
    },
    "change_cannot_undo_replace": {
        "zh": "替换整个存量专利清单或重置数据库的操作无法撤销（之前的记录未保留）；如需恢复，请重新导入之前的文件",
        "en": "a change that replaced the whole inventory or reset the store cannot be undone (the records "
        "before it are not kept); import the earlier file again to go back",
    },
    "change_undo_rules_elsewhere": {
        "zh": "分级规则的撤销需要重新分级全部专利，请通过数据页面或 undo 命令撤销",
        "en": "undoing grading rules regrades every patent: undo it from the Data page or the undo command",
    },
    "change_rules_changed": {
        "zh": "此后又保存过其他分级规则；请先撤销较新的规则。未作任何改动",
        "en": "other grading rules have been saved since; undo the newer ones first. Nothing was changed",
    },
    "change_slides_changed": {
        "zh": "幻灯片列表“{name}”此后已被再次保存；未作任何改动",
        "en": "the slide list {name!r} has been saved again since; nothing was changed",
    },
    "store_sign_in_failed": {
        "zh": "无法在 {store} 核对登录尝试，请稍后再试：{reason}",
        "en": "could not check sign-in attempts in {store}; try again shortly: {reason}",
    },
    "write_needs_editor": {
        "zh": "只有已登录的编辑人员可以修改数据；未写入任何内容",
        "en": "only a signed-in editor can change data; nothing was written",
    },
    "change_cannot_undo_entry": {"zh": "无法撤销“{action}”类记录", "en": "cannot undo a {action} entry"},
    "change_undo_failed": {
        "zh": "在 {store} 撤销失败，未作任何改动：{reason}",
        "en": "the undo in {store} failed and nothing was changed: {reason}",
    },
    # the store
    "store_not_url": {
        "zh": "“{url}”不是数据库地址（例如 postgresql://user@host/db）",
        "en": "{url!r} is not a database URL (expected e.g. postgresql://user@host/db)",
    },
    "store_backend": {
        "zh": "{store}：只支持 SQLite 和 PostgreSQL",
        "en": "{store}: only SQLite and PostgreSQL stores are supported",
    },
    "store_no_driver": {
        "zh": "{store}：没有该地址所需的数据库驱动",
        "en": "{store}: no database driver for this URL",
    },
    "store_cannot_open": {
        "zh": "无法打开 {store} 的数据库：{reason}",
        "en": "cannot open the store at {store}: {reason}",
    },
    "store_newer_schema": {
        "zh": "{store} 的数据库结构版本为 {version}，比本看板（{latest}）新",
        "en": "{store} has schema version {version}, newer than this dashboard ({latest})",
    },
    "store_cannot_migrate": {
        "zh": "无法升级 {store} 的数据库结构：{reason}",
        "en": "cannot migrate the store at {store}: {reason}",
    },
    "store_seed_failed": {
        "zh": "初始化 {store} 失败，未写入任何数据：{reason}",
        "en": "seeding {store} failed, nothing was written: {reason}",
    },
    "store_cannot_read": {
        "zh": "无法从 {store} 读取 {table}：{reason}",
        "en": "cannot read {table} from {store}: {reason}",
    },
    "store_cannot_read_log": {
        "zh": "无法读取 {store} 的变更记录：{reason}",
        "en": "cannot read the audit log of {store}: {reason}",
    },
    "store_cannot_save_slides": {
        "zh": "在 {store} 保存幻灯片列表失败，未写入任何数据：{reason}",
        "en": "saving the slide list in {store} failed, nothing was written: {reason}",
    },
    "store_inventory_write_failed": {
        "zh": "在 {store} 写入存量专利记录失败，未写入任何数据：{reason}",
        "en": "writing the inventory in {store} failed, nothing was written: {reason}",
    },
    "store_rules_failed": {
        "zh": "在 {store} 保存分级规则失败，未写入任何数据：{reason}",
        "en": "saving the rule set in {store} failed, nothing was written: {reason}",
    },
    "store_cannot_read_inventory_state": {
        "zh": "无法从 {store} 读取存量专利记录的状态：{reason}",
        "en": "cannot read the inventory's state from {store}: {reason}",
    },
    "store_cannot_read_inventory": {
        "zh": "无法从 {store} 读取存量专利记录：{reason}",
        "en": "cannot read the inventory from {store}: {reason}",
    },
    "store_folder": {
        "zh": "无法为 {store} 创建文件夹 {folder}（{reason}）：请将 DATABASE_URL 或 --db 指向当前账户可写入的文件夹",
        "en": "cannot create the folder {folder} for the store at {store} ({reason}): point DATABASE_URL "
        "or --db at a folder this account may write to",
    },
    "store_bad_timeout": {
        "zh": "数据库时限设置有误：{problem}",
        "en": "a store timeout is not valid: {problem}",
    },
    "store_failed": {"zh": "数据库 {store} 出错：{reason}", "en": "the store at {store} failed: {reason}"},
    # faults of the store (the {reason} of the messages above), each with what to do about it
    "fault_damaged": {
        "zh": "数据库文件已损坏（{detail}），本看板未作任何改动：请从备份恢复该文件，"
        "或将其改名移开后运行 python -m dashboard init，从 data/ 重新建立",
        "en": "the file is damaged ({detail}) and was left untouched: restore it from a backup, or move it "
        "aside and run python -m dashboard init to start afresh from data/",
    },
    "fault_read_only": {
        "zh": "数据库为只读（{detail}）：请检查该文件或数据库账户的写入权限",
        "en": "the store is read-only ({detail}): check the write permissions of the file or the database "
        "account",
    },
    "fault_full": {
        "zh": "磁盘已满（{detail}）：请腾出空间后重试",
        "en": "the disk is full ({detail}): free some space and try again",
    },
    "fault_cannot_create": {
        "zh": "无法打开或创建数据库文件（{detail}）：请检查其文件夹是否存在、当前账户能否写入",
        "en": "the database file cannot be opened or created ({detail}): check that its folder exists and "
        "that this account may write there",
    },
    "fault_busy": {
        "zh": "数据库正被另一进程锁定（{detail}）：请稍后重试",
        "en": "the store is locked by another process ({detail}): try again in a moment",
    },
    "fault_refused": {
        "zh": "数据库服务器拒绝连接（{detail}）：请检查 PostgreSQL 服务是否在运行，主机和端口是否正确",
        "en": "the database server refused the connection ({detail}): check that the PostgreSQL server is "
        "running, on that host and port",
    },
    "fault_gone": {
        "zh": "与数据库服务器的连接在中途断开（{detail}）：请稍后重试",
        "en": "the connection to the database server was lost mid-way ({detail}): try again in a moment",
    },
    "fault_timeout": {
        "zh": "数据库在 {seconds} 秒内未完成（{detail}），可能在等待另一连接持有的锁：请稍后重试"
        "（时限由 DASHBOARD_DB_STATEMENT_TIMEOUT 设置）",
        "en": "the store did not finish within {seconds} s ({detail}), perhaps waiting on a lock another "
        "connection holds: try again later (the limit is DASHBOARD_DB_STATEMENT_TIMEOUT)",
    },
    "fault_connect_timeout": {
        "zh": "数据库服务器在 {seconds} 秒内没有响应（{detail}）：请检查服务器和网络"
        "（时限由 DASHBOARD_DB_CONNECT_TIMEOUT 设置）",
        "en": "the database server did not answer within {seconds} s ({detail}): check the server and the "
        "network (the limit is DASHBOARD_DB_CONNECT_TIMEOUT)",
    },
    # grading rules
    "rules_weights_keys": {"zh": "权重：应恰为 {dimensions}", "en": "weights: expected exactly {dimensions}"},
    "rules_weights_negative": {
        "zh": "权重：每项都必须是 ≥ 0 的数",
        "en": "weights: each must be a number ≥ 0",
    },
    "rules_weights_zero": {"zh": "权重：至少一项必须大于 0", "en": "weights: at least one must be above 0"},
    "rules_thresholds_keys": {"zh": "阈值：应恰为 {grades}", "en": "thresholds: expected exactly {grades}"},
    "rules_thresholds_range": {
        "zh": "阈值：每项都必须是 0—100 的数",
        "en": "thresholds: each must be a number from 0 to 100",
    },
    "rules_thresholds_order": {
        "zh": "阈值：A 必须高于 B，B 必须高于 C",
        "en": "thresholds: A must be above B, and B above C",
    },
    "rules_disposition_keys": {
        "zh": "处置：每个等级 {grades} 都需要一项",
        "en": "disposition: expected one for each grade {grades}",
    },
    "rules_disposition_unknown": {
        "zh": "处置：{bad} 不在 {allowed} 之中",
        "en": "disposition: {bad} not one of {allowed}",
    },
    "rules_invalid": {"zh": "{problems}", "en": "{problems}"},
    "rules_not_json": {"zh": "不是规则集：{reason}", "en": "not a rule set: {reason}"},
    # where a problem is
    "problem_at_file": {"zh": "{file}：{message}", "en": "{file}: {message}"},
    "problem_at_row": {"zh": "{file}，第{row}行：{message}", "en": "{file}, row {row}: {message}"},
    "problem_at_column": {
        "zh": "{file}，“{column}”列：{message}",
        "en": "{file}, column {column!r}: {message}",
    },
    "problem_at_row_column": {
        "zh": "{file}，第{row}行“{column}”列：{message}",
        "en": "{file}, row {row}, column {column!r}: {message}",
    },
    "problems_more": {"zh": "……另有 {n} 处", "en": "… and {n} more"},
    # the patent-level inventory's import file
    "inv_file_type": {
        "zh": "无法识别的文件类型“{suffix}”：请用 .csv、.xlsx 或 .parquet",
        "en": "unknown file type {suffix!r}: use .csv, .xlsx or .parquet",
    },
    "inv_no_such_file": {"zh": "文件不存在", "en": "no such file"},
    "inv_unreadable": {"zh": "无法按 {kind} 读取：{reason}", "en": "cannot be read as {kind}: {reason}"},
    "inv_missing_columns": {"zh": "缺少列：{columns}", "en": "missing column(s): {columns}"},
    "inv_synthetic_export": {
        "zh": "这是合成演示数据的导出文件，不能作为存量专利记录导入（请改为加载演示数据）",
        "en": "this file is an export of synthetic demo data and cannot be imported as an inventory (load the "
        "demo instead)",
    },
    "inv_extra_columns": {
        "zh": "不是存量专利记录的列：{extra}；应有的列：{columns}",
        "en": "not an inventory column: {extra}; the columns are: {columns}",
    },
    "inv_column_twice": {"zh": "该列出现了两次", "en": "column appears twice"},
    "inv_no_records": {
        "zh": "没有记录：文件只有表头，没有数据行",
        "en": "no records: the file has a header but no rows",
    },
    "inv_required": {"zh": "必填，但为空", "en": "is required but empty"},
    "inv_too_long": {"zh": "超过 {limit} 个字符", "en": "is longer than {limit} characters"},
    "inv_not_one_of": {
        "zh": "“{value}”不在以下取值之中：{allowed}",
        "en": "{value!r} is not one of: {allowed}",
    },
    "inv_not_whole": {"zh": "“{value}”不是整数", "en": "{value!r} is not a whole number"},
    "inv_year_range": {
        "zh": "{value} 不是 {first}—{last} 年之间的年份",
        "en": "{value} is not a year from {first} to {last}",
    },
    "inv_not_number": {"zh": "“{value}”不是数字", "en": "{value!r} is not a number"},
    "inv_not_date": {
        "zh": "“{value}”不是按 YYYY-MM-DD 书写的日期",
        "en": "{value!r} is not a date written YYYY-MM-DD",
    },
    "inv_not_province": {
        "zh": "“{value}”不是省级行政区（例如 北京、广东省 或 Guangdong）",
        "en": "{value!r} is not a provincial-level division (e.g. 北京, 广东省 or Guangdong)",
    },
    "inv_not_ipc_class": {
        "zh": "“{value}”不是 IPC 分类（如 G06：部的字母加两位数字）",
        "en": "{value!r} is not an IPC class such as G06 (section letter and two digits)",
    },
    "inv_class_not_in_section": {
        "zh": "“{value}”不属于 IPC 部“{section}”",
        "en": "{value!r} is not in IPC section {section!r}",
    },
    "inv_score_range": {"zh": "{value} 超出 {low}—{high}", "en": "{value} is outside {low}–{high}"},
    "inv_granted_before_filed": {
        "zh": "{value} 早于申请年份 {application_year}",
        "en": "{value} is before the application year {application_year}",
    },
    "inv_deal_type_required": {
        "zh": "环节“{stage}”必须填写（{deal_type}）",
        "en": "is required for stage {stage!r} ({deal_type})",
    },
    "inv_deal_type_mismatch": {
        "zh": "“{value}”与环节“{stage}”不符（应为“{expected}”）",
        "en": "{value!r} does not fit stage {stage!r} (expected {expected!r})",
    },
    "inv_no_deal": {
        "zh": "必须为空：环节“{stage}”不是成交",
        "en": "must be empty: stage {stage!r} is not a deal",
    },
    "inv_negative_value": {"zh": "{value} 小于 0", "en": "{value} is below 0"},
    "inv_future_date": {"zh": "{value} 晚于今天", "en": "{value} is in the future"},
    "inv_deal_before_filed": {
        "zh": "{value} 早于申请年份 {application_year}",
        "en": "{value} is before the application year {application_year}",
    },
    "inv_duplicate_patent": {
        "zh": "“{value}”已出现在第{first}行",
        "en": "{value!r} is already on row {first}",
    },
    "inv_demo_replaces_import": {
        "zh": "已存有导入的 {n} 条存量专利记录；演示数据不会替换它们",
        "en": "an imported inventory of {n} records is stored; the demo does not replace it",
    },
    # chart images, the demo's anchors, editor access
    "export_no_chromium": {
        "zh": "未找到 Chromium：导出图表图片需要 Debian 的 chromium 软件包（apt-get install chromium）",
        "en": "No Chromium found: chart images need Debian's chromium package (apt-get install chromium)",
    },
    "export_no_pdf_fonts": {
        "zh": "缺少PDF所需的字体（嵌入PDF的中文和西文字体），请安装：apt-get install {packages}",
        "en": "The fonts the PDF embeds (Chinese and Latin) are missing; install them: apt-get install {packages}",
    },
    "export_bad_browser_path": {
        "zh": "未找到 Chromium：BROWSER_PATH=“{path}”不是可执行程序",
        "en": "No Chromium found: chart images need Debian's chromium package (apt-get install chromium); "
        "BROWSER_PATH={path!r} is not a program",
    },
    "export_browser_stopped": {
        "zh": "Chromium（{path}）在 kaleido 下停止或未能启动；详见上方日志",
        "en": "Chromium ({path}) stopped or never started under kaleido; see the error logged above",
    },
    "export_browser_failed": {
        "zh": "kaleido 无法使用 Chromium（{path}）：{reason}",
        "en": "kaleido could not use Chromium ({path}): {reason}",
    },
    "export_browser_start_failed": {
        "zh": "kaleido 无法启动 Chromium（{path}）：{reason}",
        "en": "kaleido could not start Chromium ({path}): {reason}",
    },
    "demo_no_anchor": {
        "zh": "没有可供演示数据参照的公布数据：{indicator}（{institution_type}）",
        "en": "no published figure for {indicator} ({institution_type}) to shape the demo on",
    },
    "demo_holdings_periods": {
        "zh": "高校和科研机构的拥有量不是同一期间公布的",
        "en": "the holdings of universities and institutes are not published for the same period",
    },
    "demo_no_pool_pair": {
        "zh": "没有同时给出已盘点数和入库数的报道",
        "en": "no report gives both the inventoried and the pooled stock patents",
    },
    "access_bad_hash": {
        "zh": "编辑密码的哈希值不是由 `python -m dashboard hash-password` 生成的",
        "en": "the editor password hash is not one made by `python -m dashboard hash-password`",
    },
    # the curated files in data/ and their sidecars
    "data_sidecar_not_mapping": {"zh": "元数据说明文件必须是映射", "en": "a sidecar must be a mapping"},
    "data_missing_key": {"zh": "缺少键“{key}”", "en": "missing key {key!r}"},
    "data_unknown_key": {"zh": "未知的键“{key}”", "en": "unknown key {key!r}"},
    "data_needs_both_languages": {
        "zh": "“{key}”需要中英文两种文字",
        "en": "{key!r} needs both 'zh' and 'en' text",
    },
    "data_columns_list": {"zh": "“columns”必须是非空列表", "en": "'columns' must be a non-empty list"},
    "data_column_needs_name": {"zh": "{ctx} 需要“name”", "en": "{ctx} needs a 'name'"},
    "data_column_twice": {
        "zh": "{ctx}：列“{name}”列出了两次",
        "en": "{ctx}: column {name!r} is listed twice",
    },
    "data_column_unknown_key": {
        "zh": "{ctx}（{name}）：未知的键“{key}”",
        "en": "{ctx} ({name}): unknown key {key!r}",
    },
    "data_column_type": {
        "zh": "{ctx}（{name}）：类型必须是 {types} 之一",
        "en": "{ctx} ({name}): type must be one of {types}",
    },
    "data_column_both_languages": {
        "zh": "{ctx}（{name}）：“{key}”需要中英文两种文字",
        "en": "{ctx} ({name}): {key!r} needs both 'zh' and 'en' text",
    },
    "data_enum_values": {
        "zh": "{ctx}（{name}）：枚举需要“values”",
        "en": "{ctx} ({name}): an enum needs 'values'",
    },
    "data_ref_target": {
        "zh": "{ctx}（{name}）：引用需要“references: 表.列”",
        "en": "{ctx} ({name}): a ref needs 'references: table.column'",
    },
    "data_unique_unknown": {
        "zh": "唯一键中有未知的列“{name}”",
        "en": "unique key names unknown column {name!r}",
    },
    "data_sidecar_missing": {"zh": "缺少元数据说明文件", "en": "metadata sidecar is missing"},
    "data_not_yaml": {"zh": "不是有效的 YAML：{reason}", "en": "not valid YAML: {reason}"},
    "data_sidecar_table": {
        "zh": "说明文件描述的是表“{found}”，应为“{expected}”",
        "en": "sidecar describes table {found!r}, expected {expected!r}",
    },
    "data_required": {"zh": "必填，但为空", "en": "is required but empty"},
    "data_not_number": {"zh": "“{value}”不是数字", "en": "{value!r} is not a number"},
    "data_not_finite": {"zh": "“{value}”不是有限的数", "en": "{value!r} is not a finite number"},
    "data_not_whole": {"zh": "“{value}”不是整数", "en": "{value!r} is not a whole number"},
    "data_not_boolean": {"zh": "“{value}”不是 true 或 false", "en": "{value!r} is not true or false"},
    "data_not_one_of": {
        "zh": "“{value}”不在以下取值之中：{allowed}",
        "en": "{value!r} is not one of: {allowed}",
    },
    "data_not_url": {"zh": "“{value}”不是 http(s) 网址", "en": "{value!r} is not an http(s) address"},
    "data_file_missing": {"zh": "文件不存在", "en": "file is missing"},
    "data_not_utf8": {
        "zh": "不是 UTF-8 文本（{reason}，第 {byte} 字节）",
        "en": "is not UTF-8 text ({reason} at byte {byte})",
    },
    "data_not_utf8_plain": {"zh": "不是 UTF-8 文本", "en": "is not UTF-8 text"},
    "data_empty": {"zh": "是空的：应有表头行", "en": "is empty: expected a header row"},
    "data_header_mismatch": {
        "zh": "表头与说明文件不符：{detail}",
        "en": "header does not match the sidecar: {detail}",
    },
    "data_header_missing": {"zh": "缺少 {columns}", "en": "missing {columns}"},
    "data_header_extra": {"zh": "说明文件中没有 {columns}", "en": "not in the sidecar {columns}"},
    "data_header_order": {
        "zh": "列的顺序与说明文件不同",
        "en": "columns are in another order than the sidecar lists them",
    },
    "data_cells_count": {
        "zh": "有 {cells} 个单元格，表头有 {header} 个",
        "en": "has {cells} cells, the header has {header}",
    },
    "data_duplicate_row": {
        "zh": "在（{key}）= {values} 上与第{first}行重复",
        "en": "duplicates row {first} on ({key}) = {values}",
    },
    "data_unknown_ref": {
        "zh": "“{value}”不是 {table}.csv 中的编号",
        "en": "{value!r} is not an id in {table}.csv",
    },
    "data_not_canonical_unit": {
        "zh": "单位“{unit}”不是 {indicator} 的标准单位“{canonical}”",
        "en": "unit {unit!r} is not {indicator}'s canonical unit {canonical!r}",
    },
    "data_type_not_published": {
        "zh": "{indicator} 不按机构类型“{institution_type}”公布（其类型：{types}）",
        "en": "{indicator} is not published for institution type {institution_type!r} (its types: {types})",
    },
    "data_stale": {
        "zh": "与 seeds/ 生成的结果不同：请运行 `python -m dashboard curate` 并提交结果",
        "en": "differs from what seeds/ gives: run `python -m dashboard curate` and commit the result",
    },
    # the seeds
    "seed_required_key": {
        "zh": "{where}：必需的键缺失或为空",
        "en": "{where}: required key is missing or empty",
    },
    "seed_unknown_key": {"zh": "{where}：未知的键", "en": "{where}: unknown key"},
    "seed_english_needed": {
        "zh": "“{key}”有中文文字，需在其后给出英文（{key}_en）",
        "en": "{key!r} has Chinese text: give its English beside it ({key}_en)",
    },
    "seed_ditto": {
        "zh": "每条说明须能单独读懂：写出“同上”所指的内容",
        "en": "each note must stand alone: write out what 同上 (ditto) refers to",
    },
    "seed_not_mapping": {"zh": "种子文件必须是 YAML 映射", "en": "a seed must be a YAML mapping"},
    "seed_id_file": {
        "zh": "编号“{id}”必须与文件名“{stem}”相同",
        "en": "id {id!r} must equal the file name {stem!r}",
    },
    "seed_not_one_of": {"zh": "“{value}”不在 {allowed} 之中", "en": "{value!r} is not one of {allowed}"},
    "seed_date_or_note": {
        "zh": "请给出日期，或在 date_note 中说明为何未知",
        "en": "give the date, or say in date_note why it is unknown",
    },
    "seed_must_be_list": {"zh": "必须是列表", "en": "must be a list"},
    "seed_item_mapping": {"zh": "{section}[{i}] 必须是映射", "en": "{section}[{i}] must be a mapping"},
    "seed_none": {"zh": "没有种子文件（*.yaml）", "en": "holds no seed files (*.yaml)"},
    "seed_unknown_indicator": {
        "zh": "“{indicator}”不在 indicators.csv 中",
        "en": "{indicator!r} is not in indicators.csv",
    },
    "seed_bad_value": {"zh": "无法读取数值：{reason}", "en": "{reason}"},
    "seed_not_finite": {"zh": "“{value}”不是有限的数", "en": "{value!r} is not a finite number"},
    "seed_formula_needed": {
        "zh": "推算数据（D级）必须写明算式",
        "en": "a derived (grade D) figure must show its formula",
    },
    "seed_comparator_value": {
        "zh": "比较方式“{comparator}”需要数值",
        "en": "comparator {comparator!r} needs a value",
    },
    "seed_baseline_count": {
        "zh": "{indicator}（{institution_type}）在 {period} 应有一个公布值，实有 {n} 个",
        "en": "expected one observation of {indicator} for {institution_type} in {period}, found {n}",
    },
    "seed_basis_alternative": {
        "zh": "另一种口径“{basis}”必须是 annual、cumulative 或 level，且不同于主口径",
        "en": "the other reading {basis!r} must be annual, cumulative or level, and differ from the basis",
    },
    "seed_basis_assumption": {
        "zh": "口径未定时须以 basis_assumption 指明说明它的假设",
        "en": "an open basis needs basis_assumption: the assumption that explains it",
    },
    "seed_scope_unpublished": {
        "zh": "{indicator} 不按机构类型“{institution_type}”公布（其类型：{types}），该目标不会有可用的数据",
        "en": "{indicator} is not published for institution type {institution_type!r} (its types: {types}): no "
        "figure can ever settle this target",
    },
}
