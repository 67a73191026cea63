"""The store's errors, which every layer above it catches and words for its users."""


class StoreUnavailable(RuntimeError):
    """The store cannot be read (down, unreachable, too slow, or not set up)."""
