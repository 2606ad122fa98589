"""The command line and its commands (run, report, validate, eval, bench)."""
