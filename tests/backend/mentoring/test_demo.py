"""The demo step: mentorships with sessions for the demo logins, open requests, a programme; idempotent."""

from __future__ import annotations

import pytest

from backend.demo.loader import load_demo
from backend.demo.logins import LOGIN_BY_ROLE, STARTUP_NAME
from backend.demo.mentoring import PROGRAMME
from backend.mentoring.models import MentoringRequest, MentoringSession, Mentorship, Programme, Proposal

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = (MentoringRequest, Mentorship, MentoringSession, Programme, Proposal)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_mentoring_for_the_demo_logins_and_a_second_load_writes_nothing():
    load_demo()
    mentor = LOGIN_BY_ROLE["mentor"].email
    ours = Mentorship.objects.get(startup__name=STARTUP_NAME, mentor__user__email=mentor)
    assert ours.status == "active"
    assert ours.sessions.count() >= 3
    assert ours.request.needs and ours.request.requested_by.email == LOGIN_BY_ROLE["startup"].email
    mentees = Mentorship.objects.filter(mentor__user__email=mentor)
    assert mentees.filter(status="active").count() >= 2 and mentees.filter(status="ended").exists()
    assert mentees.filter(status="active").count() <= mentees.first().mentor.capacity
    assert MentoringRequest.objects.filter(mentor__user__email=mentor, status="pending").exists()
    assert MentoringRequest.objects.filter(startup__name=STARTUP_NAME, status="pending").exists()
    assert MentoringRequest.objects.filter(mentor__user__email=mentor, status="declined").exclude(decline_reason="")
    programme = Programme.objects.get(name=PROGRAMME)
    assert programme.organisation.memberships.filter(user__email=LOGIN_BY_ROLE["organizer"].email).exists()
    assert programme.proposals.filter(status="confirmed").count() == 1
    assert programme.proposals.filter(mentor__user__email=mentor, status="proposed").exists()
    # Every mentor within capacity (the trigger would have refused otherwise, but say it).
    for m in Mentorship.objects.filter(status="active").values("mentor").distinct():
        held = Mentorship.objects.filter(status="active", mentor=m["mentor"]).count()
        assert held <= Mentorship.objects.filter(mentor=m["mentor"]).first().mentor.capacity
    before = _counts()

    ctx = load_demo()

    assert _counts() == before
    assert {k: v for k, v in ctx.stats.items() if v and not k.endswith(" ms")} == {}
