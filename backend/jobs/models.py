from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """A long piece of work (a large matching run, a schedule, an export).

    The work itself runs in a procrastinate worker (a durable PostgreSQL queue);
    this row is what people see: status, progress and the result. Closing the
    page does not stop the job.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中 · queued")
        RUNNING = "running", _("进行中 · running")
        SUCCEEDED = "succeeded", _("已完成 · succeeded")
        FAILED = "failed", _("失败 · failed")

    kind = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=255, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_percent")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def channel_group(self) -> str:
        return f"job.{self.pk}"
