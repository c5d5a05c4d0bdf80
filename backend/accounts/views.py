"""Auth API: session login for the browser app, tokens for API clients."""

from django.contrib.auth import authenticate, login, logout
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect, ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from backend.accounts import services
from backend.accounts.selectors import user_with_memberships
from backend.accounts.serializers import LoginSerializer, MeSerializer, RegisterSerializer, TokenSerializer
from backend.core.errors import ApplicationError

INVALID_LOGIN = "账号或密码错误 · Wrong account or password."


class AuthThrottled(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"
    permission_classes = [permissions.AllowAny]


def _authenticate(request, data) -> object:
    # django-axes needs the Django request to record failures and flag lockouts.
    user = authenticate(request._request, login=data["login"], password=data["password"])
    if user is None:
        raise ApplicationError(INVALID_LOGIN, code="invalid_login", status_code=status.HTTP_400_BAD_REQUEST)
    return user


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfView(APIView):
    """Sets the CSRF cookie the browser app echoes in ``X-CSRFToken``."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={204: None})
    def get(self, request):
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(csrf_protect, name="dispatch")
class RegisterView(AuthThrottled):
    @extend_schema(request=RegisterSerializer, responses={201: MeSerializer})
    def post(self, request):
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_register(**serializer.validated_data)
        login(request._request, user, backend="backend.accounts.backends.EmailOrPhoneBackend")
        return Response(MeSerializer(user_with_memberships(user.pk)).data, status=status.HTTP_201_CREATED)


@method_decorator(csrf_protect, name="dispatch")
class LoginView(AuthThrottled):
    @extend_schema(request=LoginSerializer, responses={200: MeSerializer})
    def post(self, request):
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _authenticate(request, serializer.validated_data)
        login(request._request, user)
        return Response(MeSerializer(user_with_memberships(user.pk)).data)


class LogoutView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(user_with_memberships(request.user.pk)).data)

    @extend_schema(
        request=inline_serializer("MeUpdate", {"name": serializers.CharField(max_length=100)}), responses=MeSerializer
    )
    def patch(self, request):
        serializer = MeSerializer(request.user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(MeSerializer(user_with_memberships(request.user.pk)).data)


class TokenView(AuthThrottled):
    """Token for API clients (scripts, integrations); the browser app uses the session."""

    @extend_schema(request=LoginSerializer, responses={201: TokenSerializer})
    def post(self, request):
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _authenticate(request, serializer.validated_data)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if not request.user.is_authenticated:
            raise ApplicationError(_("未登录 · Not logged in."), code="not_authenticated", status_code=401)
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
