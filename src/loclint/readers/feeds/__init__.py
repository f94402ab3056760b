"""Catalogue feeds: CSV and TSV with their scanner, column maps and price parsing."""
