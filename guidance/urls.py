from django.urls import path

from . import views
from .sections import SECTIONS

app_name = "guidance"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *[
        path(section.route, views.GuideSectionView.as_view(section=section), name=section.name)
        for section in SECTIONS
    ],
    path("when-to-see-a-doctor/", views.ChecklistView.as_view(), name="checklist"),
    path("contact/", views.ContactView.as_view(), name="contact"),
]
