from django.http import JsonResponse
from django.utils.translation import gettext as _


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """django-axes lockout in the API's error shape."""
    message = _("登录失败次数过多，请稍后再试 · Too many failed logins; try again later.")
    return JsonResponse({"message": message, "code": "locked_out", "errors": {}}, status=429)
