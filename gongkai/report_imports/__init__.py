"""Imported annual reports (政府信息公开工作年度报告): upload, check, show, export."""
