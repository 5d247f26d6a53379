"""The Linux desktop integration: launcher entry, AppStream metainfo, project MIME type and icon.

The XML and .desktop files are always parsed and cross-checked (ids, MIME type, icon name agree);
the freedesktop validators run where their Debian packages are installed.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "desktop"
APP_ID = "io.github.annotator.Annotator"
DESKTOP_FILE = DESKTOP / f"{APP_ID}.desktop"
METAINFO_FILE = DESKTOP / f"{APP_ID}.metainfo.xml"
MIME_FILE = DESKTOP / "annotator-project.xml"
ICON_FILE = ROOT / "resources" / "icons" / "annotator.svg"
MIME_TYPE = "application/x-annotator-project"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
SVG_NS = "{http://www.w3.org/2000/svg}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in .desktop files
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_project_files():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "annotator %f"
    assert entry["Icon"] == APP_ID
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Name[zh_CN]"], "the launcher has a Chinese name"


def test_metainfo_matches_desktop_entry():
    component = ET.parse(METAINFO_FILE).getroot()
    assert component.tag == "component" and component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.find("provides/mediatype").text == MIME_TYPE
    assert component.find("content_rating").get("type").startswith("oars-")
    releases = component.findall("releases/release")
    assert releases and releases[0].get("version")
    assert component.find("description/p") is not None


def test_metainfo_release_is_the_package_version():
    from annotator import __version__

    component = ET.parse(METAINFO_FILE).getroot()
    assert component.find("releases/release").get("version") == __version__


def test_mime_type_recognises_project_files(project):
    mime = ET.parse(MIME_FILE).getroot()
    mime_type = mime.find(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == ["*.annotator"]
    match = mime_type.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert match.get("offset") == "0" and match.get("type") == "string"
    header = match.get("value").replace("\\000", "\0").encode()
    # A real project file, as the store writes it, carries the header the magic rule looks for.
    assert Path(project.path).read_bytes()[: len(header)] == header


def test_icon_is_a_square_svg():
    svg = ET.parse(ICON_FILE).getroot()
    assert svg.tag == f"{SVG_NS}svg"
    x, y, width, height = (float(v) for v in svg.get("viewBox").split())
    assert (x, y) == (0, 0) and width == height


def test_icon_renders_with_qt(qapp):
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(ICON_FILE)).isValid()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt-get install desktop-file-utils)")
def test_desktop_file_validate_accepts_the_entry():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (apt-get install appstream)")
def test_appstreamcli_validate_accepts_the_metainfo():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("install") is None,
                    reason="needs a POSIX shell and coreutils' install")
def test_linux_install_script_puts_files_under_xdg_data_home(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    script = ROOT / "packaging" / "linux" / "install.sh"
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True)
    installed = [
        tmp_path / "applications" / DESKTOP_FILE.name,
        tmp_path / "metainfo" / METAINFO_FILE.name,
        tmp_path / "mime" / "packages" / MIME_FILE.name,
        tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    ]
    assert all(p.is_file() for p in installed)
    if shutil.which("update-mime-database"):
        assert MIME_TYPE in (tmp_path / "mime" / "types").read_text()
    subprocess.run(["sh", str(script), "--uninstall"], env=env, check=True, capture_output=True)
    assert not any(p.exists() for p in installed)


def test_platform_icons_are_rendered_from_the_svg(qapp):
    from PySide6.QtGui import QImageReader

    for path, sizes in ((ROOT / "packaging" / "windows" / "annotator.ico", 7),
                        (ROOT / "packaging" / "macos" / "annotator.icns", 11)):
        reader = QImageReader(str(path))
        assert reader.canRead(), f"{path.name}: run `make icons`"
        assert reader.imageCount() == sizes
