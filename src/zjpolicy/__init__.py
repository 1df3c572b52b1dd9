"""zjpolicy: Zhejiang science-and-technology policy documents as a SQLite database of facts."""

__version__ = "0.1.0"
# Bumped whenever extraction output may change: the default database is
# rebuilt when this differs from the version it was built with.
EXTRACTOR_VERSION = "0.1.0-x1"
# Bumped whenever the database layout changes.
SCHEMA_VERSION = 1
