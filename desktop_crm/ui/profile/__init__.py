"""Your profile dialog: the pitch and targets that prep sheets and email drafts use."""
