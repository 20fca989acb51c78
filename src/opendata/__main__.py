"""``python -m opendata``: the same command line as the ``opendata`` script, for a
machine where the script's folder is not on PATH (a virtualenv not activated)."""

from opendata.cli import run

if __name__ == "__main__":
    run()
