"""Words every area uses: how values, periods, lists and citations are written, and the locale tags."""

LABELS: dict[str, dict[str, str]] = {
    "locale": {"zh": "zh-CN", "en": "en-GB"},
    "list_sep": {"zh": "；", "en": "; "},
    "value_more_than": {"zh": "{value}以上", "en": "more than {value}"},
    "value_approx": {"zh": "约{value}", "en": "about {value}"},
    "value_at_period": {"zh": "{value}（{period}）", "en": "{value} ({period})"},
    "value_of_type": {"zh": "{value}（{type}）", "en": "{value} ({type})"},
    "period_year": {"zh": "{year}年", "en": "{year}"},
    "period_flow_months": {"zh": "{year}年1—{month}月", "en": "Jan–{mon} {year}"},
    "period_january": {"zh": "{year}年1月", "en": "Jan {year}"},
    "period_month_end": {"zh": "{year}年{month}月末", "en": "end of {mon} {year}"},
    "period_month": {"zh": "{year}年{month}月", "en": "{mon} {year}"},
    "period_day": {"zh": "{year}年{month}月{day}日", "en": "{day} {mon} {year}"},
    "grade_word": {"zh": "{grade}级", "en": "grade {grade}"},
    "cite_outlet": {
        "zh": "{outlet}《{title}》，{date}，{grade}",
        "en": "{outlet}, “{title}”, {date}, {grade}",
    },
    "cite_no_outlet": {"zh": "《{title}》，{date}，{grade}", "en": "“{title}”, {date}, {grade}"},
    "province_hover": {"zh": "{name_zh}", "en": "{name_en} ({name_zh})"},
}
