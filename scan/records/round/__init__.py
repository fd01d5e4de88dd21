"""Everything of one round: the round itself, its answers, choices, respondents, sharing and the\nfigures released from it."""
