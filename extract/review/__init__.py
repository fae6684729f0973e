"""Review: a local web page where a person settles findings; decisions kept in SQLite.

store.py (decisions and history in SQLite), data.py (the outputs read and the queue), decide.py (a posted
form -> Decision), server.py (http.server), pages.py + html.py (escaped HTML), chart.py (SVG time line),
io.py (export/import JSON Lines), static/ (one JS file for the shortcuts, one CSS file), browser.py (how
tests start Debian's chromium), sample.py (a hand-made out/ for tests and the screenshot).
"""
