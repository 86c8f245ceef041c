"""Login, the second factor (verify and enrol) and the password change. Thin: the rules are in services."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from cadreforge.core.errors import DomainError

from . import services
from .forms import LoginForm, OtpCodeForm, OwnPasswordChangeForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verify_second_factor(request, request.user, form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            return redirect(_next_url(request))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = services.pending_device(user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            services.confirm_enrolment(request, user, form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            messages.success(request, "动态口令已启用，以后登录时须输入手机上显示的口令。")
            return redirect(_next_url(request))
    if device is None:
        device = services.start_enrolment(user)
    uri = services.provisioning_uri(device)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr": services.qr_data_uri(uri),
        "secret": services.secret_text(device),
        "required": user.requires_second_factor,
        "enrolled": services.has_confirmed_device(user),
    }
    return render(request, "accounts/otp_enrol.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("web:program-list")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_by_owner(form.user)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "密码已修改。")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["forced"] = user.must_change_password
        return context
