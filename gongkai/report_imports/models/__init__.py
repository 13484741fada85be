"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.report_imports.models.batches import ImportBatch, ImportBatchFile, batch_file_upload_path
from gongkai.report_imports.models.reports import ImportedReport, original_upload_path

__all__ = [
    "ImportBatch",
    "ImportBatchFile",
    "ImportedReport",
    "batch_file_upload_path",
    "original_upload_path",
]
