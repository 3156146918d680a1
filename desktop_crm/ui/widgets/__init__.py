"""Small widgets and helpers every view shares: empty states, badges, theme, settings."""
