from django.db import models


class Zeitstempel(models.Model):
    """Creation and change times for every domain row."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
