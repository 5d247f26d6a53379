"""Entry script for the frozen app: the same ``annotator`` command the wheel installs."""

import multiprocessing
import sys

from annotator.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; needed if a worker ever spawns processes
    sys.exit(main())
