"""Where a figure comes from, in words: the source line under every chart and table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.formatting import display_width, format_date
from dashboard.i18n import pick, t

# The grade of a source an import created from a citation, until an editor grades it.
UNRATED = "U"


def cite(source: pd.Series | dict, lang: str) -> str:
    """One source as a short citation: outlet, title, date, grade."""
    published = source.get("published")
    date = (
        format_date(published, lang) if isinstance(published, str) and published else t("date_unknown", lang)
    )
    grade = (
        t("grade_unrated", lang)
        if source["grade"] == UNRATED
        else t("grade_word", lang, grade=source["grade"])
    )
    outlet, title = pick(source, "outlet", lang), pick(source, "title", lang)
    return t(
        "cite_outlet" if outlet else "cite_no_outlet",
        lang,
        outlet=outlet,
        title=title,
        date=date,
        grade=grade,
    )


def date_words(published: object, lang: str) -> str:
    """A source's publication date as people read it, or that it is not recorded."""
    return (
        format_date(published, lang) if isinstance(published, str) and published else t("date_unknown", lang)
    )


def grade_words(grade: str, lang: str) -> str:
    """A source's grade as a table shows it: its letter, or that it is not graded yet."""
    return t("grade_unrated", lang) if grade == UNRATED else grade


def source_words(source_id: str, sources: pd.DataFrame, lang: str) -> str:
    """One source as a download's cell names it: outlet (else title) and date, '国家知识产权局（2024年2月）'."""
    source = sources.set_index("id").loc[source_id]
    return t(
        "source_outlet_date",
        lang,
        outlet=_text(pick(source, "outlet", lang)) or _text(pick(source, "title", lang)),
        date=date_words(source.get("published"), lang),
    )


def _text(value: object) -> str:
    """A text cell as text: '' where the store holds nothing."""
    return value if isinstance(value, str) else ""


def cited_sources_table(source_ids: Iterable[str], sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The distinct sources among `source_ids`, newest first, as a download's sources sheet: outlet, title,
    date, grade and address, with readable column names."""
    chosen = _newest_first(source_ids, sources)
    return pd.DataFrame(
        {
            t("col_outlet", lang): [_text(v) for v in chosen[f"outlet_{lang}"]],
            t("col_title", lang): [_text(v) for v in chosen[f"title_{lang}"]],
            t("col_date", lang): [date_words(p, lang) for p in chosen["published"]],
            t("col_grade", lang): [grade_words(g, lang) for g in chosen["grade"]],
            t("col_url", lang): [_text(v) for v in chosen["url"]],
        }
    )


def source_line(
    source_ids: Iterable[str], sources: pd.DataFrame, lang: str, heading: str | None = None
) -> str:
    """'来源：…；…' for the distinct sources among `source_ids`, newest first (`heading` in place of '来源：')."""
    ids = list(dict.fromkeys(s for s in source_ids if isinstance(s, str) and s))
    if not ids:
        return ""
    chosen = sources.set_index("id").loc[ids].reset_index()
    # Newest first; sources of the same day in the order of their ids, so the line never depends on the order
    # the ids came in (often a set).
    chosen = chosen.sort_values("id", kind="stable").sort_values(
        "published", ascending=False, na_position="last", kind="stable"
    )
    citations = [cite(row, lang) for _, row in chosen.iterrows()]
    sep = t("list_sep", lang)
    key = "source_line" if len(citations) == 1 else "sources_line"
    return (heading or t(key, lang)) + sep.join(citations)


# A short source line's length in display columns (a Chinese character is two; dashboard.formatting's
# display_width): about two lines under a slide's chart at 1280 px in either language. Counted in characters,
# a Chinese line ran to three and pushed a slide past a 720-px screen.
SHORT_LINE_WIDTH = 250


def _newest_first(source_ids: Iterable[str], sources: pd.DataFrame) -> pd.DataFrame:
    ids = list(dict.fromkeys(s for s in source_ids if isinstance(s, str) and s))
    chosen = sources.set_index("id").loc[ids].reset_index()
    return chosen.sort_values("id", kind="stable").sort_values(
        "published", ascending=False, na_position="last", kind="stable"
    )


def short_source_line(
    source_ids: Iterable[str],
    sources: pd.DataFrame,
    lang: str,
    limit: int = SHORT_LINE_WIDTH,
    heading: str | None = None,
) -> str:
    """The sources at the point of use, short: outlet, date and grade, newest first, at most about `limit`
    display columns, then "and N more" (the full citations go where there is room: the notes); `heading` in
    place of '来源：'."""
    chosen = _newest_first(source_ids, sources)
    if chosen.empty:
        return ""
    short = []
    for _, row in chosen.iterrows():
        published = row.get("published")
        date = (
            format_date(published, lang)
            if isinstance(published, str) and published
            else t("date_unknown", lang)
        )
        grade = (
            t("grade_unrated", lang) if row["grade"] == UNRATED else t("grade_word", lang, grade=row["grade"])
        )
        short.append(
            t(
                "cite_short",
                lang,
                outlet=pick(row, "outlet", lang) or pick(row, "title", lang),
                date=date,
                grade=grade,
            )
        )
    sep = t("list_sep", lang)
    head = heading or t("source_line" if len(short) == 1 else "sources_line", lang)
    shown = []
    for i, citation in enumerate(short):
        more = len(short) - i - 1
        tail = t("sources_more", lang, n=more) if more else ""
        if shown and display_width(head + sep.join([*shown, citation]) + tail) > limit:
            return head + sep.join(shown) + t("sources_more", lang, n=len(short) - len(shown))
        shown.append(citation)
    return head + sep.join(shown)


# A chart image's footer is one line: about this many display columns at the download's size.
FOOTER_WIDTH = 170


def footer_line(source_ids: Iterable[str], sources: pd.DataFrame, lang: str) -> str:
    """The one-line source footer of a chart image: the short source line cut to what one line holds."""
    return short_source_line(source_ids, sources, lang, limit=FOOTER_WIDTH)


def assumption_text(assumption_id: object, assumptions: pd.DataFrame, lang: str) -> str | None:
    """The text of an assumption, or None when the figure rests on none."""
    if not isinstance(assumption_id, str) or not assumption_id:
        return None
    row = assumptions.set_index("id").loc[assumption_id]
    return row[f"text_{lang}"]


def free_text(row: Mapping, field: str, lang: str) -> str:
    """Free text kept in the sources' language (Chinese) with its English beside it (`<field>_en`): the
    Chinese on a Chinese page; the English on an English page, or the Chinese marked as such where no one has
    written the English yet; empty where there is no text."""
    chinese = _stripped(row.get(field))
    if lang == "zh" or not chinese:
        return chinese
    return _stripped(row.get(f"{field}_en")) or t("chinese_only", lang, text=chinese)


def _stripped(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
