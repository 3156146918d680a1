"""What the app can do, as plain Python over the store. No Qt here."""
