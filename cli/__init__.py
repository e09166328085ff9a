"""The `ledger` command line: click commands, thin over the `ledger` library."""
