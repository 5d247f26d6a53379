"""The user guide (markdown pages and screenshots), shipped in the wheel as ``annotator.docs`` so
Help ▸ User guide works in a pip install, not only in a source checkout or the bundle."""
