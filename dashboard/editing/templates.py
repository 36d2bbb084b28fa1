"""What the Data page offers around an import: the upload limits, and the empty import sheet as a template
(CSV, or XLSX with the indicators and institution types an import accepts)."""

from __future__ import annotations

import pandas as pd

from dashboard.editing.plans import COLUMN_NAMES, REQUIRED, TEMPLATE_COLUMNS

# Limits on what the Data page accepts in one upload (the CLI has none).
UPLOAD_LIMIT_MB = 5
UPLOAD_ROW_LIMIT = 20_000


def upload_problem(size_bytes: int, rows: int | None = None, lang: str = "en") -> str | None:
    """Why an upload is refused (too large, too many rows); None when it is within the limits."""
    zh = lang == "zh"
    if size_bytes > UPLOAD_LIMIT_MB * 1024 * 1024:
        size = size_bytes / 1024 / 1024
        return (
            f"文件大小 {size:.1f} MB，超过上限 {UPLOAD_LIMIT_MB} MB"
            if zh
            else f"the file is {size:.1f} MB; the limit is {UPLOAD_LIMIT_MB} MB"
        )
    if rows is not None and rows > UPLOAD_ROW_LIMIT:
        return (
            f"表中有 {rows} 行，超过上限 {UPLOAD_ROW_LIMIT} 行（更大的表请用命令行导入）"
            if zh
            else f"the sheet has {rows} rows; the limit is {UPLOAD_ROW_LIMIT} (import larger sheets with the CLI)"
        )
    return None


def template_csv() -> bytes:
    """An empty import sheet: the header row only (UTF-8 with BOM, so spreadsheets read Chinese right)."""
    return (",".join(TEMPLATE_COLUMNS) + "\n").encode("utf-8-sig")


def template_xlsx(indicators: pd.DataFrame, institution_types: pd.DataFrame, lang: str) -> bytes:
    """An import workbook: an empty 'observations' sheet, then sheets listing the columns, the indicators
    (id, names, unit) and the institution types an import accepts."""
    import io

    zh = lang == "zh"
    columns = pd.DataFrame(
        {
            "column": list(TEMPLATE_COLUMNS),
            "also": [" / ".join(COLUMN_NAMES[c][1:]) for c in TEMPLATE_COLUMNS],
            "required": ["yes" if c in REQUIRED else "no" for c in TEMPLATE_COLUMNS],
            "accepts": [
                "id, 中文名称 or English name",
                "2023, 2023年, 2023-06, 2023年6月, 2024-04-24, 2024年4月24日",
                "21000, 2.1万余, 110.1亿元, 1,101,000万元, 13.38%",
                "项, 件, 亿元, 万元, % … (optional)",
                "university/高校, research_institute/科研机构, university_and_institute/高校和科研机构, enterprise/企业/"
                "中小企业, all/全国/全部",
                "a source id, or a citation: outlet, title, date",
                "exact, more_than (以上/多/余/超), approx (约/近/左右) — optional",
                "free text (optional)",
            ],
        }
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(columns=list(TEMPLATE_COLUMNS)).to_excel(writer, index=False, sheet_name="observations")
        columns.to_excel(writer, index=False, sheet_name="说明" if zh else "columns")
        indicators[["id", "name_zh", "name_en", "unit"]].to_excel(
            writer, index=False, sheet_name="指标" if zh else "indicators"
        )
        institution_types[["id", "name_zh", "name_en"]].to_excel(
            writer, index=False, sheet_name="机构类型" if zh else "institution types"
        )
    return buffer.getvalue()
