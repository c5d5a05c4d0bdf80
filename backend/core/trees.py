"""Small trees (regions, industries) as materialized paths.

Trees here are small and rarely change, so each node stores the ids from the
root as ``/1/5/23/``; "this node and everything below" is one indexed prefix
match, which filters such as "industry incl. sub-industries" need.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import Q


class TreeNode(models.Model):
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
                raise ValueError("A node cannot be moved below itself.")
            old_path = self.path
            super().save(*args, **kwargs)
            prefix = self.parent.path if self.parent_id else "/"
            new_path = f"{prefix}{self.pk}/"
            if new_path != old_path:
                type(self).objects.filter(pk=self.pk).update(path=new_path, depth=new_path.count("/") - 2)
                if old_path:
                    # Move the subtree along.
                    for node in type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                        node.path = new_path + node.path[len(old_path) :]
                        node.depth = node.path.count("/") - 2
                        type(self).objects.filter(pk=node.pk).update(path=node.path, depth=node.depth)
                self.path, self.depth = new_path, new_path.count("/") - 2

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return type(self).objects.filter(pk__in=ids).order_by("depth")


def subtree_q(field: str, nodes) -> Q:
    """Q for rows whose *field* (a FK or M2M to a TreeNode) is in the subtrees of *nodes*."""
    q = Q(pk__in=[])
    for node in nodes:
        q |= Q(**{f"{field}__path__startswith": node.path})
    return q
