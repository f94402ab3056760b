"""Text helpers shared by rule kinds: tokens, inflections, language guesses, locale formats."""
