#!/bin/sh
# Install Annotator's desktop integration for the current user: the launcher entry, AppStream
# metadata, the project-file MIME type and the icon, all under ~/.local/share (or $XDG_DATA_HOME).
# The `annotator` command itself must be on PATH (pip install, or a link to dist/annotator/annotator).
# Usage: packaging/linux/install.sh [--uninstall]
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
resources=$(CDPATH= cd -- "$here/../../resources" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app_id=io.github.annotator.Annotator

desktop_file=$data/applications/$app_id.desktop
metainfo_file=$data/metainfo/$app_id.metainfo.xml
mime_file=$data/mime/packages/annotator-project.xml
icon_file=$data/icons/hicolor/scalable/apps/$app_id.svg

refresh() {
    # Rebuild the caches so double-clicking a .annotator file finds the app; both tools are optional.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data/mime"
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$desktop_file" "$metainfo_file" "$mime_file" "$icon_file"
    refresh
    echo "Removed Annotator's desktop integration from $data"
    exit 0
fi

install -D -m 644 "$resources/desktop/$app_id.desktop" "$desktop_file"
install -D -m 644 "$resources/desktop/$app_id.metainfo.xml" "$metainfo_file"
install -D -m 644 "$resources/desktop/annotator-project.xml" "$mime_file"
install -D -m 644 "$resources/icons/annotator.svg" "$icon_file"
refresh

if ! command -v annotator >/dev/null 2>&1; then
    echo "Note: 'annotator' is not on PATH; the launcher needs it (see packaging/README.md)." >&2
fi
echo "Installed Annotator's desktop integration into $data"
