"""API tokens live here once the API lands."""
