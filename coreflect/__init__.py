"""Coreflect: co-production self-reflection, with the people who draw on care and support."""
