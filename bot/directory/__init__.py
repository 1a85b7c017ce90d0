"""The directory of initiatives and contact points: schema, storage, loading and search."""
