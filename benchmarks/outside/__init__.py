"""`make bench`: the dashboard measured from outside, as a browser uses it (issue #6).

run.py        the command line and the order of things
stores.py     demo stores of N attendances (SQLite, PostgreSQL), built once and reused
server.py     the production server as a child process; readiness, CPU and memory
interactions  every user action as the Dash callbacks it sets off, timed cold and warm
browser.py    the first page in headless Chromium: bytes sent and time until drawn
imports.py    import rate into a fresh store of each kind
machine.py    the machine the numbers were taken on
report.py     BENCHMARKS.md from the saved results, with the targets met or not
"""
