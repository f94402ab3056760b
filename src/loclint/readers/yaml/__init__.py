"""YAML listing files: one record, a list, or several documents."""
