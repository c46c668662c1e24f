"""``python -m graph`` runs the citegraph command."""

from graph.cli import cli

if __name__ == "__main__":
    cli(prog_name="citegraph")
