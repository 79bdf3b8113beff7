pytest_plugins = ["fating.testing"]
