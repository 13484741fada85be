"""年度报告工作台: compile, draft, check, publish and lock a body's annual report, year after year.

Other apps call ``gongkai.report_workspace.actions.lock.is_year_locked`` / ``guard_change`` before changing a record
of a published year, and ``gongkai.report_workspace.public.published_reports`` to list published reports.
"""
