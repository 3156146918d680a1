"""The question bank view: browse, filter, add, edit, retire and reorder questions."""
