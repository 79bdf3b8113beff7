from fating.disputes.tests.factories import world  # noqa: F401  (fixture)
