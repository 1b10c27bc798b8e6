"""Python code highlighted on the server by Pygments, with CSS classes (no inline styles: CSP).

The classes are the ones Python-Markdown's codehilite writes for the lesson prose, so one
stylesheet (static/css/pygments.css) colours both.
"""

from functools import lru_cache

from django.utils.safestring import mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

CSS_CLASS = "codehilite"


def python_line(code):
    """A few lines of Python as inline HTML (no <pre> around it); Pygments escapes the text."""
    html = highlight(code, PythonLexer(), HtmlFormatter(nowrap=True))
    return mark_safe(html.rstrip("\n"))


def python_source(path):
    """A whole Python file as a highlighted block, read now and re-rendered only when it changes."""
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        return None
    return _render_source(path, mtime_ns)


@lru_cache(maxsize=8)
def _render_source(path, mtime_ns):
    source = path.read_text(encoding="utf-8")
    formatter = HtmlFormatter(cssclass=CSS_CLASS, wrapcode=True)
    return mark_safe(highlight(source, PythonLexer(), formatter))
