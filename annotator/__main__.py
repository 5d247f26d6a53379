"""``python -m annotator`` runs the same entry point as the ``annotator`` command."""

from annotator.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
