"""Commands that work on mgip's source tree (`generate`, `check-generated`, `check-spec`, `drift`
against the checkout's upstream file): they need a clone of the repository, not only mgip."""
