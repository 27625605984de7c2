"""The event log (outbox): what changed, per stream, in the order it was committed.

A row is written in the same transaction as the change it reports, so an event exists
exactly when its change does. `seq` is the stream's own counter, given by the writer
under its lock (for a thread, its version), so a stream's events commit in `seq` order
and a reader that has seen `seq` N has seen everything up to N.
"""

from django.db import models


class Event(models.Model):
    stream = models.CharField(max_length=100)
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stream", "seq"], name="one_event_per_stream_seq")
        ]

    def __str__(self):
        return f"{self.stream}#{self.seq} {self.kind}"
