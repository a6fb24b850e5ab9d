from celery import shared_task

from .services import abgelaufene_bedarfe_schliessen


@shared_task
def bedarfe_abgelaufen_schliessen() -> int:
    """Daily: needs past their end date close by themselves."""
    return abgelaufene_bedarfe_schliessen()
