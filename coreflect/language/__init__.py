"""The language lens: a phrase list of deficit language, a matcher, organisations' own entries, and the
"check a document" page."""
