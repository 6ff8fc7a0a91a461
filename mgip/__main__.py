"""`python -m mgip`: the same command line as `mgip`."""

from mgip.cli import app

app(prog_name="mgip")
