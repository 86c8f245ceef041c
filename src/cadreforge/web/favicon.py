"""`/favicon.ico`: browsers ask for it on every first page load whatever the page links, so it redirects to
the icon in our static files instead of answering 404."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    return HttpResponsePermanentRedirect(static("web/favicon.svg"))
