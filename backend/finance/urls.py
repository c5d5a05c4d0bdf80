from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.finance import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("finance/needs", views.NeedViewSet, basename="finance-need")
router.register("finance/responses", views.ResponseViewSet, basename="finance-response")

urlpatterns = [
    path("finance/bank/needs", views.BankNeedsView.as_view(), name="finance-bank-needs"),
    *router.urls,
]
