"""Importers of the core (Qt-free)."""
