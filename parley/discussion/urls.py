from django.urls import path

from parley.discussion import views

app_name = "discussion"
urlpatterns = [
    path("threads/<int:thread_id>/comment", views.post_comment, name="post"),
]
