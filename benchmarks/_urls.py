"""The app's URLs plus a hello-world view: the baseline for API throughput, served by the same server,
through the same middleware. Used only by the benchmark server (benchmarks/_server.py)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from cadreforge.urls import urlpatterns as app_urlpatterns


@login_not_required
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *app_urlpatterns]
