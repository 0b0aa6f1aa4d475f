from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("causes/", views.GuideSectionView.as_view(**views.SECTIONS["causes"]), name="causes"),
    path("home-remedies/", views.GuideSectionView.as_view(**views.SECTIONS["remedies"]), name="remedies"),
    path("lifestyle/", views.GuideSectionView.as_view(**views.SECTIONS["lifestyle"]), name="lifestyle"),
    path("prevention/", views.GuideSectionView.as_view(**views.SECTIONS["prevention"]), name="prevention"),
    path("when-to-seek-help/", views.GuideSectionView.as_view(**views.SECTIONS["seek_help"]), name="seek_help"),
    path("contact/", views.ContactView.as_view(), name="contact"),
]
