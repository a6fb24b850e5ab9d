from celery import shared_task


@shared_task
def termine_materialisieren() -> int:
    """Daily: every running jour-fixe series has its Termine for the coming months."""
    from .services import termine_materialisieren as materialisieren

    return materialisieren()
