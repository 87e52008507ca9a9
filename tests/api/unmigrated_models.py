"""A model no migration knows about: the migrations check must catch it."""

from tortoise import fields
from tortoise.models import Model


class Unmigrated(Model):
    id = fields.IntField(primary_key=True)
    label = fields.CharField(max_length=20)
