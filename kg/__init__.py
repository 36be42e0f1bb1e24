"""kg: rule-based knowledge graphs from Chinese local-governance texts."""

from __future__ import annotations

import logging

__version__ = "0.1.0"
__all__ = ["__version__"]


class _JiebaDebug(logging.Filter):
    """jieba prints "Building prefix dict …" and "Loading model cost …" on every
    start: on import it sets its logger to DEBUG with a stderr handler of its own.
    A filter outlives that: jieba's records below WARNING pass only when kg's logger
    is enabled for them (``logging.getLogger("kg").setLevel(logging.DEBUG)``), so
    they are debug messages, not a build's output."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or logging.getLogger(
            "kg"
        ).isEnabledFor(record.levelno)


logging.getLogger("jieba").addFilter(_JiebaDebug())
