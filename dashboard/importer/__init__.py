"""`python -m dashboard import`: programme data from CSV folders and XLSX workbooks.

Every file is validated before anything is written; then one transaction
upserts the rows by code and rebuilds the read model, so a bad file never
damages the store and a reader never sees half an import.
"""

from dashboard.importer.run import ImportResult, import_path

__all__ = ["ImportResult", "import_path"]
