from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the application over HTTP and WebSockets (uvicorn, ASGI)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args: object, host: str, port: int, workers: int, **options: object) -> None:
        import uvicorn

        uvicorn.run(
            "fating.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            lifespan="on",  # fating.asgi.lifespan: the embedded recorder
            # uvicorn closes an idle keep-alive connection after 5 s, the very idle time after
            # which clients such as httpx drop theirs: a request sent on a connection the server
            # is closing fails (the likely cause of one POST in 7,000 failing at the design point). Longer than any client's
            # idle time (nginx's default), so the client always closes first.
            timeout_keep_alive=75,
        )
