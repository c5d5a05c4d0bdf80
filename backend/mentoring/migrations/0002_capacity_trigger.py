"""The database's own guard for mentor capacity.

A BEFORE trigger on mentorships locks the mentor's profile row (the same lock
the services take with ``select_for_update(no_key=True)``), counts the mentor's
other active mentorships and refuses the row that would pass
``MentorProfile.capacity`` with a ``check_violation`` (an IntegrityError, so the
API answers 409). Taking the lock before counting serialises concurrent
acceptances for one mentor: the second waits, then counts the first. Under
READ COMMITTED (Django's default) each statement of the function reads a fresh
snapshot, so the count sees what the first transaction committed.

Lowering a capacity below the current count is allowed: it only stops new mentees.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION mentoring_mentorship_within_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cap integer;
    held integer;
BEGIN
    IF NEW.status <> 'active' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'active' AND OLD.mentor_id = NEW.mentor_id THEN
        RETURN NEW;
    END IF;
    SELECT capacity INTO cap FROM directory_mentorprofile WHERE id = NEW.mentor_id FOR NO KEY UPDATE;
    SELECT count(*) INTO held FROM mentoring_mentorship
        WHERE mentor_id = NEW.mentor_id AND status = 'active' AND id <> NEW.id;
    IF cap IS NOT NULL AND held >= cap THEN
        RAISE EXCEPTION 'mentor % already holds % of % active mentorships', NEW.mentor_id, held, cap
            USING ERRCODE = 'check_violation', CONSTRAINT = 'mentorship_within_mentor_capacity';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER mentorship_within_mentor_capacity
    BEFORE INSERT OR UPDATE OF status, mentor_id ON mentoring_mentorship
    FOR EACH ROW EXECUTE FUNCTION mentoring_mentorship_within_capacity();
"""

DROP = """
DROP TRIGGER IF EXISTS mentorship_within_mentor_capacity ON mentoring_mentorship;
DROP FUNCTION IF EXISTS mentoring_mentorship_within_capacity();
"""


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]
