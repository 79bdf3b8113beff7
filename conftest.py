import pytest

pytest_plugins = ["fating.testing"]


def _uses_demo_server(item: pytest.Item) -> bool:
    return "asgi_demo" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest items first, so two workers finish together instead of one of them walking
    the API contract or the browser journeys alone at the end; and every test driving the
    seeded demo server on one worker (`--dist loadgroup`), which then seeds the county once."""
    for item in items:
        if _uses_demo_server(item):
            item.add_marker(pytest.mark.xdist_group("asgi_demo"))

    def weight(item: pytest.Item) -> int:
        if item.get_closest_marker("contract"):
            return 0
        if _uses_demo_server(item):
            return 1
        return 2 if item.get_closest_marker("browser") else 3

    items.sort(key=weight)  # stable: the order within each kind is kept
