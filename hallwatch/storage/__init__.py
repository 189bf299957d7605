"""SQLite storage: typed models, the database handle, migrations, blobs."""
