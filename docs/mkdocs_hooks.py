"""MkDocs hooks for the documentation site (registered in mkdocs.yml under ``hooks``).

The docstrings use Sphinx cross-reference roles (``:func:`validate```, ``:class:`~x.Report```),
which read well in ``help()`` and in editors; mkdocstrings renders them literally.  This hook
turns each rendered role into plain inline code: ``:func:<code>validate</code>`` becomes
``<code>validate</code>``, and a ``~`` prefix keeps only the last dotted component, as in Sphinx.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(r":(?:py:)?(?:func|meth|class|mod|data|attr|exc|obj|const|term):<code>(~?)([^<]*)</code>")


def _plain(m: re.Match[str]) -> str:
    target = m.group(2)
    if m.group(1):
        target = target.rsplit(".", 1)[-1]
    return f"<code>{target}</code>"


def strip_roles(html: str) -> str:
    return _ROLE.sub(_plain, html)


def on_page_content(html: str, **kwargs: Any) -> str:
    return strip_roles(html)
