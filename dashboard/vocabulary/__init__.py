"""The words every layer shares: filters, metrics, periods, kinds and the store's errors.

The SQL query layer, the engine, the data manager, the web pages, the HTTP API and the
importer all speak these; this package imports nothing else of the project, so any of
them can use a word without depending on another layer (see docs/architecture.md).
"""
