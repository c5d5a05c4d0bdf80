from rest_framework import mixins, permissions, viewsets

from backend.jobs.models import Job
from backend.jobs.serializers import JobSerializer


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Jobs the requester started (admins: all). Others' jobs answer 404."""

    serializer_class = JobSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["kind", "status"]

    queryset = Job.objects.none()  # for the schema; requests go through get_queryset

    def get_queryset(self):
        user = self.request.user
        qs = Job.objects.all()
        return qs if user.is_platform_admin else qs.filter(created_by=user)
