from django.urls import path

from parley.accounts import views

app_name = "accounts"
urlpatterns = [
    path("people/<str:username>/", views.profile, name="profile"),
    path("people/<str:username>/avatar.png", views.avatar, name="avatar"),
    path("accounts/profile/", views.settings_page, name="settings"),
    path("accounts/profile/avatar", views.avatar_upload, name="avatar_upload"),
    path("accounts/profile/avatar/remove", views.avatar_remove, name="avatar_remove"),
    path("accounts/profile/export", views.export, name="export"),
    path("accounts/profile/delete", views.delete, name="delete"),
    path("accounts/profile/deleted", views.deleted, name="deleted"),
]
