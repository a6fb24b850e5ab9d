from celery import shared_task

from .services import termine_materialisieren as materialisieren


@shared_task
def termine_materialisieren() -> int:
    """Daily: every running jour-fixe series has its Termine for the coming months."""
    return materialisieren()
