"""The PySide6 desktop interface; talks to annotator.core only through its API."""
