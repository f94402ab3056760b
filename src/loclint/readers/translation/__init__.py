"""Translation files (PO, XLIFF, JSON resources) and what they share: locales to markets, XML positions."""
