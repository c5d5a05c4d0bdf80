"""The browser app's shell: Django serves the built Vue app for every page route."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

MISSING_BUILD = """<!doctype html><meta charset="utf-8"><title>Innolink</title>
<p>前端尚未构建 · The frontend is not built yet. Run <code>make run</code>.</p>"""


@require_GET
@ensure_csrf_cookie
def spa(request, *args, **kwargs):
    index = settings.FRONTEND_DIST / "index.html"
    try:
        html = index.read_text(encoding="utf-8")
    except FileNotFoundError:
        return HttpResponse(MISSING_BUILD, status=503)
    response = HttpResponse(html)
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
