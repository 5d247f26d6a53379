"""Agreement of the core (Qt-free)."""
