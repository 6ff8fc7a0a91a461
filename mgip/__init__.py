"""mgip: contract testing and code generation for the Mailgun IP API."""
