"""No tables of its own."""
