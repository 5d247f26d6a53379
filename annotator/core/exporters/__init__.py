"""Exporters of the core (Qt-free)."""
