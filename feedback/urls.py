from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.post_feedback, name="post"),
    path("thanks/", views.thanks, name="thanks"),
]
