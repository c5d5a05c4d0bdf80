from django.urls import path

from backend.insight import views

urlpatterns = [
    path("insight/statistics", views.StatisticsView.as_view(), name="insight-statistics"),
    path("insight/statistics.xlsx", views.StatisticsWorkbookView.as_view(), name="insight-workbook"),
    path("insight/report", views.ReportView.as_view(), name="insight-report"),
    path("insight/ecosystem", views.EcosystemView.as_view(), name="insight-ecosystem"),
    path("insight/remit", views.RemitView.as_view(), name="insight-remit"),
]
