"""The index page: headline numbers, links to every view, top authors and the problems.

>>> page = index_html({"title": "<b>x</b>", "files": [], "numbers": [], "views": [],
...                    "top_authors": [], "problems": [], "version": "0"})
>>> "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
True
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, select_autoescape

_TEMPLATES = files("graph.view") / "templates"


def index_html(context: Mapping[str, object]) -> str:
    """Render the index page; every value in ``context`` is escaped."""
    env = Environment(
        loader=FileSystemLoader(str(_TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template("index.html").render(**context)
