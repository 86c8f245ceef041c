"""Pages of the user's own API tokens: list, create (the clear token is shown once), revoke."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cadreforge.core.errors import DomainError, NotFound

from . import selectors, services
from .forms import TokenForm


@never_cache
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """GET lists my tokens; POST creates one and shows its clear value in this answer only."""
    form = TokenForm(request.POST or None)
    new_token = clear = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token, clear = services.create_token(request.user, name=form.cleaned_data["name"])
        except DomainError as exc:
            form.add_error("name", exc.message)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "tokens": selectors.tokens_of(request.user),
        "new_token": new_token,
        "clear_token": clear,
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = selectors.get_token_of(request.user, pk)
        services.revoke_token(request.user, token)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("令牌“%(name)s”已撤销，使用它的请求将被拒绝。") % {"name": token.name})
    return redirect("api:tokens")
