from fating.disputes.tests.factories import causes_2025, world  # noqa: F401  (fixtures)
