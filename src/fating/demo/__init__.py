"""The platform demo: a synthetic county with two courts, seeded through the apps' services.

The top app: it imports every other app and no app imports it (`fating demo`, `fating seed_demo`).
"""
