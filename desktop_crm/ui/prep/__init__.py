"""The prep-sheet preview: pages rendered in a worker, saved, printed or opened."""
