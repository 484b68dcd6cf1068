"""The texts of schema/descriptions.py, one module per area."""
