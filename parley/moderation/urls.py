from django.urls import path

from parley.moderation import views

app_name = "moderation"
urlpatterns = [
    path("comments/<int:comment_id>/report", views.report_comment, name="report"),
    path("warning", views.warning, name="warning"),
]
