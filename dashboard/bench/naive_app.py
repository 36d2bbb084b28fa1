"""The bench's naive peer: the Inventory page's numbers and charts written as a typical Streamlit app would —
one cached pandas DataFrame (st.cache_data), boolean-mask filters, plotly express per chart. Run only by
`python -m dashboard bench`, never by the dashboard; its widgets use the real page's keys so the same
filter states drive both."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import plotly.express as px  # noqa: E402
import streamlit as st  # noqa: E402

TYPES = {
    "all": ["university", "research_institute"],
    "university": ["university"],
    "research_institute": ["research_institute"],
    "university_and_institute": ["university", "research_institute"],
    "enterprise": [],
}


@st.cache_data(show_spinner=False)
def load() -> pd.DataFrame:
    # How the frame is read does not matter to the reruns measured; this is the fast way, done once.
    from dashboard.inventory import store as inventory_store
    from dashboard.store.database import Store

    return inventory_store.load_inventory(Store.open(None)).to_pandas()


df = load()
choice = st.sidebar.selectbox("Institution type", list(TYPES), key="institution_type")
years = st.sidebar.slider("Years", 2012, 2026, (2012, 2026), key="years")
provinces = st.multiselect("Provinces", sorted(df["province"].unique()), key="province")
sections = st.multiselect("Field", sorted(df["ipc_section"].unique()), key="field")

mask = df["institution_type"].isin(TYPES[choice]) & df["grant_year"].between(*years)
if provinces:
    mask &= df["province"].isin(provinces)
if sections:
    mask &= df["ipc_section"].isin(sections)
sub = df[mask]

level = sub["stage"].map(
    {
        "inventoried": 0,
        "abandoned": 0,
        "conversion_pool": 1,
        "matched": 2,
        "transferred": 3,
        "licensed": 3,
        "open_licensed": 3,
    }
)
funnel = pd.DataFrame(
    {
        "level": ["inventoried", "conversion_pool", "matched", "deal"],
        "patents": [int((level >= n).sum()) for n in range(4)],
    }
)
deals = sub[sub["deal_type"].notna()]
a, b, c, d = st.columns(4)
a.metric("Patents", len(sub))
b.metric("Pooled", int(funnel["patents"][1]))
c.metric("Deals", len(deals))
d.metric("Value", f"{deals['deal_value'].sum():,.0f}")

st.plotly_chart(px.funnel(funnel, x="patents", y="level"))
by_disposition = sub.groupby(["institution_type", "disposition"]).size().reset_index(name="patents")
st.plotly_chart(
    px.bar(by_disposition, x="patents", y="institution_type", color="disposition", orientation="h")
)
by_province = sub.groupby("province").size().reset_index(name="patents")
st.plotly_chart(px.bar(by_province, x="province", y="patents"))
by_field = sub.groupby("ipc_section").size().reset_index(name="patents")
st.plotly_chart(px.bar(by_field, x="patents", y="ipc_section", orientation="h"))
by_year = sub.groupby("grant_year").size().reset_index(name="patents")
st.plotly_chart(px.bar(by_year, x="grant_year", y="patents"))
by_deal = (
    deals.groupby("deal_type")
    .agg(deals=("deal_value", "size"), value=("deal_value", "sum"), median=("deal_value", "median"))
    .reset_index()
)
st.plotly_chart(px.bar(by_deal, x="value", y="deal_type", orientation="h", hover_data=["deals", "median"]))

league = (
    sub.assign(pooled=level >= 1, deal=sub["deal_type"].notna())
    .groupby("institution")
    .agg(
        institution_type=("institution_type", "first"),
        province=("province", "first"),
        patents=("stage", "size"),
        pooled=("pooled", "sum"),
        deals=("deal", "sum"),
        value=("deal_value", "sum"),
    )
)
st.dataframe(league.sort_values(["deals", "value", "patents"], ascending=False).head(20))
st.dataframe(sub.head(50), hide_index=True)
