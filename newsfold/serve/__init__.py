"""serve: the HTTP API and web UI over a newsfold store (`create_app(db)`, `newsfold serve`)."""

from newsfold.serve.app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
