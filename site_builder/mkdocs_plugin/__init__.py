"""The MkDocs adapter: the only package that imports MkDocs.

It translates MkDocs' config and events into calls of :mod:`site_builder.pipeline`
and hands over finished page HTML.
"""
