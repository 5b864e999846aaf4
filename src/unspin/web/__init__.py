"""``unspin serve``: the analyst's workbench, a web app and JSON API over the reports and ACH cases.

:func:`create_app` builds the FastAPI application; nothing runs at import.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
