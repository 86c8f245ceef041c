"""A page that leaks a full ID number, to prove the response scanner catches it."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from cadreforge.core.validators import id_check_character

LEAKED = "11010519491231002" + id_check_character("11010519491231002")

urlpatterns = [
    path("leak/", login_not_required(lambda request: HttpResponse(f"<td>{LEAKED}</td>"))),
    path(
        "reveal/",
        login_not_required(lambda request: HttpResponse(LEAKED, headers={"X-Personal-Data": "revealed"})),
    ),
]
