"""Files prepared in the background (issue #18): an export that takes seconds or minutes is queued,
produced by a worker through a table of producers the owning apps register, stored through Django's
storage API, and downloaded only by the person who asked, from a status page they can leave and come
back to (docs/architecture.md, "Files prepared in the background").

The app sits between ``web`` and ``bodies`` in the map: it knows users, storage and the queue, and
nothing of any domain; the producers live in the apps that own the data (their ``documents/``).
"""
