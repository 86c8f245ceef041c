# The response scanner (pii_scan) is loaded for the whole suite by tests/conftest.py.
