"""Data files shipped with govlint (template definitions as TOML)."""
