"""Template filters for offer pages."""
