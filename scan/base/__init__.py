"""Layer 0, the base: errors, number and date formats, settings, small helpers. Imports nothing of the project."""
