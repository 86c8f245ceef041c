"""The REST API v1 (django-ninja): /api/v1/, schema at /api/v1/openapi.json, docs at /api/v1/docs.

Lists are paginated by page number: `?page=1&page_size=50` (page_size at most 200) and answer
`{"items": [...], "count": N}`. Errors answer `{"detail": "<中文说明>"}`: 400 for a broken rule, 401 without a
valid token, 403 when the role may not, 404 for anything unknown or outside the user's scope.
"""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.core.locking import StaleEdit

from .auth import UNAUTHORIZED_MESSAGE, SessionAuth, TokenAuth, docs_login_required
from .routers import chains as chain_routes
from .routers import dashboard as dashboard_routes
from .routers import evaluation as evaluation_routes
from .routers import matching as matching_routes
from .routers import people, pipeline, programs, secondment
from .routers import registry as registry_routes
from .routers import selection as selection_routes
from .routers import training as training_routes
from .validation import chinese_errors


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON: Chinese text as characters, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="CadreForge API",
    version="1",
    description="CadreForge 经济型专业干部管理平台接口。认证：`Authorization: Bearer <API 令牌>`（在“API 令牌”页面创建），"
    "或浏览器登录会话。金额为字符串形式的元，日期为 ISO 格式，干部以干部编号标识，身份证号和手机号只给脱敏值。",
    urls_namespace="api:api-v1",
    auth=[TokenAuth(), SessionAuth()],
    docs_decorator=docs_login_required,
    renderer=ChineseJSONRenderer(),
)

api.add_router("/programs", programs.router)
api.add_router("/programs", people.router)
api.add_router("/programs", pipeline.router)
api.add_router("/programs", chain_routes.router)
api.add_router("", selection_routes.router)
api.add_router("", matching_routes.router)
api.add_router("/programs", secondment.router)
api.add_router("", training_routes.router)
api.add_router("/programs", dashboard_routes.router)
api.add_router("", evaluation_routes.router)
api.add_router("/enterprises", registry_routes.router)


def _answer(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return _answer(request, exc.message, 404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _answer(request, exc.message, 403)


@api.exception_handler(StaleEdit)
def _conflict(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
    return _answer(request, exc.message, 409)


@api.exception_handler(DomainError)
def _refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _answer(request, exc.message, 400)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _answer(request, UNAUTHORIZED_MESSAGE, 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 403 and "CSRF" in message:
        message = "CSRF 校验失败：通过浏览器会话写入时须带 X-CSRFToken 请求头；脚本请改用 API 令牌。"
    elif exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = "请求体无法解析：应为 UTF-8 编码的 JSON。"
    return _answer(request, message, exc.status_code)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": chinese_errors(exc.errors)}, status=422)
