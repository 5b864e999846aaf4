"""Alembic migrations for the ACH case database (run by :mod:`unspin.ach.store`)."""
