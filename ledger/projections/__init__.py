"""Read models rebuilt from the log: disposable, and always rebuildable from events alone."""
