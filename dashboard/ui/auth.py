"""Editor sign-in, in the sidebar: Streamlit's OIDC where configured, else (or also) the editor password,
with failed attempts throttled; and who the signed-in editor is."""

from __future__ import annotations

import os

import streamlit as st

from dashboard.editing.access import (
    AccessConfigError,
    EditorConfig,
    SignInThrottle,
    check_password,
    editor_config,
    oidc_editor,
)
from dashboard.i18n import t
from dashboard.store.database import StoreError
from dashboard.store.editors import Editor
from dashboard.ui.cache import open_store

# Behind a proxy every connection comes from the proxy: name the header in which it passes the client's
# address (the proxy appends it last), e.g. X-Forwarded-For.
CLIENT_IP_HEADER = "DASHBOARD_CLIENT_IP_HEADER"


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml: nothing configured there  # noqa: BLE001
        return {}


def editor_settings() -> EditorConfig:
    return editor_config(_secrets(), os.environ)


def client_address() -> str | None:
    """Who is signing in, as far as the connection tells: the proxy's header where one is named, else the
    connection's own address (None on localhost)."""
    header = os.environ.get(CLIENT_IP_HEADER, "").strip()
    if header:
        forwarded = st.context.headers.get(header) or ""
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]  # the one our proxy added; earlier hops are the client's own claims
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None  # None where no connection says one


def current_editor() -> Editor | None:
    """The signed-in editor, or None for a viewer."""
    settings = editor_settings()
    if settings.oidc:
        try:
            user = st.user
            if user.is_logged_in and oidc_editor(settings, user.get("email")):
                return Editor(str(user.get("name") or user.get("email")), "oidc")
        except Exception:  # noqa: BLE001 - st.user unavailable (e.g. auth misconfigured): no OIDC editor
            pass
    editor = st.session_state.get("editor")
    return editor if isinstance(editor, Editor) else None


def editor_panel(lang: str) -> None:
    """Sign-in for editors, in the sidebar: OIDC where configured, else (or also) the editor password."""
    settings = editor_settings()
    editor = current_editor()
    with st.sidebar.expander(t("editor_sign_in", lang), expanded=False):
        if editor:
            st.caption(t("signed_in_as", lang, name=editor.name))
            if st.button(t("sign_out", lang), key="sign_out"):
                if st.session_state.pop("editor", None) is None and settings.oidc:
                    st.logout()
                st.rerun()
            return
        if not settings.enabled:
            st.caption(t("editing_not_configured", lang))
            return
        if settings.oidc and settings.oidc_editors:
            providers = [k for k, v in _secrets().get("auth", {}).items() if isinstance(v, dict)] or [None]
            for provider in providers:
                if st.button(t("sign_in_oidc", lang, provider=provider or "OIDC"), key=f"oidc_{provider}"):
                    st.login(provider) if provider else st.login()
        if settings.password_enabled:
            with st.form("editor_sign_in_form", clear_on_submit=True, border=False):
                name = st.text_input(t("editor_name", lang), key="sign_in_name")
                password = st.text_input(t("password", lang), type="password", key="sign_in_password")
                submitted = st.form_submit_button(t("sign_in", lang))
            if submitted:
                _try_sign_in(settings, name, password, lang)


def _try_sign_in(settings: EditorConfig, name: str, password: str, lang: str) -> None:
    throttle, client = SignInThrottle(open_store()), client_address()
    try:
        wait = throttle.wait(name, client)
        if wait > 0:
            st.error(t("sign_in_wait", lang, seconds=int(wait) + 1))
            return
        try:
            editor = check_password(settings, name, password)
        except AccessConfigError as exc:
            st.error(exc.text(lang))
            return
        if editor is None:
            delay = throttle.failed(name, client)
            st.error(
                t("sign_in_failed", lang)
                + (" " + t("sign_in_wait", lang, seconds=int(delay + 0.999)) if delay else "")
            )
            return
        throttle.succeeded(name, client)
    except StoreError as exc:
        st.error(exc.text(lang))
        return
    st.session_state["editor"] = Editor(editor, "password")
    st.rerun()
