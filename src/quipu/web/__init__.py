"""The web dashboard and its JSON API (`quipu serve`): see `quipu.web.app`."""

from quipu.web.app import create_app, find_assets

__all__ = ["create_app", "find_assets"]
