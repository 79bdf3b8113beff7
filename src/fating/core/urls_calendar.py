from django.urls import path

from fating.core import views_calendar

app_name = "core"

urlpatterns = [
    path("period/", views_calendar.period_calculator, name="period-calculator"),
    path("holidays/", views_calendar.holiday_years, name="holiday-years"),
]
