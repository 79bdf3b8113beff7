from django.http import HttpRequest

from fating.accounts.models import Role


def roles(request: HttpRequest) -> dict:
    """Expose the current user's scope to templates (for navigation)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"fating_scope": None, "fating_role": None}
    from fating.accounts.selectors import primary_role, scope_of

    role = primary_role(user)
    return {
        "fating_scope": scope_of(user),
        "fating_role": role,
        "fating_role_label": Role(role).label if role else "",
    }
