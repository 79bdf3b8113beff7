app_name = "documents-api"
urlpatterns: list = []
