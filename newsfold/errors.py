"""Exceptions are for bugs and the environment; bad input is data (ReadError, Removed).

NewsfoldError
 ├── StoreError        the database cannot be opened, migrated or written
 ├── ConfigError       an option or setting is invalid
 └── ModelUnavailable  a packaged model (embeddings, spaCy) is not installed
"""


class NewsfoldError(Exception):
    """Base of every error newsfold raises on purpose; the CLI maps it to exit code 2."""

    exit_code = 2


class StoreError(NewsfoldError):
    pass


class ConfigError(NewsfoldError):
    pass


class ModelUnavailable(NewsfoldError):
    pass
