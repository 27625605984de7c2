from django.urls import path

from parley.discussion import views

app_name = "discussion"
urlpatterns = [
    path("threads/<int:thread_id>/comment", views.post_comment, name="post"),
    path("comments/<int:comment_id>/like", views.like_comment, name="like"),
    path("comments/<int:comment_id>/edit", views.edit_comment, name="edit"),
    path("comments/<int:comment_id>/delete", views.delete_comment, name="delete"),
]
