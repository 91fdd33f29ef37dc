"""The results app keeps no tables of its own: the running totals it reads live in `reflections`
(`reflections.models.Tally`), below every app that shows figures, beside the one module that decides what
may be shown of them (`reflections.disclosure`)."""
