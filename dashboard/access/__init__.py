"""Sign-in and scoped access: who is asking, and what they may see (docs/architecture.md)."""
