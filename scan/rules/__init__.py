"""Layer 3, the rules: pure functions on content and answers (scores, peers, suggestions, disclosure,\nthe akkoordcheck). No SQL."""
