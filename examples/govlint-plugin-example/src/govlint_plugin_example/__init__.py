"""An example govlint plugin (see ``plugin.py`` for the registration and
``rectification.py`` for the rule)."""
