"""JSON Lines feeds (streamed, split for parallel workers) and JSON listing files."""
