"""The Today view: what needs doing now, and the rhythm of the last 12 weeks."""
