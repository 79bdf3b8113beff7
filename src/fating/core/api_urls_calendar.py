from django.urls import path

from fating.core import api_calendar

app_name = "calendar-api"

urlpatterns = [
    path("period/", api_calendar.period, name="period"),
    path("holiday-years/", api_calendar.holiday_years, name="holiday-years"),
]
