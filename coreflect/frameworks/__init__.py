"""Framework content as data: YAML files, their schema, immutable versions, and framework pages.

Other apps read frameworks only through `coreflect.frameworks.queries` and the models' public
properties; they never parse content files themselves.
"""
