from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.directory import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("regions", views.RegionViewSet, basename="region")
router.register("industries", views.IndustryViewSet, basename="industry")
router.register("carriers", views.CarrierViewSet, basename="carrier")
router.register("startups", views.StartupViewSet, basename="startup")
router.register("investors", views.InvestorViewSet, basename="investor")
router.register("banks", views.BankViewSet, basename="bank")
router.register("loan-products", views.LoanProductViewSet, basename="loan-product")
router.register("mentors", views.MentorViewSet, basename="mentor")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register(r"organisations/(?P<organisation_pk>[0-9]+)/members", views.MemberViewSet, basename="member")
router.register("financing-needs", views.FinancingNeedViewSet, basename="financing-need")

urlpatterns = [
    path("search", views.SearchView.as_view(), name="directory-search"),
    *router.urls,
]
