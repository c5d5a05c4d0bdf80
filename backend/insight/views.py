"""Statistics endpoints: figures (JSON), the workbook (xlsx), the printable report (HTML), the ecosystem map."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.insight import exports, selectors
from backend.insight.ecosystem import ecosystem_map
from backend.insight.scope import Scope, remit_of, scope_for
from backend.insight.sections import MIN_GROUP
from backend.insight.serializers import EcosystemSerializer, RemitSerializer, ScopeQuerySerializer, StatisticsSerializer
from backend.insight.statistics import statistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def requested_scope(request) -> Scope:
    """The scope asked for in the query string, narrowed to the viewer's remit (400 / 403 otherwise)."""
    query = ScopeQuerySerializer(data=request.GET)
    query.is_valid(raise_exception=True)
    return scope_for(request.user, **query.validated_data)


def payload(scope: Scope) -> dict:
    return {"scope": scope, "sections": statistics(scope), "min_group": MIN_GROUP}


class StatisticsView(APIView):
    """统计 · The figures of every area for a region (with sub-regions), carrier and period."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[ScopeQuerySerializer], responses=StatisticsSerializer, summary="Statistics")
    def get(self, request):
        return Response(StatisticsSerializer(payload(requested_scope(request))).data)


class StatisticsWorkbookView(APIView):
    """The same figures as an Excel workbook, one sheet per area."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[ScopeQuerySerializer], responses={(200, XLSX): OpenApiTypes.BINARY}, summary="Statistics as Excel"
    )
    def get(self, request):
        scope = requested_scope(request)
        body = exports.workbook(scope, statistics(scope))
        response = HttpResponse(body, content_type=XLSX)
        name = f"innolink-statistics-{scope.date_from:%Y%m%d}-{scope.date_to:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class EcosystemView(APIView):
    """生态图谱 · Who is connected to whom: central actors, communities, startups nobody reached yet."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[ScopeQuerySerializer], responses=EcosystemSerializer, summary="Ecosystem map")
    def get(self, request):
        return Response(EcosystemSerializer(ecosystem_map(requested_scope(request))).data)


class RemitView(APIView):
    """The regions and carriers the viewer may choose (403 for anyone who reads no statistics)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=RemitSerializer, summary="Statistics remit")
    def get(self, request):
        remit = remit_of(request.user)
        regions = selectors.remit_regions(remit).values("id", "name", "name_en", "parent", "depth")
        carriers = selectors.remit_carriers(remit).only("id", "name", "region_id", "kind")
        default_region = remit.regions[0].pk if remit.regions else None
        default_carrier = remit.carriers[0].pk if not remit.regions and remit.carriers else None
        return Response(
            RemitSerializer(
                {
                    "everything": remit.everything,
                    "regions": list(regions),
                    "carriers": list(carriers),
                    "default_region": default_region,
                    "default_carrier": default_carrier,
                }
            ).data
        )


class ReportView(APIView):
    """The printable report (基本情况) in Chinese: a server-rendered page for the browser's print dialog."""

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [TemplateHTMLRenderer]

    @extend_schema(
        parameters=[ScopeQuerySerializer],
        responses={(200, "text/html"): OpenApiTypes.STR},
        summary="Printable report (Chinese)",
    )
    def get(self, request):
        scope = requested_scope(request)
        context = {
            "scope": scope,
            "sections": statistics(scope),
            "generated": timezone.localtime(),
            "min_group": MIN_GROUP,
        }
        return Response(context, template_name="insight/report.html")
