"""How an inline code of a translation (an XLIFF ``<x/>``, ``<ph>…</ph>``) appears in the text
rules read: one object replacement character. Readers write it and rule kinds compare it, so it
lives here, below both."""

OBJECT = "\ufffc"
