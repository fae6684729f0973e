"""One module a subcommand; each defines `register(subparsers)` (see extract/cli.py)."""
