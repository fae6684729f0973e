"""ocop: Vietnamese OCOP news in, validated and traceable records out, reconciled across sources."""
