from fating.conversations.tests.factories import _media_root, chat, world  # noqa: F401  (fixtures)
from fating.delivery.tests.factories import served  # noqa: F401  (fixture)
