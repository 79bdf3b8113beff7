from django.conf import settings

# Until the app is registered in settings.INSTALLED_APPS, its tests are not collected (they
# would fail to import its models) instead of breaking the whole suite.
if "fating.conversations" in settings.INSTALLED_APPS:
    from fating.conversations.tests.factories import _media_root, chat, world  # noqa: F401
else:
    collect_ignore_glob = ["test_*.py", "factories.py", "communicator.py"]
