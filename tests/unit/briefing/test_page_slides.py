"""The programme pages' slides: each key number says whose figure it is when the indicator has several."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.briefing.builders import PAGE_NUMBERS, build_slide
from dashboard.programme.overview import latest_observation
from tests.fixtures import selection

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", sorted(PAGE_NUMBERS))
def test_a_key_number_from_one_of_several_types_names_that_type(tables, page, lang):
    slide = build_slide(f"page:{page}", tables, selection(tables, "all", lang), TODAY)
    names = tables.type_names(lang)
    indicators = tables.indicators.set_index("id")
    labels = {label.split(" · ")[0]: label for label, _ in slide.key_numbers}
    checked = 0
    for indicator in PAGE_NUMBERS[page]:
        rows = tables.observations[tables.observations["indicator"] == indicator]
        label = labels.get(indicators.loc[indicator, f"name_{lang}"])
        if rows.empty or label is None:
            continue
        types = rows["institution_type"].unique()
        if len(types) > 1:
            latest = max(
                (latest_observation(rows, indicator, x) for x in types),
                key=lambda r: (r["period"][:4], r["value"]),
            )
            assert f" · {names[latest['institution_type']]} · " in label, label
            checked += 1
        else:
            assert not any(f" · {names[x]} · " in label for x in names), label
    if page == "universities":
        assert checked >= 1  # the recordals are published for all types and for universities and institutes
