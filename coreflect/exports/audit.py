"""Every file taken out of Coreflect is in the audit trail: each `Download` row, however it was made (a page's
download, a background report, a share link, raw data), is recorded as an event when it is saved."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from coreflect.audit.models import Kind
from coreflect.audit.trail import record

from .models import Contents, Download

KINDS: dict[str, Kind] = {Contents.RAW_DATA: Kind.RAW_DATA_EXPORTED, Contents.DATA: Kind.DATA_EXPORTED}


@receiver(post_save, sender=Download, dispatch_uid="audit_download")
def recorded(sender, instance: Download, created: bool, **kwargs):
    if not created:
        return
    via_link = " (through a share link)" if instance.share_link_id else ""
    record(
        KINDS.get(instance.contents, Kind.REPORT_EXPORTED),
        organisation_id=instance.round.organisation_id,
        target=instance.round,
        changed={"file": [None, f"{instance.get_contents_display()}, {instance.get_format_display()}{via_link}"]},
        actor=instance.downloaded_by,
    )
