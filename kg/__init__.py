"""kg: rule-based knowledge graphs from Chinese local-governance texts."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
