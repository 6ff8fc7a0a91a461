"""mgip's contract suites: they check any server, real or mock, against the spec and the rules."""
