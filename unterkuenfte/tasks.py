from celery import shared_task

from .services import bedarfe_close_expired


@shared_task
def bedarfe_abgelaufen_schliessen() -> int:
    """Daily: needs past their end date close by themselves."""
    return bedarfe_close_expired()
