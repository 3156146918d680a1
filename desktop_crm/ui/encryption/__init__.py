"""Encryption at rest in the window: the passphrase at start, File > Encryption…."""
