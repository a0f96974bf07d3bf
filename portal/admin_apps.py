from django.contrib.admin.apps import AdminConfig


class MuraAdminConfig(AdminConfig):
    """django.contrib.admin served by `portal.admin_site.MuraAdminSite` (allauth's login, staff MFA).

    In its own module: portal/apps.py may hold only one default AppConfig.
    """

    default_site = "portal.admin_site.MuraAdminSite"
