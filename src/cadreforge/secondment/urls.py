app_name = "secondment"
urlpatterns: list = []
