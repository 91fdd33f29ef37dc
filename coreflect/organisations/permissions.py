"""The one vocabulary of roles and permissions.

Views say which `Permission` they need; `ROLE_PERMISSIONS` says which roles hold it. A new
capability adds a permission here and a row to the permission tests.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    FACILITATOR = "facilitator", _("Facilitator")
    VIEWER = "viewer", _("Viewer")


ROLE_DESCRIPTIONS = {
    Role.ADMIN: _("Manages members and the organisation's settings, and can do everything a facilitator can."),
    Role.FACILITATOR: _("Runs reflections: sets them up, invites people, agrees the group's view and the action plan."),
    Role.VIEWER: _("Reads results and action plans, for example a board or scrutiny panel."),
}


class Permission(StrEnum):
    VIEW_ORGANISATION = "view_organisation"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_SETTINGS = "manage_settings"
    EXPORT_RAW_DATA = "export_raw_data"
    VIEW_AUDIT_TRAIL = "view_audit_trail"
    RUN_REFLECTIONS = "run_reflections"
    VIEW_RESULTS = "view_results"
    EDIT_FRAMEWORKS = "edit_frameworks"
    DELETE_ROUNDS = "delete_rounds"
    DELETE_ORGANISATION = "delete_organisation"
    # Recording that a framework version's Welsh or Easy Read wording has been checked by the people it is for.
    RECORD_WORDING_CHECKS = "record_wording_checks"


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.FACILITATOR: frozenset(
        {
            Permission.VIEW_ORGANISATION,
            Permission.RUN_REFLECTIONS,
            Permission.VIEW_RESULTS,
            Permission.RECORD_WORDING_CHECKS,
        }
    ),
    Role.VIEWER: frozenset({Permission.VIEW_ORGANISATION, Permission.VIEW_RESULTS}),
}


# A co-lead of a round (coreflect.reflections.models) does what a facilitator does, in that round only
# (coreflect.organisations.access decides which pages are "that round").
CO_LEAD_PERMISSIONS = ROLE_PERMISSIONS[Role.FACILITATOR]


def role_allows(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
