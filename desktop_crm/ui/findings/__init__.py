"""The findings view: answers side by side, agreement marks, conclusions."""
