"""Images and their metadata sidecars; dominant colours from the pixels."""
