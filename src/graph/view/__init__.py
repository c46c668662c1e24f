"""HTML views: one self-contained page per network, and an index that links them."""

from graph.view.index import index_html
from graph.view.network import ViewSpec, network_html

__all__ = ["ViewSpec", "index_html", "network_html"]
