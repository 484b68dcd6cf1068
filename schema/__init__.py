"""Strawberry types, inputs, enums and scalars, and the root schema (schema/root.py)."""
