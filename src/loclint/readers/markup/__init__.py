"""Descriptions written as pages: plain text, Markdown and HTML (and the HTML-to-text map CSV cells use too)."""
