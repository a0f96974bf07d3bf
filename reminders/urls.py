from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    # The signed link in every digest sent to a person (reminders/unsubscribe.py).
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    # Escalated reminders' official letters (issue 17), linked from the recommendation's reminder history.
    path("letters/<int:pk>.pdf", views.LetterView.as_view(), name="letter"),
]
