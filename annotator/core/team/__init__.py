"""Team projects on a PostgreSQL server: the lead shares a project, each coder syncs a local copy.

The local ``.annotator`` file stays the working copy (SQLite speed, works offline); the server holds the
team's shared state and enforces who may read and write what with roles and row-level security, so
blind coding does not depend on the client. Modules:

- ``credentials``: connection strings the libpq way (URLs, service names, ``~/.pgpass``); one-line errors.
- ``server_schema``: the tables, policies and triggers on the server, and its version.
- ``roles``: the lead's administration of coder logins (create, disable, reset password).
- ``ownership``: who owns which records, written down once for the sync, the report and the docs.
- ``remote``: the PostgreSQL side of a sync (push, pull by snapshot, read-back).
- ``sync``: one sync of a local file, ``share`` (``team create``) and ``join``.
- ``status``: who finished what.

No Qt here; the SQLite side of a sync lives in the store (``annotator.core.store.sync_log``).
"""
