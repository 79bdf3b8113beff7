app_name = "knowledge-api"
urlpatterns: list = []
