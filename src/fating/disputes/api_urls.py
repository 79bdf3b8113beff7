app_name = "disputes-api"
urlpatterns: list = []
