"""Actions outlive what they came from: when a round or an owner's account is deleted, the action stays in the
plan with a mark saying what went (the round's title; the owner's name, so an admin can give it a new owner).

Receivers of `pre_delete`, so the mark is made by every way of deleting – the service, the operations admin –
in the same transaction, before the foreign key is set to NULL.
"""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from coreflect.reflections.models import Round

from .models import Action


@receiver(pre_delete, sender=Round, dispatch_uid="actions_keep_deleted_round_title")
def keep_the_round_title(sender, instance: Round, **kwargs) -> None:
    Action.objects.filter(round=instance).update(deleted_round_title=instance.title[:200])


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="actions_mark_owner_gone")
def mark_actions_without_owner(sender, instance, **kwargs) -> None:
    Action.objects.filter(owner=instance).update(former_owner_name=(instance.name or instance.email)[:150])
