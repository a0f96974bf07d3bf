from django.conf import settings

from portal import roles


def portal(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "PORTAL_BASE_URL": settings.PORTAL_BASE_URL,
        "is_organizer": authenticated and roles.is_organizer(user),
        "is_portal_admin": authenticated and (user.is_staff or roles.is_admin(user)),
        "low_vision": request.COOKIES.get("mura_low_vision") == "1",
    }
