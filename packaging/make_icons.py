"""Render the SVG app icon into the raster formats installers want: PNGs, Windows .ico, macOS .icns.

Qt's own image plugins write .ico and .icns, so no extra tools are needed:
``.venv/bin/python packaging/make_icons.py`` (the ``icons`` make target) regenerates
``packaging/windows/annotator.ico``, ``packaging/macos/annotator.icns`` and ``packaging/icons/*.png``.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "annotator.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer, size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """A multi-size .ico with PNG-compressed entries (read by Windows Vista and later).

    Qt's ICO writer stores a single image, and Explorer would scale one large image down badly.
    """
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + entries + blobs)


# PNG-compressed ICNS slots (macOS 10.7+): type code -> pixel size.
ICNS_SLOTS = {"icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
              "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512, "ic10": 1024}


def write_icns(path: Path, renderer) -> None:
    """A .icns of PNG entries; Qt's ICNS writer emits a table of contents its own reader rejects."""
    cache: dict[int, bytes] = {}
    body = b""
    for kind, size in ICNS_SLOTS.items():
        png = cache.setdefault(size, png_bytes(render(renderer, size)))
        body += kind.encode("ascii") + struct.pack(">I", 8 + len(png)) + png
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (needed for plugins)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    png_dir = ROOT / "packaging" / "icons"
    png_dir.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        render(renderer, size).save(str(png_dir / f"annotator-{size}.png"))

    ico = ROOT / "packaging" / "windows" / "annotator.ico"
    write_ico(ico, {size: png_bytes(render(renderer, size)) for size in ICO_SIZES})
    written = [ico]
    icns = ROOT / "packaging" / "macos" / "annotator.icns"
    write_icns(icns, renderer)
    written.append(icns)
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"wrote {len(PNG_SIZES)} PNGs in {png_dir.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
