from django.urls import path

from . import views
from .forms import OTHER_STEP
from .sections import SECTIONS

app_name = "guidance"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *[
        path(section.route, views.GuideSectionView.as_view(section=section), name=section.name)
        for section in SECTIONS
    ],
    path("when-to-see-a-doctor/", views.ChecklistView.as_view(), name="checklist"),
    path(
        "when-to-see-a-doctor/other-signs/",
        views.ChecklistView.as_view(step=OTHER_STEP),
        name="checklist_other_signs",
    ),
    path("contact/", views.ContactView.as_view(), name="contact"),
]
