from django.urls import path

from . import views

app_name = "guidance"

SECTION_ROUTES = {
    "causes": "causes/",
    "remedies": "home-remedies/",
    "lifestyle": "lifestyle/",
    "prevention": "prevention/",
    "seek_help": "when-to-seek-help/",
}

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *[
        path(route, views.GuideSectionView.as_view(**views.SECTIONS[name]), name=name)
        for name, route in SECTION_ROUTES.items()
    ],
    path("when-to-see-a-doctor/", views.ChecklistView.as_view(), name="checklist"),
    path("contact/", views.ContactView.as_view(), name="contact"),
]
