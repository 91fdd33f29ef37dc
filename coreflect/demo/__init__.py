"""The demo loader (`manage.py load_demo`, run by `make run`): the top layer, so it may use every app.

It makes the demo organisation and the people to sign in as, then asks each app to seed its own demo data
through its own services: rounds full of made-up answers (`reflections/demo.py`), then ideas and an action
plan (`actions/demo.py`). Those stay in their apps because they write what only their app may write.
"""
