"""What the Data page offers around an import: the upload limits, and the empty import sheet as a template
(CSV, or XLSX with the indicators and institution types an import accepts)."""

from __future__ import annotations

import pandas as pd

from dashboard.editing.plans import COLUMN_NAMES, REQUIRED, TEMPLATE_COLUMNS
from dashboard.i18n import Message, message, t

# Limits on what the Data page accepts in one upload (the CLI has none).
UPLOAD_LIMIT_MB = 5
UPLOAD_ROW_LIMIT = 20_000


def upload_problem(size_bytes: int, rows: int | None = None) -> Message | None:
    """Why an upload is refused (too large, too many rows); None when it is within the limits."""
    if size_bytes > UPLOAD_LIMIT_MB * 1024 * 1024:
        return message("upload_too_large", size=f"{size_bytes / 1024 / 1024:.1f}", limit=UPLOAD_LIMIT_MB)
    if rows is not None and rows > UPLOAD_ROW_LIMIT:
        return message("upload_too_many_rows", rows=rows, limit=UPLOAD_ROW_LIMIT)
    return None


def template_csv() -> bytes:
    """An empty import sheet: the header row only (UTF-8 with BOM, so spreadsheets read Chinese right)."""
    return (",".join(TEMPLATE_COLUMNS) + "\n").encode("utf-8-sig")


def template_xlsx(indicators: pd.DataFrame, institution_types: pd.DataFrame, lang: str) -> bytes:
    """An import workbook: an empty 'observations' sheet, then sheets listing the columns, the indicators
    (id, names, unit) and the institution types an import accepts."""
    import io

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
        columns.to_excel(writer, index=False, sheet_name=t("template_sheet_columns", lang))
        indicators[["id", "name_zh", "name_en", "unit"]].to_excel(
            writer, index=False, sheet_name=t("template_sheet_indicators", lang)
        )
        institution_types[["id", "name_zh", "name_en"]].to_excel(
            writer, index=False, sheet_name=t("template_sheet_types", lang)
        )
    return buffer.getvalue()
