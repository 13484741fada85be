"""年度报告工作台: compile, draft, check, publish and lock a body's annual report, year after year.

Other apps call ``gongkai.yearbook.lock.is_year_locked`` / ``guard_change`` before changing a record
of a published year, and ``gongkai.yearbook.public.published_reports`` to list published reports.
"""
