"""Who may edit: password hashes, named and shared passwords, OIDC allow-lists, and the slow-down after
failed attempts (driven by a clock the test moves, never by waiting)."""

import pytest

from dashboard.editing.access import (
    ENV_PASSWORD_HASH,
    AccessConfigError,
    Throttle,
    check_password,
    editor_config,
    hash_password,
    oidc_editor,
    verify_password,
)
from dashboard.formatting import WORD_JOINER, literal


def test_a_hash_verifies_its_password_only_and_is_salted():
    encoded = hash_password("correct horse battery")
    assert encoded.startswith("scrypt$") and "correct" not in encoded
    assert verify_password("correct horse battery", encoded)
    assert not verify_password("correct horse batterY", encoded)
    assert hash_password("correct horse battery") != encoded


@pytest.mark.parametrize("broken", ["plain-text-password", "scrypt$1$2$3$x$y", "md5$a$b$c$d$e", ""])
def test_a_malformed_hash_is_a_configuration_error(broken):
    with pytest.raises(AccessConfigError, match="hash-password"):
        verify_password("anything", broken)


def test_shared_password_signs_in_any_named_editor_and_named_passwords_their_owner():
    shared, alice = hash_password("team password 1"), hash_password("alice password")
    config = editor_config({"editors": {"Alice": alice}}, {ENV_PASSWORD_HASH: shared})
    assert config.password_enabled and config.enabled
    assert check_password(config, "王编辑", "team password 1") == "王编辑"
    assert check_password(config, "alice", "alice password") == "Alice"
    assert check_password(config, "alice", "team password 1") is None  # Alice has her own password
    assert check_password(config, "王编辑", "wrong") is None
    assert check_password(config, "", "team password 1") is None


def test_nothing_configured_means_view_only():
    config = editor_config({}, {})
    assert not config.enabled and check_password(config, "anyone", "anything") is None


def test_oidc_editors_are_those_on_the_list():
    config = editor_config({"auth": {"redirect_uri": "x"}, "editor_emails": ["Editor@Example.org"]}, {})
    assert config.oidc and config.enabled
    assert oidc_editor(config, "editor@example.org")
    assert not oidc_editor(config, "viewer@example.org") and not oidc_editor(config, None)
    assert not oidc_editor(editor_config({"editor_emails": ["editor@example.org"]}, {}), "editor@example.org")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_failed_attempts_make_the_next_ones_wait_longer_and_success_clears_them():
    clock = Clock()
    throttle = Throttle(free=3, base=1.0, cap=8.0, clock=clock)
    assert [throttle.failed() for _ in range(3)] == [0.0, 0.0, 1.0]
    assert throttle.wait() == 1.0
    clock.now += 1.0
    assert throttle.wait() == 0.0
    assert [throttle.failed() for _ in range(4)] == [2.0, 4.0, 8.0, 8.0]  # doubling, capped
    throttle.succeeded()
    assert throttle.wait() == 0.0 and throttle.failed() == 0.0


def test_text_from_data_is_escaped_for_markdown():
    shown = literal("<b>bold</b> **x** [link](http://e.org) :red[z] $x$")
    for raw in ("<b>", "**", "](", ":red[", "$x$"):
        assert raw not in shown
    # as read: escapes consumed, the invisible joiner that keeps the address from becoming a link dropped
    assert (
        shown.replace("\\", "").replace(WORD_JOINER, "")
        == "<b>bold</b> **x** [link](http://e.org) :red[z] $x$"
    )
