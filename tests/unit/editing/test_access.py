"""Who may edit: password hashes, named and shared passwords, OIDC allow-lists, and the slow-down after
failed attempts (driven by a clock the test moves, never by waiting)."""

import pytest

from dashboard.editing.access import (
    ENV_PASSWORD_HASH,
    AccessConfigError,
    SignInThrottle,
    check_password,
    editor_config,
    hash_password,
    oidc_editor,
    verify_password,
)
from dashboard.formatting import WORD_JOINER, literal
from dashboard.store.database import Store


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


@pytest.fixture
def store(store_url):
    opened = Store.open(store_url)
    opened.migrate()
    yield opened
    opened.dispose()


def test_failed_attempts_make_the_next_ones_wait_longer_and_success_clears_them(store):
    clock = Clock()
    throttle = SignInThrottle(store, free=3, base=1.0, cap=8.0, clock=clock)
    assert [throttle.failed("ana", "10.0.0.1") for _ in range(3)] == [0.0, 0.0, 1.0]
    assert throttle.wait("ana", "10.0.0.1") == 1.0
    clock.now += 1.0
    assert throttle.wait("ana", "10.0.0.1") == 0.0
    assert [throttle.failed("ana", "10.0.0.1") for _ in range(4)] == [2.0, 4.0, 8.0, 8.0]  # doubling, capped
    throttle.succeeded("ana", "10.0.0.1")
    assert throttle.wait("ana", "10.0.0.1") == 0.0 and throttle.failed("ana", "10.0.0.1") == 0.0


def test_one_client_trying_many_accounts_is_slowed_down_on_all_of_them(store):
    clock = Clock()
    throttle = SignInThrottle(store, free=3, base=1.0, cap=8.0, clock=clock)
    for name in ("ana", "ben", "cai", "dai"):
        throttle.failed(name, "10.0.0.9")
    assert throttle.wait("eve", "10.0.0.9") == 2.0  # a fifth account from the same client waits too


def test_someone_elses_failures_never_hold_back_a_correct_password_from_another_client(store):
    clock = Clock()
    throttle = SignInThrottle(store, free=3, base=1.0, cap=60.0, clock=clock)
    for _ in range(10):
        throttle.failed("ana", "203.0.113.7")  # someone guessing ana's password
    assert throttle.wait("ana", "203.0.113.7") > 0
    assert throttle.wait("ana", "198.51.100.2") == 0.0  # ana herself, from her own machine
    assert throttle.wait("ana", None) == 0.0  # or from the server itself


def test_two_app_processes_on_one_store_count_the_same_failures(store, store_url):
    clock = Clock()
    replica = Store.open(store_url)  # a second app process behind the same proxy
    try:
        one = SignInThrottle(store, free=2, base=1.0, cap=60.0, clock=clock)
        two = SignInThrottle(replica, free=2, base=1.0, cap=60.0, clock=clock)
        one.failed("ana", "10.0.0.5")
        assert two.failed("ana", "10.0.0.5") == 1.0  # the second failure, counted where the first was
        assert one.wait("ana", "10.0.0.5") == two.wait("ana", "10.0.0.5") == 1.0
        two.succeeded("ana", "10.0.0.5")
        assert one.wait("ana", "10.0.0.5") == 0.0
    finally:
        replica.dispose()


def test_text_from_data_is_escaped_for_markdown():
    shown = literal("<b>bold</b> **x** [link](http://e.org) :red[z] $x$")
    for raw in ("<b>", "**", "](", ":red[", "$x$"):
        assert raw not in shown
    # as read: escapes consumed, the invisible joiner that keeps the address from becoming a link dropped
    assert (
        shown.replace("\\", "").replace(WORD_JOINER, "")
        == "<b>bold</b> **x** [link](http://e.org) :red[z] $x$"
    )
