"""The core must import with PySide6 unavailable (layering rule: no Qt under annotator/core)."""

import subprocess
import sys


def test_core_imports_without_pyside6():
    code = (
        "import sys, importlib, pkgutil\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import annotator.core\n"
        "for m in pkgutil.walk_packages(annotator.core.__path__, 'annotator.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import annotator.cli\n"
        "annotator.cli.build_parser()\n"
        "assert 'PySide6' not in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
