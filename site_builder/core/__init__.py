"""The engine-neutral core: model, schema, load, validate, index, pages, render.

Pure stages from files to page HTML. Nothing here imports a site engine or
writes a file: ``tests/test_architecture.py`` keeps it so.
"""
