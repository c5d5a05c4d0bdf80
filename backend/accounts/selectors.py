from django.db.models import Prefetch, QuerySet

from backend.accounts.models import User


def user_with_memberships(user_id: int) -> User:
    from backend.directory.models import Membership

    qs: QuerySet[User] = User.objects.select_related("mentor_profile").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation").order_by("id"))
    )
    return qs.get(pk=user_id)
