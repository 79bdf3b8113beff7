from fating.testing import network  # noqa: F401  (the shared two-court network)
