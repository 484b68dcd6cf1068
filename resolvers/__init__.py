"""Thin resolvers, DataLoaders, the request context and subscriptions."""
