"""The facilitator's workshop pages: start, run, project and keep the record."""

urlpatterns: list = []
