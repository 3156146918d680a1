"""Desktop CRM: a private, offline personal CRM for finding work through people."""

__version__ = "0.1.0"
