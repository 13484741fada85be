"""Background work on Celery: the app (app.py), the table of periodic jobs (schedule.py), the task
that runs a periodic job (tasks.py) and ``gongkai worker`` (management/commands/worker.py).

The apps' own tasks live in their ``tasks/`` packages as ``shared_task``s, so no app imports this
package; the periodic jobs are named here by dotted path (docs/architecture.md, "Background work").
"""
