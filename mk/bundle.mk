# Packaging, translations and desktop-file checks; included last from the Makefile.
#   make bundle         PyInstaller one-folder build into dist/annotator/
#   make bundle-check   run the frozen app offscreen with --screenshot and check the PNG
#   make translations   refresh the .ts sources from annotator/gui and compile the .qm files
#   make check-desktop  desktop-file-validate and appstreamcli validate on resources/desktop
#   make install-desktop  launcher, MIME type and icon into ~/.local/share
#   make icons          PNG, .ico and .icns icons rendered from resources/icons/annotator.svg

.PHONY: bundle bundle-check translations translations-compile check-desktop install-desktop icons

DESKTOP_DIR := resources/desktop
APP_ID := io.github.annotator.Annotator
TS_DIR := resources/translations
LANGUAGES := zh_CN
TS_FILES := $(foreach lang,$(LANGUAGES),$(TS_DIR)/annotator_$(lang).ts)
BUNDLE_PNG ?= /tmp/bundle.png

bundle:
	$(BIN)/python -m pip install -q -e '.[bundle]'
	$(MAKE) translations-compile
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/annotator.spec

bundle-check:
	test -x dist/annotator/annotator || { echo "run 'make bundle' first"; exit 1; }
	dist/annotator/annotator --version
	rm -f $(BUNDLE_PNG)
	QT_QPA_PLATFORM=offscreen dist/annotator/annotator --screenshot $(BUNDLE_PNG)
	test -s $(BUNDLE_PNG)
	@head -c 8 $(BUNDLE_PNG) | od -An -c | grep -q 'P   N   G' && echo "bundle-check: $(BUNDLE_PNG) is a PNG"

# pyside6-lupdate keeps existing translations and marks vanished strings obsolete (dropped with -no-obsolete).
translations:
	$(BIN)/pyside6-lupdate -no-obsolete -locations relative $$(find annotator/gui -name '*.py' | sort) -ts $(TS_FILES)
	$(MAKE) translations-compile

translations-compile:
	for ts in $(TS_FILES); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

check-desktop:
	desktop-file-validate $(DESKTOP_DIR)/$(APP_ID).desktop
	appstreamcli validate --no-net $(DESKTOP_DIR)/$(APP_ID).metainfo.xml
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/packaging

install-desktop:
	sh packaging/linux/install.sh

icons:
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py
