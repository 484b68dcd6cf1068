"""Business rules, one module per capability. No GraphQL here."""
