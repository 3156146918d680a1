"""The organizations view: employers and the surround of each one."""
