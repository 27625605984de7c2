from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "parley.discussion"
    label = "discussion"
    verbose_name = "Discussion"

    def ready(self):
        from parley.discussion.selectors import thread_live_stream
        from parley.live import streams

        # Readers follow a thread at /live/threads/<id>.
        streams.register("threads", thread_live_stream)
