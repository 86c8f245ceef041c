"""Pages of matching: run the engine for a batch, read the result with its reasons, override one cadre's
post with a reason, publish the result as assignments and form teams. Thin over services and selectors."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.core.errors import DomainError, NotFound
from cadreforge.programs.selectors import get_batch, get_visible_program, visible_posts

from . import selectors, services
from .models import MatchRun


def not_found_as_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


def _visible_batch(request: HttpRequest, code: str, number: int):
    if request.user.role == "cadre":
        raise NotFound(_("找不到该批次，或您无权查看。"))
    return get_batch(get_visible_program(request.user, code), number)


@not_found_as_404
def batch_runs(request: HttpRequest, code: str, number: int) -> HttpResponse:
    batch = _visible_batch(request, code, number)
    if request.method == "POST":
        k = request.POST.get("max_per_unit", "").strip()
        try:
            run, _result = services.run_match(
                request.user,
                batch,
                mode=request.POST.get("mode", MatchRun.Mode.OPTIMAL),
                max_per_unit_at_host=int(k) if k.isdigit() and int(k) > 0 else None,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("matching:run", pk=run.pk)
    context = {
        "batch": batch,
        "program": batch.program,
        "runs": selectors.list_runs(request.user, batch),
        "modes": MatchRun.Mode.choices,
        "default_k": services.DEFAULT_MAX_PER_UNIT_AT_HOST,
        "has_call": hasattr(batch, "call"),
    }
    return render(request, "matching/batch_runs.html", context)


@not_found_as_404
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.get_visible_run(request.user, pk)
    context = {
        "run": run,
        "program": run.batch.program,
        "rows": selectors.run_rows(run),
        "posts": visible_posts(request.user, run.batch.program).order_by("code"),
        "may_write": request.user.may_write and run.status == MatchRun.Status.DRAFT,
    }
    return render(request, "matching/run_detail.html", context)


@require_POST
@not_found_as_404
def run_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    run = selectors.get_visible_run(request.user, pk)
    try:
        if action == "override":
            row = run.rows.filter(pk=request.POST.get("row")).first()
            if row is None:
                raise NotFound(_("该方案没有这一行。"))
            code = request.POST.get("post", "")
            post = run.batch.program.posts.filter(code=code).first() if code else None
            if code and post is None:
                raise DomainError(_("找不到岗位“%(code)s”") % {"code": code})
            services.override(request.user, row, post, reason=request.POST.get("reason", ""))
            messages.success(request, _("已调整。"))
        elif action == "publish":
            made = services.publish(request.user, run)
            messages.success(request, _("已发布：%(n)d条派驻记录。") % {"n": made})
        elif action == "teams":
            teams = services.form_teams(request.user, run)
            messages.success(request, _("已组建%(n)d个小分队。") % {"n": len(teams)})
        else:
            raise NotFound(_("未知操作"))
    except DomainError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
    return redirect("matching:run", pk=run.pk)
