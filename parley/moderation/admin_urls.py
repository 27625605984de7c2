"""The moderators' workspace, mounted under /admin/moderation/ by wagtail_hooks."""

from django.urls import path

from parley.moderation import views

app_name = "moderation_admin"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("queue/<str:name>/", views.queue, name="queue"),
    path("comments/<int:comment_id>/<str:action>/", views.comment_action, name="comment"),
    path("bulk/", views.bulk_action, name="bulk"),
    path("users/<int:user_id>/", views.user_detail, name="user"),
    path("users/<int:user_id>/<str:action>/", views.user_action, name="user_action"),
    path("audit/", views.audit_log, name="audit"),
]
