from fating.judgments.tests.factories import judged  # noqa: F401
