"""The ground floor: the curated spec, the rule catalogue, YAML documents, packaged resources
and the errors every layer raises. It imports nothing of mgip's above it."""
