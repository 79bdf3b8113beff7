from fating.cases.tests.conftest import network  # noqa: F401  (court codes valid for case numbers)
from fating.conversations.tests.factories import _media_root, chat, world  # noqa: F401
from fating.delivery.tests.factories import served  # noqa: F401
