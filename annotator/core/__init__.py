"""The Qt-free core: project storage, import/export, text handling and agreement statistics.

Nothing under this package may import PySide6; ``tests/core/test_layering.py`` enforces it.
"""
