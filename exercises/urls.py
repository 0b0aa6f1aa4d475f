from django.urls import path

from . import sessions, views

app_name = "exercises"

urlpatterns = [
    path("", views.ExerciseListView.as_view(), name="list"),
    # Before the exercise pages, whose slugs would otherwise take these addresses.
    path("routine/", views.RoutineView.as_view(), name="routine"),
    path("routine/print/", views.RoutinePrintView.as_view(), name="routine_print"),
    path("routine/reminders.ics", views.RoutineCalendarView.as_view(), name="routine_calendar"),
    path("routine/start/", sessions.RoutineSessionView.as_view(), name="routine_session"),
    path("routine/start-again/", views.RoutineClearView.as_view(), name="routine_clear"),
    path("routines/", views.ReadyMadeListView.as_view(), name="routines"),
    path("routines/<slug:slug>/", views.ReadyMadeDetailView.as_view(), name="routine_detail"),
    path(
        "routines/<slug:slug>/print/",
        views.ReadyMadePrintView.as_view(),
        name="routine_detail_print",
    ),
    path(
        "routines/<slug:slug>/reminders.ics",
        views.ReadyMadeCalendarView.as_view(),
        name="routine_detail_calendar",
    ),
    path(
        "routines/<slug:slug>/start/",
        sessions.ReadyMadeSessionView.as_view(),
        name="routine_detail_session",
    ),
    path("<slug:slug>/", views.ExerciseDetailView.as_view(), name="detail"),
]
