"""Layer 1, the content: questions, proposals, tips and reference data, validated into models."""
