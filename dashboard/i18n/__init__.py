"""Every word the dashboard shows, in Chinese (the default) and English, in one catalogue split by area, and
`t()` to look them up. Errors carry a catalogue key and its parameters (`Message`, `LocalizedError`); the page
or the command turns them into words in its own language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dashboard.i18n import common, editing, inventory, messages, programme, verdicts

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
# The language a message is rendered in where no page language applies (the command line, logs, str()).
PLAIN_LANGUAGE = "en"

LABELS: dict[str, dict[str, str]] = {
    **common.LABELS,
    **programme.LABELS,
    **verdicts.LABELS,
    **editing.LABELS,
    **inventory.LABELS,
    **messages.LABELS,
}


def t(key: str, lang: str, /, **values: object) -> str:
    """The label `key` in `lang`, with `{name}` placeholders filled from `values` (a Message among the values
    is put into words in the same language, a tuple of Messages as a list)."""
    text = LABELS[key][lang]
    if not values:
        return text
    return text.format(**{k: _words(v, lang) for k, v in values.items()})


def _words(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return LABELS["list_sep"][lang].join(v.text(lang) for v in value)
    return value


def pick(row: object, field: str, lang: str) -> str:
    """A bilingual data field: row['name_zh'] or row['name_en']."""
    return row[f"{field}_{lang}"]


def unit_label(indicator: Mapping, lang: str) -> str:
    """An indicator's unit as a reader sees it: the canonical unit (亿元, 件, %) on a Chinese page, its English
    words (CNY 100 m, patents) on an English one."""
    return indicator["unit"] if lang == "zh" else indicator["unit_en"]


@dataclass(frozen=True)
class Message:
    """Words to be shown later, in whatever language the reader has: a catalogue key and its parameters."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text(PLAIN_LANGUAGE)


def message(key: str, /, **params: object) -> Message:
    return Message(key, params)


class LocalizedError(Exception):
    """An error whose words come from the catalogue: `text(lang)` in the reader's language; str() in English."""

    def __init__(self, key: str, /, **params: object):
        self.message = Message(key, params)
        super().__init__(str(self.message))

    def text(self, lang: str) -> str:
        return self.message.text(lang)
